/**
 * A little applause after a movement: a few dozen people clapping, each at their own rate, starting
 * raggedly as the last chord dies and thinning out. Every clap is a short burst of noise through a
 * resonance (the cupped hands), so it sounds like claps rather than hiss. Seeded, so a rendering is
 * remade byte for byte.
 */
import type { Rng } from '../../dataset/rng.js';

export interface ApplauseOptions {
  readonly startSec: number;
  /** How long the clapping lasts at its fullest, before it thins out. */
  readonly durationSec: number;
  readonly clappers: number;
  /** RMS of the applause at its fullest. */
  readonly level: number;
}

/** Adds applause into `out` (mono, `sampleRate`) in place. */
export function addApplause(out: Float32Array, sampleRate: number, options: ApplauseOptions, rng: Rng): void {
  const { startSec, durationSec, clappers } = options;
  // Each clap's peak amplitude; the sum of ~N independent clappers has RMS ≈ level.
  const clapPeak = (options.level * 24) / Math.sqrt(clappers);
  for (let c = 0; c < clappers; c++) {
    const person = rng.fork(`clapper-${c}`);
    const rate = person.uniform(3.2, 5.8);
    const begin = startSec + person.uniform(0, 1.2) ** 2;
    const end = startSec + durationSec * person.uniform(0.6, 1.15);
    const centre = person.uniform(900, 2600);
    const loudness = person.uniform(0.5, 1);
    const r = 0.97;
    const a1 = 2 * r * Math.cos((2 * Math.PI * centre) / sampleRate);
    const a2 = -r * r;
    for (let t = begin; t < end; t += (1 / rate) * person.uniform(0.9, 1.1)) {
      // People clap softer as the applause fades.
      const fade = Math.min(1, Math.max(0, (end - t) / 1.5));
      const start = Math.round(t * sampleRate);
      const len = Math.round(person.uniform(0.025, 0.045) * sampleRate);
      const decay = person.uniform(0.004, 0.009) * sampleRate;
      let y1 = 0;
      let y2 = 0;
      const amp = clapPeak * loudness * fade * person.uniform(0.7, 1);
      for (let i = 0; i < len && start + i < out.length; i++) {
        const white = person.next() * 2 - 1;
        const y = white + a1 * y1 + a2 * y2;
        y2 = y1;
        y1 = y;
        const env = Math.min(1, i / (0.0008 * sampleRate)) * Math.exp(-i / decay);
        out[start + i] += amp * env * (0.08 * y + 0.6 * white);
      }
    }
  }
}
