/**
 * Where the music is now, between ticks: the last sure report moved on at its tempo. Ticks come
 * ~20/s but arrive in bursts over a hall's Wi-Fi; extrapolating from the report's own time (the
 * server's clock, brought to this one by the clock exchange) keeps the highlight moving smoothly and
 * not a network delay behind. Never more than a short way past the last report: a follower that
 * stops reporting must not be outrun by the screen.
 */
import type { Position } from '@tutti/protocol';

/** Beyond this the screen stops moving on and waits for the next report. */
export const MAX_EXTRAPOLATION_MS = 1500;

/** Score beat at client time `nowMs` for a report that held at client time `atMs`. */
export function extrapolatedBeat(position: Position, atMs: number, nowMs: number, maxMs = MAX_EXTRAPOLATION_MS): number {
  const elapsedMs = Math.min(Math.max(0, nowMs - atMs), maxMs);
  const bpm = Number.isFinite(position.tempoBpm) && position.tempoBpm > 0 ? position.tempoBpm : 0;
  return position.scoreBeat + (elapsedMs / 60_000) * bpm;
}

export interface MeasureSpan {
  /** 0-based performance-order index. */
  readonly index: number;
  readonly number: string;
  readonly startBeat: number;
  readonly beats: number;
}

/** The bar holding `beat` (performance order), by binary search; null outside the piece. */
export function measureAtBeat(measures: readonly MeasureSpan[], beat: number): MeasureSpan | null {
  let lo = 0;
  let hi = measures.length - 1;
  if (hi < 0 || beat < measures[0].startBeat) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measures[mid].startBeat <= beat) lo = mid;
    else hi = mid - 1;
  }
  const m = measures[lo];
  return beat < m.startBeat + m.beats ? m : lo === measures.length - 1 ? null : m;
}

/**
 * Never go back into the previous bar by extrapolation error, nor jump more than one bar ahead of
 * the report: the extrapolated bar stays between the reported bar and the next one.
 */
export function boundedMeasure(measures: readonly MeasureSpan[], reported: MeasureSpan, beat: number): { measure: MeasureSpan; fraction: number } {
  const next = measures[reported.index + 1];
  let m = measureAtBeat(measures, beat) ?? reported;
  if (m.index < reported.index) m = reported;
  if (m.index > reported.index + 1) m = next ?? reported;
  const fraction = m.beats > 0 ? Math.min(1, Math.max(0, (beat - m.startBeat) / m.beats)) : 0;
  return { measure: m, fraction };
}
