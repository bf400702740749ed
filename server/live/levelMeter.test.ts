import { describe, expect, it } from 'vitest';
import { createLevelMeter, createLevelThrottle, LEVEL_FLOOR_DB } from './levelMeter.js';

const RATE = 8000;

function sine(frames: number, amplitude: number, channels = 1): Float32Array {
  const out = new Float32Array(frames * channels);
  for (let i = 0; i < frames; i++) for (let c = 0; c < channels; c++) out[i * channels + c] = amplitude * Math.sin((2 * Math.PI * 250 * i) / RATE + Math.PI / 2);
  return out;
}

describe('createLevelMeter', () => {
  it('reports RMS and peak dBFS of a sine once per 100 ms, whatever the chunking', () => {
    const samples = sine(RATE, 0.5, 2); // 1 s stereo
    const whole = createLevelMeter().push({ samples, sampleRate: RATE, channels: 2 });
    expect(whole).toHaveLength(10);
    for (const l of whole) {
      expect(l.rmsDb).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 2);
      expect(l.peakDb).toBeCloseTo(20 * Math.log10(0.5), 4);
    }
    const meter = createLevelMeter();
    const pieces = [];
    for (let at = 0, k = 1; at < samples.length; k = (k * 7) % 13 || 1) {
      const end = Math.min(samples.length, at + 2 * 37 * k);
      pieces.push(...meter.push({ samples: samples.subarray(at, end), sampleRate: RATE, channels: 2 }));
      at = end;
    }
    expect(pieces).toEqual(whole);
  });

  it('floors silence at a finite level', () => {
    const [level] = createLevelMeter().push({ samples: new Float32Array(RATE / 10), sampleRate: RATE, channels: 1 });
    expect(level).toEqual({ rmsDb: LEVEL_FLOOR_DB, peakDb: LEVEL_FLOOR_DB });
  });
});

describe('createLevelThrottle', () => {
  it('sends at most one level per interval on average, merging the ones held back', () => {
    let now = 0;
    const throttle = createLevelThrottle(100, () => now);
    const quiet = { rmsDb: -40, peakDb: -30 };
    const loud = { rmsDb: -10, peakDb: -3 };
    expect(throttle.push(quiet)).toEqual(quiet);
    now = 20;
    expect(throttle.push(loud)).toBeUndefined();
    now = 40;
    expect(throttle.push(quiet)).toBeUndefined();
    now = 100;
    const merged = throttle.push(quiet)!;
    expect(merged.peakDb).toBe(-3);
    // Mean power of one loud and two quiet windows.
    expect(merged.rmsDb).toBeCloseTo(10 * Math.log10((10 ** -1 + 2 * 10 ** -4) / 3), 6);
    // Real-time windows with jitter (this one 60 ms after the last) pass unmerged …
    now = 160;
    expect(throttle.push(loud)).toEqual(loud);
    // … but not more than one per interval on average.
    now = 200;
    expect(throttle.push(quiet)).toBeUndefined();
    now = 300;
    expect(throttle.push(quiet)).toEqual(quiet);
    now = 400;
    expect(throttle.push(quiet)).toEqual(quiet);
    // Over a long run at 8× speed (a window every 12.5 ms), about 10 per second.
    let count = 0;
    for (let k = 1; k <= 800; k++) {
      now = 400 + k * 12.5;
      if (throttle.push(quiet)) count++;
    }
    expect(count).toBeGreaterThanOrEqual(99);
    expect(count).toBeLessThanOrEqual(101);
  });
});
