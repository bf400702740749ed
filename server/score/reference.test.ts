import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScore } from './load.js';
import { PIANO_KEYS, PIANO_LOW, referenceFeatures } from './reference.js';
import { fixturePath, sharedPath } from './testPaths.js';

describe('reference features', () => {
  it('marks every note of a real score where it sounds and where it starts, and caches', async () => {
    const score = await loadScore(join(sharedPath('eval', 'bach10', '01-AchGottundHerr'), '01-AchGottundHerr.mid'));
    const ref = referenceFeatures(score);
    expect(ref.frameRate).toBeCloseTo(86.13, 2);
    expect(referenceFeatures(score)).toBe(ref);
    expect(referenceFeatures(score, { frameRate: 50 })).not.toBe(ref);
    const end = Math.max(...score.notes.map((n) => n.onsetSec + n.durationSec));
    expect(ref.frameScoreSec(ref.nFrames - 1)).toBeCloseTo(end, 1);
    for (const n of score.notes) {
      const frame = Math.round(n.onsetSec * ref.frameRate);
      expect(ref.onsets[frame * PIANO_KEYS + n.pitch - PIANO_LOW]).toBe(1);
      const mid = Math.floor((n.onsetSec + n.durationSec / 2) * ref.frameRate);
      expect(ref.notes[mid * PIANO_KEYS + n.pitch - PIANO_LOW]).toBe(1);
    }
    // The lead-in before the first note is silent, and onsets are exactly the score's distinct (frame, pitch) pairs.
    const firstFrame = Math.round(score.notes[0].onsetSec * ref.frameRate);
    expect(ref.notes.subarray(0, firstFrame * PIANO_KEYS).every((v) => v === 0)).toBe(true);
    const distinct = new Set(score.notes.map((n) => `${Math.round(n.onsetSec * ref.frameRate)}:${n.pitch}`));
    expect(ref.onsets.reduce((a, v) => a + v, 0)).toBe(distinct.size);
  });

  it('follows tempo changes and repeats (performance order) at any frame rate', async () => {
    const score = await loadScore(fixturePath('repeats-endings.musicxml'));
    const ref = referenceFeatures(score, { frameRate: 10 });
    // 16 beats at 120 bpm (8 s), then 7 beats at 60 bpm: 15 s in all.
    expect(ref.nFrames).toBe(151);
    const at = (sec: number, pitch: number, what: Float32Array): number => what[Math.round(sec * 10) * PIANO_KEYS + pitch - PIANO_LOW];
    expect(at(0, 72, ref.onsets)).toBe(1); // measure 1, first pass
    expect(at(4, 72, ref.onsets)).toBe(1); // measure 1, second pass
    expect(at(6, 79, ref.onsets)).toBe(1); // tied G5 in the second ending...
    expect(at(9.9, 79, ref.notes)).toBe(1); // ...held into the slow measure 4 (4 beats at 120 + 2 at 60)
    expect(at(8, 79, ref.onsets)).toBe(0); // the tie is not a new onset
    expect(at(10, 79, ref.onsets)).toBe(1); // the next G5
    expect(at(12, 84, ref.onsets)).toBe(1);
  });
});
