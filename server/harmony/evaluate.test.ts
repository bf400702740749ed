import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from './analyze.js';
import { compareAnalyses, evaluateAnalysis, placementFor, type PivotReading } from './evaluate.js';
import { matchKeyChanges, writtenKeyChanges } from './keyChanges.js';
import { keyName } from './keys.js';
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

  describe('cadences', () => {
    // | C G C (fermata) | F G7 C |: two phrases, each closing V → I.
    const twoPhrases = handScore([
      [[72, 1], [71, 1], [72, 2], [72, 1], [71, 1], [72, 2]],
      [[67, 1], [67, 1], [67, 2], [69, 1], [65, 1], [64, 2]],
      [[64, 1], [62, 1], [64, 2], [65, 1], [62, 1], [60, 2]],
      [[48, 1], [43, 1], [48, 2], [53, 1], [43, 1], [48, 2]],
    ]);
    const ours = analyzeHarmony(twoPhrases, { phraseEnds: [2] });
    const marked = (text: string) => evaluateAnalysis(twoPhrases, ours, parseRomanText(`Time Signature: 4/4\n${text}`, 'test.txt'));

    it('finds both of our cadences', () => {
      expect(ours.segments.filter((g) => g.cadence).map((g) => g.startBeat)).toEqual([2, 6]);
    });

    it('counts the end of the piece as the end of its last phrase, written or not', () => {
      const unwritten = marked('m1 C: I b2 V b3 I ||\nm2 IV b2 V7 b3 I');
      const written = marked('m1 C: I b2 V b3 I ||\nm2 IV b2 V7 b3 I ||');
      expect([unwritten.cadencesTrue, unwritten.cadencesTrueFound, unwritten.cadencesFoundRight]).toEqual([2, 2, 2]);
      expect([written.cadencesTrue, written.cadencesTrueFound]).toEqual([2, 2]);
    });

    it('counts an end-repeat sign as a phrase end where the analysis marks phrases', () => {
      const repeat = marked('m1 C: I b2 V b3 I :||\nm2 IV b2 V7 b3 I ||');
      expect([repeat.cadencesTrue, repeat.cadencesTrueFound]).toEqual([2, 2]);
    });

    it('scores no cadences against an analysis that marks no phrase ends, end-repeat signs or not', () => {
      expect(marked('m1 C: I b2 V b3 I\nm2 IV b2 V7 b3 I').cadencesTrue).toBe(0);
      expect(marked('m1 C: I b2 V b3 I :||\nm2 IV b2 V7 b3 I').cadencesTrue).toBe(0);
    });
  });
});

describe('key changes', () => {
  const placed = (text: string) => {
    const a = parseRomanText(`Time Signature: 4/4\n${text}`, 'test.txt');
    return writtenKeyChanges(a, placementFor(twoBars, a)).map((c) => `${c.offset} ${keyName(c.key)}`);
  };
  const twoBars = handScore([[[72, 4], [74, 4], [72, 4]]]);

  it('reads where an analysis changes key, a pivot chord changing it on itself', () => {
    expect(placed('m1 C: I b3 V\nm2 G: I b3 V\nm3 I')).toEqual(['4 G']);
    expect(placed('m1 C: I b3 V\nm2 I G: IV b3 V\nm3 I')).toEqual(['4 G']);
    expect(placed('m1 C: I b3 V\nm2 a: i b3 C: V\nm3 I')).toEqual(['4 a', '6 C']);
  });

  it('matches announced changes to the same key within the tolerance, one to one', () => {
    const C = { tonic: 0, mode: 'major' } as const;
    const G = { tonic: 7, mode: 'major' } as const;
    const truth = [{ offset: 8, key: G }, { offset: 16, key: C }];
    expect(matchKeyChanges([{ offset: 10, key: G }], truth, 4)).toBe(1);
    expect(matchKeyChanges([{ offset: 13, key: G }], truth, 4)).toBe(0); // too far
    expect(matchKeyChanges([{ offset: 8, key: C }], truth, 4)).toBe(0); // another key
    expect(matchKeyChanges([{ offset: 7, key: G }, { offset: 9, key: G }], truth, 4)).toBe(1); // one to one
  });
});
