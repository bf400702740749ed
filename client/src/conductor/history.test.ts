import { describe, expect, it } from 'vitest';
import { addReading, emptyHistory } from './history.js';

describe('the follower history for the plots', () => {
  it('keeps readings on a time axis ending at the newest, thinned and windowed', () => {
    const h = emptyHistory();
    expect(addReading(h, { atMs: 10_000, tempoBpm: 100, confidence: 0.5 })).toBe(true);
    expect(addReading(h, { atMs: 10_100, tempoBpm: 101, confidence: 0.6 })).toBe(false); // too close
    expect(addReading(h, { atMs: 11_000, tempoBpm: 102, confidence: 0.75 })).toBe(true);
    expect(h.t).toEqual([-1, 0]);
    expect(h.tempo).toEqual([100, 102]);
    expect(h.confidence).toEqual([50, 75]);
    addReading(h, { atMs: 14_000, tempoBpm: 90, confidence: 0.1 }, 2500);
    expect(h.t).toEqual([0]);
    expect(h.newestMs).toBe(14_000);
  });
});
