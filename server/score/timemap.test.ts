import { describe, expect, it } from 'vitest';
import { beatToSec, locateBeat, secToBeat, tempoAtBeat } from './timemap.js';
import type { Measure, TempoChange } from './types.js';

const tempoMap: TempoChange[] = [
  { beat: 0, bpm: 120, sec: 0 },
  { beat: 8, bpm: 60, sec: 4 },
  { beat: 12, bpm: 240, sec: 8 },
];
const measures: Measure[] = [
  { index: 0, number: '1', startBeat: 0, durationBeat: 4, timeSignature: { numerator: 4, denominator: 4 }, startSec: 0 },
  { index: 1, number: '2', startBeat: 4, durationBeat: 4, timeSignature: { numerator: 4, denominator: 4 }, startSec: 2 },
  { index: 2, number: '1', startBeat: 8, durationBeat: 3, timeSignature: { numerator: 3, denominator: 4 }, startSec: 4 },
];

describe('time maps', () => {
  it('converts beats to seconds across tempo changes', () => {
    expect(beatToSec({ tempoMap }, 0)).toBe(0);
    expect(beatToSec({ tempoMap }, 4)).toBe(2);
    expect(beatToSec({ tempoMap }, 10)).toBe(6);
    expect(beatToSec({ tempoMap }, 14)).toBe(8.5);
    expect(beatToSec({ tempoMap }, -2)).toBe(-1);
  });

  it('inverts beatToSec', () => {
    for (const beat of [0, 0.3, 7.99, 8, 9.5, 12, 30]) {
      expect(secToBeat({ tempoMap }, beatToSec({ tempoMap }, beat))).toBeCloseTo(beat, 9);
    }
    expect(tempoAtBeat({ tempoMap }, 9)).toBe(60);
  });

  it('locates a beat in its printed measure, also on a repeated pass', () => {
    expect(locateBeat({ measures }, 0)).toEqual({ measure: '1', measureIndex: 0, beatInMeasure: 1 });
    expect(locateBeat({ measures }, 5.5)).toEqual({ measure: '2', measureIndex: 1, beatInMeasure: 2.5 });
    expect(locateBeat({ measures }, 9)).toEqual({ measure: '1', measureIndex: 2, beatInMeasure: 2 });
    expect(locateBeat({ measures }, -1).measureIndex).toBe(0);
  });
});
