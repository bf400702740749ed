import { describe, expect, it } from 'vitest';
import { createMonoConverter, createResampler, downmix } from './resample.js';
import { amplitudeAt } from './signal.testkit.js';

function sine(rate: number, hz: number, seconds: number, amp = 0.5): Float32Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate);
  return x;
}

function resampleWhole(x: Float32Array, from: number, to: number): Float32Array {
  const r = createResampler(from, to);
  const a = r.push(x);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function rms(x: Float32Array): number {
  let s = 0;
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe('createResampler', () => {
  for (const rate of [44100, 48000, 16000, 32000, 96000]) {
    it(`keeps a 1 kHz tone intact from ${rate} Hz to 22050 Hz`, () => {
      const y = resampleWhole(sine(rate, 1000, 1), rate, 22050);
      expect(y.length).toBe(22050);
      expect(amplitudeAt(y, 22050, 1000)).toBeCloseTo(0.5, 3);
    });
  }

  it('removes content above the new Nyquist frequency instead of aliasing it', () => {
    // 15 kHz at 44.1 kHz would alias to 7.05 kHz after naive decimation.
    const y = resampleWhole(sine(44100, 15000, 1), 44100, 22050);
    expect(rms(y)).toBeLessThan(0.5 * 1e-3); // < -60 dB
    const z = resampleWhole(sine(48000, 13000, 1), 48000, 22050);
    expect(rms(z)).toBeLessThan(0.5 * 1e-3);
  });

  it('gives bit-identical output for any chunking', () => {
    const x = sine(48000, 523.25, 0.7);
    for (let i = 0; i < x.length; i += 97) x[i] = 0.9; // clicks make every sample matter
    const whole = resampleWhole(x, 48000, 22050);
    const r = createResampler(48000, 22050);
    const parts: number[] = [];
    let seed = 3;
    for (let i = 0; i < x.length; ) {
      seed = (seed * 48271) % 2147483647;
      const n = 1 + (seed % 700);
      parts.push(...r.push(x.subarray(i, i + n)));
      i += n;
    }
    parts.push(...r.flush());
    expect(Float32Array.from(parts)).toEqual(whole);
  });

  it('passes audio through at the same rate', () => {
    const x = sine(22050, 440, 0.1);
    expect(resampleWhole(x, 22050, 22050)).toEqual(x);
  });

  it('rejects bad rates', () => {
    expect(() => createResampler(0, 22050)).toThrow(/sample rates/);
    expect(() => createResampler(44100.5, 22050)).toThrow(/sample rates/);
  });
});

describe('downmix and createMonoConverter', () => {
  it('averages interleaved channels', () => {
    expect(downmix({ samples: Float32Array.from([1, 0, 0.5, 0.5, -1, 1]), sampleRate: 8000, channels: 2 })).toEqual(Float32Array.from([0.5, 0.5, 0]));
    expect(() => downmix({ samples: new Float32Array(3), sampleRate: 8000, channels: 2 })).toThrow(/whole number/);
  });

  it('refuses a change of sample rate mid-stream', () => {
    const conv = createMonoConverter(22050);
    conv.push({ samples: new Float32Array(100), sampleRate: 44100, channels: 1 });
    expect(() => conv.push({ samples: new Float32Array(100), sampleRate: 48000, channels: 1 })).toThrow(/44100 Hz to 48000 Hz/);
  });
});
