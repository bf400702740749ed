/**
 * What a hall sounds like before the music: the room alone, a louder murmur, applause, or the oboe's A
 * and the orchestra tuning to it. Synthesised from the seeded generator (noise bursts and sine partials),
 * so a set is reproducible and needs no recordings. A follower must say `waiting` through all of it.
 */
import { pinkNoise } from './noise.js';
import type { Rng } from './rng.js';

export const LEAD_IN_KINDS = ['silence', 'noise', 'applause', 'tuning'] as const;
export type LeadInKind = (typeof LEAD_IN_KINDS)[number];

/** How long each kind of lead-in lasts before the first note (the last ~0.8 s is the room alone: the upbeat). */
export function leadInSeconds(kind: LeadInKind, rng: Rng): number {
  return kind === 'silence' ? rng.uniform(1.5, 4) : rng.uniform(5, 8);
}

function addScaled(out: Float32Array, from: number, signal: Float32Array, rmsTarget: number): void {
  let sum = 0;
  for (const v of signal) sum += v * v;
  const r = Math.sqrt(sum / Math.max(1, signal.length));
  if (!(r > 0)) return;
  for (let i = 0; i < signal.length && from + i < out.length; i++) out[from + i] += (signal[i]! * rmsTarget) / r;
}

/** Fade in over `inSec`, out over `outSec` (raised cosine), in place. */
function fade(x: Float32Array, sampleRate: number, inSec: number, outSec: number): void {
  const a = Math.round(inSec * sampleRate);
  const b = Math.round(outSec * sampleRate);
  for (let i = 0; i < Math.min(a, x.length); i++) x[i] *= 0.5 - 0.5 * Math.cos((Math.PI * i) / a);
  for (let i = 0; i < Math.min(b, x.length); i++) x[x.length - 1 - i] *= 0.5 - 0.5 * Math.cos((Math.PI * i) / b);
}

/** Applause: many hands, each clap a 1-3 kHz noise burst with a fast decay, at 60-150 claps a second. */
export function applause(length: number, sampleRate: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const rate = rng.uniform(60, 150);
  const claps = Math.round((rate * length) / sampleRate);
  for (let c = 0; c < claps; c++) {
    const at = Math.floor(rng.next() * length);
    const decay = rng.uniform(0.004, 0.012) * sampleRate;
    const len = Math.min(length - at, Math.round(decay * 6));
    const gain = rng.uniform(0.3, 1);
    // A resonance per hand pair (the cupped palms), 1-3 kHz.
    const f = rng.uniform(1000, 3000);
    const r = 0.97;
    const a1 = 2 * r * Math.cos((2 * Math.PI * f) / sampleRate);
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < len; i++) {
      const white = rng.next() * 2 - 1;
      const y = white + a1 * y1 - r * r * y2;
      y2 = y1;
      y1 = y;
      out[at + i] += gain * Math.exp(-i / decay) * (0.15 * y + 0.6 * white);
    }
  }
  fade(out, sampleRate, 0.3, 1);
  return out;
}

/** One sustained tone of `partials` harmonics with a slow vibrato, an attack and a release. */
function tone(out: Float32Array, sampleRate: number, from: number, length: number, hz: number, partials: readonly number[], rng: Rng): void {
  const vibHz = rng.uniform(4.5, 6);
  const vibDepth = rng.uniform(0.001, 0.003);
  const phase = partials.map(() => rng.uniform(0, 2 * Math.PI));
  const attack = 0.08 * sampleRate;
  const release = 0.15 * sampleRate;
  let theta = 0;
  for (let i = 0; i < length && from + i < out.length; i++) {
    const f = hz * (1 + vibDepth * Math.sin((2 * Math.PI * vibHz * i) / sampleRate));
    theta += (2 * Math.PI * f) / sampleRate;
    let v = 0;
    for (let k = 0; k < partials.length; k++) v += partials[k]! * Math.sin((k + 1) * theta + phase[k]!);
    const env = Math.min(1, i / attack, (length - i) / release);
    out[from + i] += env * v;
  }
}

/**
 * Tuning: the oboe's A alone (1.5-2.5 s), then the orchestra joining on A in several octaves and the strings'
 * open fifths, slightly off and converging, with random entries. `hzA` is the orchestra's A (tuning included).
 */
export function tuning(length: number, sampleRate: number, hzA: number, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const oboe = [1, 0.9, 1, 0.7, 0.6, 0.45, 0.35, 0.25];
  const strings = [1, 0.6, 0.45, 0.35, 0.28, 0.2, 0.15, 0.1];
  const oboeLen = Math.min(length, Math.round(rng.uniform(1.5, 2.5) * sampleRate));
  tone(out, sampleRate, 0, oboeLen, hzA, oboe, rng);
  // A in octaves (winds, brass) and the strings' fifths D-A, G-D, C-G, A-E.
  const pitches = [hzA / 4, hzA / 2, hzA, hzA * 2, hzA * (2 / 3), hzA * (4 / 9), hzA * (8 / 27), hzA * 1.5];
  const players = rng.int(10, 18);
  for (let p = 0; p < players; p++) {
    const hz = pitches[rng.int(0, pitches.length - 1)]! * 2 ** (rng.uniform(-8, 8) / 1200);
    const start = Math.round(oboeLen * rng.uniform(0.5, 1.1));
    if (start >= length) continue;
    const len = Math.round(Math.min(length - start, rng.uniform(1, 3) * sampleRate));
    tone(out, sampleRate, start, len, hz, p % 2 ? oboe : strings, rng);
  }
  return out;
}

/**
 * Mixes the lead-in of `kind` into `audio` over [0, untilSec − 0.8 s) (the room alone just before the music),
 * at a level relative to the music's RMS. 'silence' adds nothing: the hall noise is already there.
 */
export function addLeadIn(audio: Float32Array, sampleRate: number, kind: LeadInKind, untilSec: number, musicRms: number, hzA: number, rng: Rng): { readonly levelDb: number } {
  const length = Math.max(0, Math.round((untilSec - 0.8) * sampleRate));
  if (kind === 'silence' || length === 0) return { levelDb: -Infinity };
  const levelDb = kind === 'noise' ? rng.uniform(-30, -15) : kind === 'applause' ? rng.uniform(-8, 0) : rng.uniform(-12, -4);
  let signal: Float32Array;
  if (kind === 'noise') {
    signal = pinkNoise(length, rng.fork('pink'));
    fade(signal, sampleRate, 0.5, 0.5);
  } else if (kind === 'applause') signal = applause(length, sampleRate, rng.fork('applause'));
  else signal = tuning(length, sampleRate, hzA, rng.fork('tuning'));
  addScaled(audio, 0, signal, musicRms * 10 ** (levelDb / 20));
  return { levelDb };
}
