/**
 * Placing RomanText positions (measure, beat in the analysis' own metre) in a score, and the beat grid
 * the evaluation samples. Bars are found by the leading number of their printed label (split bars
 * such as `4a`/`4b` count from the first part); a short first bar is a pickup, aligned to its end.
 * Only the first performance of each bar is used: analyses are written once, not unfolded.
 */
import type { Score } from '../score/types.js';
import { beatsPerMeasure, beatUnitQuarters, meterAt, type RomanTextAnalysis, type RomanTextChord } from './romanText.js';

const EPS = 1e-6;

export interface BarSpan {
  readonly startBeat: number;
  readonly durationBeat: number;
  /** Score.measures indices of the bar's parts (first performance). */
  readonly measureIndices: readonly number[];
}

/** Bars by number, first performance only. */
export function barsByNumber(score: Score): Map<number, BarSpan> {
  const bars = new Map<number, BarSpan>();
  let previous: { n: number; label: string } | undefined;
  for (const m of score.measures) {
    const match = /^(\d+)/.exec(m.number);
    if (!match) {
      previous = undefined;
      continue;
    }
    const n = Number(match[1]);
    const bar = bars.get(n);
    // `4a` then `4b` straight after: one bar in two parts. The same label again is a repeat.
    const continues = bar && previous?.n === n && previous.label !== m.number && Math.abs(bar.startBeat + bar.durationBeat - m.startBeat) < EPS;
    if (bar && continues) {
      bars.set(n, { ...bar, durationBeat: bar.durationBeat + m.durationBeat, measureIndices: [...bar.measureIndices, m.index] });
    } else if (!bar) bars.set(n, { startBeat: m.startBeat, durationBeat: m.durationBeat, measureIndices: [m.index] });
    previous = { n, label: m.number };
  }
  return bars;
}

export interface Placement {
  readonly bars: ReadonlyMap<number, BarSpan>;
  readonly firstMeasure: number;
}

/** Score offset (quarters) of an analysis position, or undefined when the bar is not in the score. */
export function placeBeat(analysis: RomanTextAnalysis, placement: Placement, measure: number, beat: number): number | undefined {
  const bar = placement.bars.get(measure);
  if (!bar) return undefined;
  const meter = meterAt(analysis, measure);
  const unit = beatUnitQuarters(meter);
  const nominal = beatsPerMeasure(meter) * unit;
  const within = (beat - 1) * unit;
  const pickup = measure === placement.firstMeasure && bar.durationBeat < nominal - EPS;
  const offset = pickup ? bar.startBeat + bar.durationBeat - nominal + within : bar.startBeat + within;
  // Decimal beats (`b1.33`) are rounded to the nearest 1/24 quarter.
  return Math.round(offset * 24) / 24;
}

export interface GridPoint {
  readonly offset: number;
  readonly measure: number;
  readonly beat: number;
}

/** Every analysis beat from the first labelled bar to the last bar that both analysis and score have. */
export function beatGrid(analysis: RomanTextAnalysis, placement: Placement): GridPoint[] {
  const first = analysis.chords[0].measure;
  const lastLabelled = analysis.chords[analysis.chords.length - 1].measure;
  const points: GridPoint[] = [];
  for (let measure = first; measure <= lastLabelled; measure++) {
    const bar = placement.bars.get(measure);
    if (!bar) continue;
    const meter = meterAt(analysis, measure);
    for (let beat = 1; beat <= beatsPerMeasure(meter); beat++) {
      const offset = placeBeat(analysis, placement, measure, beat);
      if (offset === undefined || offset < bar.startBeat - EPS || offset >= bar.startBeat + bar.durationBeat - EPS) continue;
      points.push({ offset, measure, beat });
    }
  }
  return points;
}

/** The analysis' chords with their score offsets, in score order (chords in bars the score lacks are left out). */
export function placedChords(analysis: RomanTextAnalysis, placement: Placement): { readonly offset: number; readonly chord: RomanTextChord }[] {
  const out: { offset: number; chord: RomanTextChord }[] = [];
  for (const chord of analysis.chords) {
    const offset = placeBeat(analysis, placement, chord.measure, chord.beat);
    if (offset !== undefined) out.push({ offset, chord });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Quarters per analysis beat and per bar, in the analysis' first metre (the matching tolerances). */
export function analysisUnits(analysis: RomanTextAnalysis): { readonly beat: number; readonly bar: number } {
  const meter = meterAt(analysis, analysis.chords[0].measure);
  const beat = beatUnitQuarters(meter);
  return { beat, bar: beat * beatsPerMeasure(meter) };
}
