import { beforeAll, describe, expect, it } from 'vitest';
import { loadScore } from '../score/load.js';
import { beatToSecWith } from '../score/timemap.js';
import type { Score } from '../score/types.js';
import { cutExcerpt, pickExcerpt, PPQ } from './excerpt.js';
import { createRng } from './rng.js';
import { sharedScore } from './testScores.js';

describe('excerpts of a real score (Beethoven 5/i)', () => {
  let score: Score;
  beforeAll(async () => {
    score = await loadScore(sharedScore('beethoven-symphony5-mvt1', 'Beethoven_Op.67_1.mxl'));
  });

  it('starts at bar 1 when asked to start at the beginning', () => {
    const ex = pickExcerpt(score, { seconds: 20, fromStart: true }, createRng(1));
    expect(ex.firstMeasure).toBe('1');
    expect(ex.startBeatInScore).toBe(0);
  });

  it('starts mid-movement on a sounding downbeat, chosen by the seed, and lasts the asked time', () => {
    const starts = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const ex = pickExcerpt(score, { seconds: 20, fromStart: false }, createRng(seed));
      expect(pickExcerpt(score, { seconds: 20, fromStart: false }, createRng(seed)).firstMeasure).toBe(ex.firstMeasure);
      starts.add(ex.firstMeasure);
      expect(ex.startBeatInScore).toBeGreaterThan(0);
      expect(ex.notes[0].onsetBeat).toBe(0);
      const notatedSec = beatToSecWith(ex.tempoMap, ex.lengthBeat);
      expect(notatedSec).toBeGreaterThanOrEqual(20);
      expect(notatedSec).toBeLessThan(25);
      for (const n of ex.notes) {
        expect(Number.isInteger(n.onsetBeat * PPQ)).toBe(true);
        expect(n.durationBeat).toBeGreaterThan(0);
        expect(n.onsetBeat + n.durationBeat).toBeLessThanOrEqual(ex.lengthBeat + 1e-9);
        expect(n.partIndex).toBeLessThan(ex.parts.length);
      }
    }
    expect(starts.size).toBeGreaterThan(1);
  });

  it('keeps the notated tempo changes inside an excerpt (the Adagio bar 268)', () => {
    const start = score.measures.findIndex((m) => m.number === '264');
    const ex = cutExcerpt(score, start, { seconds: 12 });
    expect(ex.tempoMap.map((t) => t.bpm)).toEqual([216, 71, 216]);
    expect(ex.tempoMap[1].beat).toBe(8); // four 2/4 bars after bar 264
  });
});
