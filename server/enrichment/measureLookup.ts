/** Finding bars (performance order) by score beat, by binary search over their start beats. */
import type { Measure } from '../score/types.js';

/** Index of the bar containing `beat` (the first bar before the start, the last after the end); -1 when there are none. */
export function measureIndexAtBeat(measures: readonly Measure[], beat: number): number {
  if (measures.length === 0) return -1;
  let lo = 0;
  let hi = measures.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measures[mid].startBeat <= beat + 1e-9) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
