/**
 * Conversions between score beats (quarter notes) and score seconds at the notated tempo,
 * and from a beat to its printed measure. Pure functions over the score's maps.
 */
import type { Measure, Score, TempoChange } from './types.js';

/** Index of the last element whose key is <= value (0 when value precedes all). */
function lastAtOrBefore<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(items[mid]) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Tempo segments must be sorted and start at beat 0 (the loaders guarantee it). */
export function beatToSecWith(tempoMap: readonly TempoChange[], beat: number): number {
  if (tempoMap.length === 0) return (beat * 60) / 120;
  const seg = tempoMap[lastAtOrBefore(tempoMap, beat, (t) => t.beat)];
  return seg.sec + ((beat - seg.beat) * 60) / seg.bpm;
}

export function secToBeatWith(tempoMap: readonly TempoChange[], sec: number): number {
  if (tempoMap.length === 0) return (sec * 120) / 60;
  const seg = tempoMap[lastAtOrBefore(tempoMap, sec, (t) => t.sec)];
  return seg.beat + ((sec - seg.sec) * seg.bpm) / 60;
}

/** Score seconds (notated tempo) at a score beat. Beats before 0 extrapolate the first tempo. */
export function beatToSec(score: Pick<Score, 'tempoMap'>, beat: number): number {
  return beatToSecWith(score.tempoMap, beat);
}

/** Score beat at a score time in seconds (notated tempo); the inverse of beatToSec. */
export function secToBeat(score: Pick<Score, 'tempoMap'>, sec: number): number {
  return secToBeatWith(score.tempoMap, sec);
}

/** Notated tempo (quarter notes per minute) in force at a beat. */
export function tempoAtBeat(score: Pick<Score, 'tempoMap'>, beat: number): number {
  if (score.tempoMap.length === 0) return 120;
  return score.tempoMap[lastAtOrBefore(score.tempoMap, beat, (t) => t.beat)].bpm;
}

export interface BeatLocation {
  /** Printed measure label. */
  readonly measure: string;
  /** Index into score.measures (performance order). */
  readonly measureIndex: number;
  /** 1-based, in quarter notes from the measure start. */
  readonly beatInMeasure: number;
}

/** The measure (performance order) holding a beat; beats outside the score clamp to the first/last measure. */
export function locateBeat(score: Pick<Score, 'measures'>, beat: number): BeatLocation {
  const measures: readonly Measure[] = score.measures;
  if (measures.length === 0) return { measure: '', measureIndex: -1, beatInMeasure: beat + 1 };
  const i = lastAtOrBefore(measures, beat, (m) => m.startBeat);
  const m = measures[i];
  return { measure: m.number, measureIndex: i, beatInMeasure: beat - m.startBeat + 1 };
}
