/**
 * Concert-hall noise, made here from the seeded generator so a set is reproducible: pink audience noise
 * that swells and settles, and a few coughs (bursts of band-limited noise) at a level a nearby
 * microphone would catch. Mixed at a chosen signal-to-noise ratio against the music's own level.
 */
import type { Rng } from './rng.js';

/** Pink (1/f) noise by Paul Kellet's refined filter over white noise; about unit RMS after scaling. */
export function pinkNoise(length: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let i = 0; i < length; i++) {
    const white = rng.next() * 2 - 1;
    b0 = 0.99886 * b0 + white * 0.0555179;
    b1 = 0.99332 * b1 + white * 0.0750759;
    b2 = 0.969 * b2 + white * 0.153852;
    b3 = 0.8665 * b3 + white * 0.3104856;
    b4 = 0.55 * b4 + white * 0.5329522;
    b5 = -0.7616 * b5 - white * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
    b6 = white * 0.115926;
  }
  return scaleToRms(out, 1);
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / Math.max(1, to - from));
}

function scaleToRms(x: Float32Array, target: number): Float32Array {
  const r = rms(x);
  if (r > 0) for (let i = 0; i < x.length; i++) x[i] *= target / r;
  return x;
}

export interface Cough {
  readonly startSec: number;
  readonly bursts: number;
}

/**
 * One cough: 1-3 bursts of ~0.1-0.25 s, each a sharp attack and exponential decay of noise through a
 * resonator around 400-1000 Hz (the voice tract), scaled so its loudest burst has RMS `level`.
 */
export function addCough(out: Float32Array, sampleRate: number, startSec: number, level: number, rng: Rng): number {
  const bursts = rng.int(1, 3);
  let t = Math.round(startSec * sampleRate);
  const f0 = rng.uniform(400, 1000);
  const r = 0.995;
  const a1 = 2 * r * Math.cos((2 * Math.PI * f0) / sampleRate);
  const a2 = -r * r;
  for (let b = 0; b < bursts; b++) {
    const len = Math.round(rng.uniform(0.1, 0.25) * sampleRate);
    const burst = new Float32Array(len);
    let y1 = 0, y2 = 0;
    const decay = rng.uniform(0.03, 0.07) * sampleRate;
    for (let i = 0; i < len; i++) {
      const white = rng.next() * 2 - 1;
      const y = white + a1 * y1 + a2 * y2;
      y2 = y1;
      y1 = y;
      const env = Math.min(1, i / (0.005 * sampleRate)) * Math.exp(-i / decay);
      // Half resonance (voiced), half breath.
      burst[i] = env * (0.05 * y + 0.5 * white);
    }
    scaleToRms(burst, level * (b === 0 ? 1 : rng.uniform(0.5, 0.9)));
    for (let i = 0; i < len && t + i < out.length; i++) out[t + i] += burst[i];
    t += len + Math.round(rng.uniform(0.05, 0.2) * sampleRate);
  }
  return bursts;
}

export interface NoiseOptions {
  /** Music RMS over noise RMS, in dB. */
  readonly snrDb: number;
  /** Cough onsets in seconds. */
  readonly coughSecs: readonly number[];
  /** Cough RMS relative to the music's RMS, in dB (0 = as loud as the orchestra on average). */
  readonly coughDb: number;
}

/** Adds audience noise and coughs to `music` in place; `musicRms` is the level the SNR refers to. */
export function addHallNoise(music: Float32Array, sampleRate: number, musicRms: number, options: NoiseOptions, rng: Rng): void {
  const noise = pinkNoise(music.length, rng.fork('pink'));
  const noiseRms = musicRms / 10 ** (options.snrDb / 20);
  // The audience is never still: the murmur swells and settles over seconds.
  const period = rng.uniform(3, 8) * sampleRate;
  const phase = rng.uniform(0, 2 * Math.PI);
  for (let i = 0; i < music.length; i++) {
    const swell = 1 + 0.3 * Math.sin((2 * Math.PI * i) / period + phase);
    music[i] += noise[i] * noiseRms * swell;
  }
  const coughRng = rng.fork('cough');
  for (const sec of options.coughSecs) addCough(music, sampleRate, sec, musicRms * 10 ** (options.coughDb / 20), coughRng);
}

/** Peak-normalizes to `peak` (full scale = 1) in place. */
export function normalizePeak(x: Float32Array, peak: number): void {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]));
  if (max > 0) for (let i = 0; i < x.length; i++) x[i] *= peak / max;
}
