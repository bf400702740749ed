import { describe, expect, it } from 'vitest';
import { addCounts, matchFrame, scoreCounts } from './multipitch.js';

describe('frame-level multi-pitch scoring', () => {
  it('matches within the tolerance, one to one, skipping silent parts', () => {
    // 71.02 ↔ 71, 67.4 ↔ 67 (0.4 < 0.5), 55.6 has no estimate within 0.5, 0 is silent.
    expect(matchFrame([71, 67, 60], [71.02, 67.4, 55.6, 0], 0.5)).toEqual({ truePositives: 2, estimated: 3, reference: 3 });
    // Two parts in unison need two estimates: a single bin matches only one of them.
    expect(matchFrame([64], [64.1, 63.9], 0.5)).toEqual({ truePositives: 1, estimated: 1, reference: 2 });
    expect(matchFrame([], [0, 0], 0.5)).toEqual({ truePositives: 0, estimated: 0, reference: 0 });
  });

  it('pools counts into precision, recall and F-measure', () => {
    const s = scoreCounts(addCounts({ truePositives: 3, estimated: 4, reference: 5 }, { truePositives: 1, estimated: 1, reference: 3 }));
    expect(s.precision).toBeCloseTo(4 / 5, 12);
    expect(s.recall).toBeCloseTo(4 / 8, 12);
    expect(s.fMeasure).toBeCloseTo((2 * 0.8 * 0.5) / 1.3, 12);
    expect(scoreCounts({ truePositives: 0, estimated: 0, reference: 0 }).fMeasure).toBe(0);
  });
});
