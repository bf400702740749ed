import { describe, expect, it } from 'vitest';
import type { ScoreNote } from '../score/types.js';
import { buildTemplate, PITCH_BINS } from './template.js';

function note(i: number, onsetSec: number, pitch: number, durationSec: number): ScoreNote {
  return {
    id: `P1-n${i}`, partId: 'P1', pitch, onsetBeat: onsetSec * 2, durationBeat: durationSec * 2, onsetSec, durationSec,
    measure: '1', beatInMeasure: 1, staff: 1, voice: 1, tieMerged: false,
  };
}

describe('buildTemplate', () => {
  it('takes the span of a score with more notes than a spread call can hold (a long work, 250k notes)', () => {
    // 250,000 notes packed into 100 s so the piano roll stays small; the count is what used to overflow.
    const notes = Array.from({ length: 250_000 }, (_, i) => note(i, 1 + (i % 10_000) * 0.01, 40 + (i % 40), 0.5));
    const template = buildTemplate({ notes, source: 'long.mid' }, { frameRate: 86 });
    expect(template.startSec).toBe(1);
    expect(template.endSec).toBeCloseTo(1 + 9_999 * 0.01 + 0.5, 9);
    expect(template.nFrames).toBeGreaterThan(100 * 86 * 0.95);
    expect(template.vectors.length).toBe(template.nFrames * PITCH_BINS);
  });

  it('names the score when it has nothing to follow', () => {
    expect(() => buildTemplate({ notes: [note(0, 0, 10, 1)], source: 'drums-only.mid' }, { frameRate: 86 })).toThrow(/drums-only\.mid: the score has no notes/);
  });
});
