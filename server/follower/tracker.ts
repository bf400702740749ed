/**
 * Turns the aligner's raw score positions into the Position stream.
 *
 * Inside a chord the aligner cannot tell where it is (a held chord looks the same throughout), so the
 * tracker works with chord onsets ("events"): when the aligner enters a new event, that event's
 * performance onset is back-dated from the frame's time, the tempo comes from recent event onsets,
 * and the reported position is the last event onset plus tempo × elapsed time — predicted forward to
 * the report time (causal: it uses only audio up to the report) but never past the next event the
 * aligner has not confirmed, so a fermata holds instead of running ahead.
 */
import type { Position } from '../pipeline.js';
import { beatToSec, locateBeat, secToBeat, tempoAtBeat } from '../score/timemap.js';
import type { Score } from '../score/types.js';
import { createFollowStateMachine, type FollowStateOptions } from './followState.js';
import type { AlignerPosition } from './types.js';

export interface TrackerOptions {
  /** Span of recent event onsets used for the tempo estimate, seconds of performance. */
  readonly tempoWindowSec?: number;
  /** Tempo ratio (score seconds per performance second) is clamped to this range. */
  readonly minRate?: number;
  readonly maxRate?: number;
  /** A backwards move larger than this (score seconds) is a jump; smaller ones are held. */
  readonly jumpBackSec?: number;
  /** How far (score seconds) the prediction may run into an unconfirmed next event; 0 = never. */
  readonly crossSec?: number;
  /** Confidence thresholds for 'following' and for 'uncertain' (below: 'lost'), entering the state. */
  readonly followingAbove?: number;
  readonly uncertainAbove?: number;
  /** The state machine's bands and delays (followState.ts); its thresholds default to the two above. */
  readonly state?: FollowStateOptions;
  /**
   * Confidence calibration: the probability that the reported bar is right within one bar, at raw match
   * 0.05, 0.15, … 0.95 (linear between, non-decreasing), read off the reliability table of the event set's
   * tune half (docs/follower.md). The thresholds above apply to the calibrated confidence.
   */
  readonly calibration?: readonly number[];
}

/** The calibrated confidence: `table` at raw match 0.05 … 0.95, linear between, flat beyond. */
export function calibrate(table: readonly number[], match: number): number {
  if (table.length === 0) return Math.max(0, Math.min(1, match));
  const x = Math.max(0, Math.min(1, match)) * table.length - 0.5;
  if (x <= 0) return table[0]!;
  if (x >= table.length - 1) return table[table.length - 1]!;
  const i = Math.floor(x);
  return table[i]! + (x - i) * (table[i + 1]! - table[i]!);
}

/**
 * Measured on the event set's tune half (make-orchestral-set --events --pieces 16 --seconds 30 --seed 1),
 * raw match → share of reports within one bar: < 0.4: 5 %, 0.4-0.5: 38 %, 0.5-0.6: 94 %, 0.6-0.7: 96 %;
 * no report above 0.7 (kept flat, just rising). Made non-decreasing.
 */
export const DEFAULT_CALIBRATION: readonly number[] = [0, 0.06, 0.06, 0.06, 0.38, 0.94, 0.956, 0.96, 0.965, 0.97];

export const TRACKER_DEFAULTS: Required<Omit<TrackerOptions, 'state'>> = {
  tempoWindowSec: 4,
  minRate: 0.5,
  maxRate: 2,
  jumpBackSec: 1,
  crossSec: 0,
  // On the calibrated confidence. The tune half's reliability table: reports at 0.8-0.9 were right 94 % of
  // the time, at 0.7-0.8 85 %: `following` from 0.8, kept down to 0.7.
  followingAbove: 0.8,
  uncertainAbove: 0.25,
  calibration: DEFAULT_CALIBRATION,
};

export interface Tracker {
  /** Takes every aligner output (one per salience frame). */
  observe(aligned: AlignerPosition): void;
  /** The position as reported at `reportSec` (performance time at which the report is available). */
  report(reportSec: number): Position;
  reset(): void;
}

/** Distinct note onsets of a score (score seconds, ascending; onsets within 10 ms merged). */
export function eventOnsets(score: Pick<Score, 'notes'>): Float64Array {
  const sorted = score.notes.map((n) => n.onsetSec).sort((a, b) => a - b);
  const out: number[] = [];
  for (const s of sorted) if (out.length === 0 || s - out[out.length - 1]! > 0.01) out.push(s);
  return Float64Array.from(out);
}

function lastAtOrBefore(values: Float64Array, x: number): number {
  let lo = -1;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid]! <= x + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function createTracker(score: Pick<Score, 'tempoMap' | 'measures' | 'notes'>, options: TrackerOptions = {}): Tracker {
  const o = { ...TRACKER_DEFAULTS, ...options };
  const events = eventOnsets(score);
  const states = createFollowStateMachine({ followAbove: o.followingAbove, followBelow: o.followingAbove - 0.1, uncertainAbove: o.uncertainAbove, uncertainBelow: o.uncertainAbove - 0.1, ...options.state });
  const lastMeasure = score.measures[score.measures.length - 1];
  // The end of the score: positions never run past it, beats never past the final bar's length.
  const endBeat = lastMeasure ? lastMeasure.startBeat + lastMeasure.durationBeat : Infinity;
  const finalBarSec = lastMeasure ? lastMeasure.startSec : Infinity;
  const endSec = Number.isFinite(endBeat) ? beatToSec(score, endBeat) : Infinity;
  let relocatedSinceReport = false;

  const cap = 64;
  const evPerf = new Float64Array(cap);
  const evScore = new Float64Array(cap);
  let head = 0;
  let count = 0;
  let rate = 1;
  let event = -1;
  let eventPerf = 0;
  let lastReported = events[0] ?? 0;
  let heard = false;
  let silent = true;
  let match = 0;
  let settled = true;

  function estimateRate(): number {
    const newest = (head - 1 + cap) % cap;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let k = 0; k < count; k++) {
      const j = (newest - k + cap) % cap;
      if (evPerf[newest]! - evPerf[j]! > o.tempoWindowSec) break;
      const x = evPerf[j]! - evPerf[newest]!;
      const y = evScore[j]! - evScore[newest]!;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const den = n * sxx - sx * sx;
    if (n < 3 || den <= 1e-9) return rate;
    return Math.min(o.maxRate, Math.max(o.minRate, (n * sxy - sx * sy) / den));
  }

  function enter(index: number, perfSec: number): void {
    event = index;
    eventPerf = perfSec;
    evPerf[head] = perfSec;
    evScore[head] = events[index]!;
    head = (head + 1) % cap;
    count = Math.min(cap, count + 1);
    rate = estimateRate();
  }

  function resetEvents(): void {
    head = 0;
    count = 0;
    event = -1;
  }

  return {
    reset() {
      resetEvents();
      rate = 1;
      lastReported = events[0] ?? 0;
      heard = false;
      silent = true;
      match = 0;
      settled = true;
      states.reset();
      relocatedSinceReport = false;
    },
    observe(aligned) {
      silent = aligned.silent;
      match = aligned.match;
      settled = aligned.settled !== false;
      if (!aligned.silent) {
        heard = true;
        const e = lastAtOrBefore(events, aligned.scoreSec);
        const jumpedBack = e >= 0 && event >= 0 && events[event]! - aligned.scoreSec > o.jumpBackSec;
        if (aligned.relocated || jumpedBack) {
          relocatedSinceReport = true;
          resetEvents();
          lastReported = aligned.scoreSec;
        }
        if (e > event) {
          // Back-date the onset: the aligner is already (scoreSec − onset) past it at the current rate.
          const onsetPerf = aligned.frameTimeSec - (aligned.scoreSec - events[e]!) / rate;
          enter(e, Math.max(onsetPerf, count > 0 ? evPerf[(head - 1 + cap) % cap]! : -Infinity));
        }
      }
    },
    report(reportSec) {
      let scoreSec = lastReported;
      if (event >= 0 && !silent) {
        const predicted = events[event]! + rate * Math.max(0, reportSec - eventPerf);
        const limit = event + 1 < events.length ? events[event + 1]! - 0.001 + o.crossSec : Infinity;
        scoreSec = Math.max(events[event]!, Math.min(predicted, limit));
        // Within the current event never step back (jitter); a new event always wins.
        if (scoreSec < lastReported && lastReported < limit && lastReported - scoreSec < o.jumpBackSec) scoreSec = lastReported;
      }
      scoreSec = Math.min(scoreSec, endSec);
      lastReported = scoreSec;
      const beat = Math.min(secToBeat(score, scoreSec), endBeat - 1e-6);
      const where = locateBeat(score, beat);
      const confidence = calibrate(o.calibration, match);
      // An unconfirmed place is never shown as 'following', however well it matches locally.
      const state = states.update({
        timeSec: reportSec,
        started: heard && event >= 0,
        silent,
        confidence,
        settled,
        relocated: relocatedSinceReport,
        atEnd: scoreSec >= finalBarSec - 1e-6,
      });
      relocatedSinceReport = false;
      return {
        reportSec,
        scoreSec,
        scoreBeat: beat,
        measure: where.measure,
        beatInMeasure: where.beatInMeasure,
        tempoBpm: rate * tempoAtBeat(score, beat),
        confidence,
        state,
      };
    },
  };
}
