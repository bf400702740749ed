import { describe, expect, it } from 'vitest';
import type { Position } from '@tutti/protocol';
import { toClientMs } from './clock.js';
import { boundedMeasure, extrapolatedBeat, MAX_EXTRAPOLATION_MS, measureAtBeat, type MeasureSpan } from './extrapolate.js';

const pos = (scoreBeat: number, tempoBpm: number): Position => ({
  reportSec: 0, scoreSec: 0, scoreBeat, measure: '1', beatInMeasure: 1, tempoBpm, confidence: 0.9, state: 'following',
});
// Four bars of 3/4: beats 0, 3, 6, 9.
const BARS: MeasureSpan[] = ['1', '2', '3', '4'].map((number, index) => ({ index, number, startBeat: index * 3, beats: 3 }));

describe('extrapolation between ticks', () => {
  it('moves on at the reported tempo from the report\'s own time, brought over with the clock offset', () => {
    // The server's clock is 5 s ahead of the phone's; the tick says beat 4 at server time 15 000 (phone 10 000).
    const atMs = toClientMs(15_000, { offsetMs: 5000, roundTripMs: 20 });
    expect(atMs).toBe(10_000);
    // 250 ms later on the phone, at 120 bpm: half a beat on.
    expect(extrapolatedBeat(pos(4, 120), atMs, 10_250)).toBeCloseTo(4.5, 9);
    // Without the offset the same tick would read as 5 s in the future: no movement at all (never backwards).
    expect(extrapolatedBeat(pos(4, 120), 15_000, 10_250)).toBe(4);
  });

  it('stops a short way past the last report instead of running away from a silent follower', () => {
    const far = extrapolatedBeat(pos(4, 120), 0, 60_000);
    expect(far).toBeCloseTo(4 + (MAX_EXTRAPOLATION_MS / 60_000) * 120, 9);
    expect(extrapolatedBeat(pos(4, Number.NaN), 0, 500)).toBe(4);
  });

  it('finds the bar of a beat and keeps an extrapolated bar between the reported one and the next', () => {
    expect(measureAtBeat(BARS, -1)).toBeNull();
    expect(measureAtBeat(BARS, 0)?.number).toBe('1');
    expect(measureAtBeat(BARS, 7.5)?.number).toBe('3');
    expect(measureAtBeat(BARS, 12)).toBeNull();
    expect(boundedMeasure(BARS, BARS[1], 7.5)).toEqual({ measure: BARS[2], fraction: 0.5 });
    expect(boundedMeasure(BARS, BARS[0], 10).measure.number).toBe('2');
    expect(boundedMeasure(BARS, BARS[2], 5)).toEqual({ measure: BARS[2], fraction: 0 });
  });
});
