import { describe, expect, it } from 'vitest';
import { addHallNoise, normalizePeak, pinkNoise, rms } from './noise.js';
import { createRng } from './rng.js';

const SR = 44100;
const tone = (seconds: number): Float32Array => Float32Array.from({ length: seconds * SR }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 440 * i) / SR));

/** Power in [f1, f2) Hz by a plain DFT over a few bins (enough to compare octaves). */
function bandPower(x: Float32Array, f1: number, f2: number): number {
  let total = 0;
  const n = x.length;
  for (let f = f1; f < f2; f += (f2 - f1) / 16) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i] * Math.cos((2 * Math.PI * f * i) / SR);
      im -= x[i] * Math.sin((2 * Math.PI * f * i) / SR);
    }
    total += (re * re + im * im) / n;
  }
  return (total / 16) * (f2 - f1);
}

describe('hall noise', () => {
  it('makes pink noise: about the same power in every octave (white would double per octave)', () => {
    const x = pinkNoise(SR / 2, createRng(1));
    expect(rms(x)).toBeCloseTo(1, 5);
    const low = bandPower(x, 200, 400);
    const high = bandPower(x, 3200, 6400);
    expect(high / low).toBeGreaterThan(0.5);
    expect(high / low).toBeLessThan(2);
  });

  it('adds audience noise at the asked SNR and coughs well above it', () => {
    const music = tone(4);
    const mixed = music.slice();
    addHallNoise(mixed, SR, rms(music), { snrDb: 20, coughSecs: [], coughDb: -6 }, createRng(2));
    const noise = mixed.map((v, i) => v - music[i]);
    const snr = 20 * Math.log10(rms(music) / rms(noise));
    expect(snr).toBeGreaterThan(19);
    expect(snr).toBeLessThan(21);

    const withCough = music.slice();
    addHallNoise(withCough, SR, rms(music), { snrDb: 20, coughSecs: [2], coughDb: -6 }, createRng(2));
    const cough = withCough.map((v, i) => v - mixed[i]);
    expect(rms(cough, 0, 2 * SR)).toBe(0); // nothing before the cough
    expect(rms(cough, 2 * SR, 2.1 * SR)).toBeGreaterThan(rms(noise) * 2);
  });

  it('normalizes the peak', () => {
    const x = Float32Array.from([0.1, -0.4, 0.2]);
    normalizePeak(x, 0.89);
    expect(Math.max(...x.map(Math.abs))).toBeCloseTo(0.89, 6);
  });
});
