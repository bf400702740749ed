/**
 * Reference features for the follower: the score as the pitch model would ideally hear it at the
 * notated tempo — 88-bin note activity and onset frames at the model's frame rate. Computed once
 * per score and options, then cached (the arrays are shared: treat them as read-only).
 */
import type { Score } from './types.js';

export const PIANO_LOW = 21;
export const PIANO_KEYS = 88;
/** Basic Pitch's frame rate: 22050 Hz audio, hop 256. */
export const DEFAULT_FRAME_RATE = 22050 / 256;

export interface ReferenceFeatures {
  readonly frameRate: number;
  readonly nFrames: number;
  /** nFrames × 88, row-major (frame * 88 + pitch - 21): 1 while a note of that pitch sounds. */
  readonly notes: Float32Array;
  /** nFrames × 88: 1 in the frame where a note starts. */
  readonly onsets: Float32Array;
  /** Score seconds (notated tempo) at a frame: frame / frameRate. */
  readonly frameScoreSec: (frame: number) => number;
}

export interface ReferenceOptions {
  readonly frameRate?: number;
}

const cache = new WeakMap<Score, Map<number, ReferenceFeatures>>();

function render(score: Score, frameRate: number): ReferenceFeatures {
  let endSec = 0;
  for (const n of score.notes) endSec = Math.max(endSec, n.onsetSec + n.durationSec);
  const nFrames = Math.max(1, Math.round(endSec * frameRate) + 1);
  const notes = new Float32Array(nFrames * PIANO_KEYS);
  const onsets = new Float32Array(nFrames * PIANO_KEYS);
  for (const n of score.notes) {
    const bin = n.pitch - PIANO_LOW;
    if (bin < 0 || bin >= PIANO_KEYS) continue; // outside the pitch model's range: it cannot be heard there
    const start = Math.round(n.onsetSec * frameRate);
    // Every note lights at least its onset frame, however short (grace-like notes, staccato).
    const end = Math.min(nFrames, Math.max(start + 1, Math.round((n.onsetSec + n.durationSec) * frameRate)));
    onsets[start * PIANO_KEYS + bin] = 1;
    for (let f = start; f < end; f++) notes[f * PIANO_KEYS + bin] = 1;
  }
  return Object.freeze({ frameRate, nFrames, notes, onsets, frameScoreSec: (frame: number) => frame / frameRate });
}

/** Expected note activity of a score at the notated tempo; cached per score and frame rate. */
export function referenceFeatures(score: Score, options: ReferenceOptions = {}): ReferenceFeatures {
  const frameRate = options.frameRate ?? DEFAULT_FRAME_RATE;
  if (!(frameRate > 0) || !Number.isFinite(frameRate)) throw new RangeError(`referenceFeatures: frameRate must be a positive number, got ${frameRate}`);
  let perScore = cache.get(score);
  if (!perScore) cache.set(score, (perScore = new Map()));
  let features = perScore.get(frameRate);
  if (!features) perScore.set(frameRate, (features = render(score, frameRate)));
  return features;
}
