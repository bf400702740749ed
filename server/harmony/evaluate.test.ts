import { describe, expect, it } from 'vitest';
import { compareAnalyses, type PivotReading } from './evaluate.js';
import { handScore } from './handScore.js';
import { parseRomanText } from './romanText.js';

// One bar of four quarter-note chords; only the analyses' labels matter here.
const score = handScore([[[72, 1], [72, 1], [71, 1], [72, 1]], [[60, 1], [65, 1], [67, 1], [64, 1]], [[48, 1], [53, 1], [55, 1], [48, 1]]]);
const analysis = (body: string) => parseRomanText(`Time Signature: 4/4\nm1 ${body}`, 'test.txt');

describe('scoring on the beat grid', () => {
  // The analyst names the last chord a pivot: C: I and G: IV.
  const reference = analysis('C: I b2 IV b3 V b4 I G: IV');
  const oldKey = analysis('C: I b2 IV b3 V b4 I');
  const newKey = analysis('C: I b2 IV b3 V b4 G: IV');
  const keyBeats = (other: typeof reference, pivots: PivotReading) => compareAnalyses(score, reference, other, pivots).key;

  it('counts either reading of a pivot chord by default', () => {
    expect(keyBeats(oldKey, 'either')).toBe(4);
    expect(keyBeats(newKey, 'either')).toBe(4);
    expect(compareAnalyses(score, reference, newKey).roman).toBe(4);
  });

  it('counts only the reading asked for with first or second', () => {
    expect([keyBeats(oldKey, 'first'), keyBeats(newKey, 'first')]).toEqual([4, 3]);
    expect([keyBeats(oldKey, 'second'), keyBeats(newKey, 'second')]).toEqual([3, 4]);
  });

  it('still counts a wrong key wrong at a pivot', () => {
    expect(keyBeats(analysis('C: I b2 IV b3 V b4 d: VII'), 'either')).toBe(3);
  });
});
