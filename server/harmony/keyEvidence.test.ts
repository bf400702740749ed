import { describe, expect, it } from 'vitest';
import { templateAt, templateCount } from './chordLabel.js';
import { absorbRelativeMinor, addCadenceEvidence, keepCadenceArrivalKey, keepKeyWithoutDominant, placeKeyChangesOnDominants, readHalfCadencesInKey } from './keyEvidence.js';
import { DEFAULT_KEY_TUNING, KEY_PROFILES, findKeys, homeKey } from './keyFinder.js';
import { keyName, type MusicalKey } from './keys.js';
import { handScore, type HandNote } from './handScore.js';
import { phraseOfSlices } from './phrases.js';
import { sliceScore } from './segment.js';

const C: MusicalKey = { tonic: 0, mode: 'major' };
const G: MusicalKey = { tonic: 7, mode: 'major' };
const a: MusicalKey = { tonic: 9, mode: 'minor' };
const chordIndex = (root: number, quality: string): number => {
  for (let i = 0; i < templateCount; i++) if (templateAt(i).root === root && templateAt(i).quality === quality) return i;
  throw new Error(`no template ${root} ${quality}`);
};

describe('key changes placed where analysts write them', () => {
  it('moves a change to G back onto the D major chord (V of G) before it', () => {
    const chords = Int32Array.from([chordIndex(0, 'M'), chordIndex(9, 'm'), chordIndex(2, 'M'), chordIndex(7, 'M'), chordIndex(7, 'M')]);
    const keys = placeKeyChangesOnDominants([C, C, C, G, G], chords, [false, false, false, false, false]);
    expect(keys.map(keyName)).toEqual(['C', 'C', 'G', 'G', 'G']);
  });

  it('reads a diminished seventh as the new key\'s vii°7 from whichever of its notes its template is rooted on', () => {
    // C, then F#dim7 (the same four notes as Adim7, Cdim7 and Ebdim7): vii°7 of G, whatever the template's root.
    for (const root of [6, 9, 0, 3]) {
      const chords = Int32Array.from([chordIndex(0, 'M'), chordIndex(root, 'dim7'), chordIndex(7, 'M'), chordIndex(7, 'M')]);
      expect(placeKeyChangesOnDominants([C, C, G, G], chords, [false, false, false, false]).map(keyName)).toEqual(['C', 'G', 'G', 'G']);
    }
    const notLeading = Int32Array.from([chordIndex(0, 'M'), chordIndex(8, 'dim7'), chordIndex(7, 'M'), chordIndex(7, 'M')]);
    expect(placeKeyChangesOnDominants([C, C, G, G], notLeading, [false, false, false, false]).map(keyName)).toEqual(['C', 'C', 'G', 'G']);
  });

  it('leaves it where the chord before is not the new dominant, or ends a phrase', () => {
    const chords = Int32Array.from([chordIndex(0, 'M'), chordIndex(5, 'M'), chordIndex(2, 'M'), chordIndex(7, 'M')]);
    expect(placeKeyChangesOnDominants([C, C, G, G], chords, [false, false, false, false]).map(keyName)).toEqual(['C', 'C', 'G', 'G']);
    expect(placeKeyChangesOnDominants([C, C, C, G], chords, [false, false, true, false]).map(keyName)).toEqual(['C', 'C', 'C', 'G']);
  });
});

describe('the key of a cadence arrival', () => {
  const b: MusicalKey = { tonic: 11, mode: 'minor' };
  const e: MusicalKey = { tonic: 4, mode: 'minor' };
  // b minor: G major, F#7 (V7), then B major under a fermata (a tierce de Picardie), which the path read as V of e.
  const chords = Int32Array.from([chordIndex(7, 'M'), chordIndex(6, '7'), chordIndex(11, 'M'), chordIndex(11, 'M'), chordIndex(4, 'm')]);

  it('stays in the key whose V → I it completes when the arrival ends the phrase', () => {
    expect(keepCadenceArrivalKey([b, b, e, e, e], chords, [false, false, false, true, false]).map(keyName)).toEqual(['b', 'b', 'b', 'b', 'e']);
  });

  it('leaves the change where the arrival does not end a phrase, or the chord before is not its dominant', () => {
    expect(keepCadenceArrivalKey([b, b, e, e, e], chords, [false, false, false, false, false]).map(keyName)).toEqual(['b', 'b', 'e', 'e', 'e']);
    const fromIV = Int32Array.from([chordIndex(7, 'M'), chordIndex(4, 'm'), chordIndex(11, 'M'), chordIndex(11, 'M'), chordIndex(4, 'm')]);
    expect(keepCadenceArrivalKey([b, b, e, e, e], fromIV, [false, false, false, true, false]).map(keyName)).toEqual(['b', 'b', 'e', 'e', 'e']);
  });
});

describe('a phrase that stops on V after V/V', () => {
  // Two 4/4 bars of quarter slices; the key path has read the second bar as G major, its third beat under a fermata.
  const slices = sliceScore(handScore([[[72, 1], [76, 1], [72, 1], [72, 1], [74, 1], [74, 1], [71, 1], [71, 1]]]));
  const path = [C, C, C, C, G, G, G, G];
  const rest = [false, false, false, false, false, false, true, false];
  const [cM, aM, dSeventh, gM] = [chordIndex(0, 'M'), chordIndex(9, 'm'), chordIndex(2, '7'), chordIndex(7, 'M')];
  const viaVofV = Int32Array.from([cM, cM, aM, aM, dSeventh, dSeventh, gM, gM]);

  it('is a half cadence in C when G sounds only as the arrival (C Am D7 → G)', () => {
    expect(slices).toHaveLength(8);
    expect(readHalfCadencesInKey(path, viaVofV, rest, slices, 4).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'C', 'C', 'C', 'C']);
  });

  it('stays in G where G is heard before the cadence, where no phrase ends, or where the stay is longer than the limit', () => {
    const established = Int32Array.from([cM, cM, aM, aM, gM, dSeventh, gM, gM]);
    expect(readHalfCadencesInKey(path, established, rest, slices, 4).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'G', 'G', 'G', 'G']);
    expect(readHalfCadencesInKey(path, viaVofV, rest.map(() => false), slices, 4).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'G', 'G', 'G', 'G']);
    expect(readHalfCadencesInKey(path, viaVofV, rest, slices, 3).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'G', 'G', 'G', 'G']);
  });
});

describe('a key stay without its dominant', () => {
  const F: MusicalKey = { tonic: 5, mode: 'major' };
  const slices = sliceScore(handScore([[[72, 1], [71, 1], [72, 1], [72, 1], [72, 1], [74, 1], [76, 1], [77, 1]]]));
  const [cM, gM, fM, dSeventh] = [chordIndex(0, 'M'), chordIndex(7, 'M'), chordIndex(5, 'M'), chordIndex(0, '7')];

  it('is no modulation: the key before it holds (C: I V I IV IV, then a: V i i)', () => {
    const chords = Int32Array.from([cM, gM, cM, fM, fM, chordIndex(4, 'M'), chordIndex(9, 'm'), chordIndex(9, 'm')]);
    expect(slices).toHaveLength(8);
    expect(keepKeyWithoutDominant([C, C, C, F, F, a, a, a], chords, slices, 4).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'C', 'a', 'a', 'a']);
  });

  it('stays a key once its dominant sounds, or when longer than the limit', () => {
    const chords = Int32Array.from([cM, gM, cM, fM, dSeventh, fM, fM, fM]);
    expect(keepKeyWithoutDominant([C, C, C, F, F, F, F, F], chords, slices, 8).map(keyName)).toEqual(['C', 'C', 'C', 'F', 'F', 'F', 'F', 'F']);
    const noDominant = Int32Array.from([cM, gM, cM, fM, fM, fM, fM, fM]);
    expect(keepKeyWithoutDominant([C, C, C, F, F, F, F, F], noDominant, slices, 4).map(keyName)).toEqual(['C', 'C', 'C', 'F', 'F', 'F', 'F', 'F']);
    expect(keepKeyWithoutDominant([C, C, C, F, F, F, F, F], noDominant, slices, 8).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'C', 'C', 'C', 'C']);
  });
});

describe('a short relative minor inside its major', () => {
  // Eight quarter slices: C major with a two-quarter stay in A minor (V/vi → vi), then C again.
  const slices = sliceScore(handScore([[[60, 1], [64, 1], [68, 1], [69, 1], [67, 1], [65, 1], [64, 1], [60, 1]]]));

  it('is read as a tonicisation of vi in the major', () => {
    expect(slices).toHaveLength(8);
    expect(absorbRelativeMinor([C, C, a, a, C, C, C, C], slices, 8, C).map(keyName)).toEqual(['C', 'C', 'C', 'C', 'C', 'C', 'C', 'C']);
  });

  it('stays a modulation when longer than the limit, not followed by the major, the home key, or a relative major inside minor', () => {
    expect(absorbRelativeMinor([C, a, a, a, a, a, C, C], slices, 4, C).map(keyName)).toEqual(['C', 'a', 'a', 'a', 'a', 'a', 'C', 'C']);
    expect(absorbRelativeMinor([C, C, a, a, G, G, G, G], slices, 8, C).map(keyName)).toEqual(['C', 'C', 'a', 'a', 'G', 'G', 'G', 'G']);
    expect(absorbRelativeMinor([C, C, a, a, C, C, C, C], slices, 8, a).map(keyName)).toEqual(['C', 'C', 'a', 'a', 'C', 'C', 'C', 'C']);
    expect(absorbRelativeMinor([a, a, C, C, a, a, a, a], slices, 8, a).map(keyName)).toEqual(['a', 'a', 'C', 'C', 'a', 'a', 'a', 'a']);
  });
});

describe('cadence evidence', () => {
  it('credits a major tonic at a phrase end to its major key and to its minor (a tierce de Picardie)', () => {
    // Melody E E E A: the chords E major → A major, the A under a fermata.
    const slices = sliceScore(handScore([[[64, 1], [64, 1], [64, 1], [69, 1]]]));
    const chords = Int32Array.from([chordIndex(4, 'M'), chordIndex(4, 'M'), chordIndex(4, 'M'), chordIndex(9, 'M')]);
    const evidence = slices.map(() => new Float64Array(24));
    addCadenceEvidence(slices, chords, evidence, [false, false, false, true], DEFAULT_KEY_TUNING);
    const aMajor = 9;
    const aMinor = 9 + 12;
    expect(evidence[3][aMajor]).toBeGreaterThan(0);
    expect(evidence[3][aMinor]).toBe(evidence[3][aMajor]);
    expect(evidence[3][4]).toBe(0); // nothing for E major, the dominant
    // Not at a phrase end, the bass 5 → 1 still confirms A major (half as much), but no longer the minor.
    const inPhrase = slices.map(() => new Float64Array(24));
    addCadenceEvidence(slices, chords, inPhrase, [false, false, false, false], DEFAULT_KEY_TUNING);
    expect(inPhrase[3][aMajor]).toBeCloseTo(evidence[3][aMajor] / 2);
    expect(inPhrase[3][aMinor]).toBe(0);
  });
});

describe('phrases from phrase ends', () => {
  it('keeps a held fermata chord in its phrase and starts the next phrase after it', () => {
    // Soprano: three quarters, a half note under a fermata (beat 3), then a new phrase.
    const score = handScore([[[72, 1], [74, 1], [76, 1], [77, 2], [79, 1], [77, 1], [76, 2]]], 4);
    const slices = sliceScore(score);
    const atRest = slices.map((s) => s.startBeat === 3);
    // Twelve quarter slices (three 4/4 bars, the last one partly silent).
    expect(Array.from(phraseOfSlices(slices, atRest))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('key profiles', () => {
  // A plain C major scale with a cadence, then the same in A minor with its raised leading tone.
  const scale = (notes: number[]): HandNote[] => notes.map((p) => [p, 1] as const);
  const cMajor = handScore([scale([60, 62, 64, 65, 67, 69, 71, 72, 67, 72])]);
  const aMinor = handScore([scale([57, 59, 60, 62, 64, 65, 68, 69, 64, 69])]);

  for (const profile of Object.keys(KEY_PROFILES) as (keyof typeof KEY_PROFILES)[]) {
    it(`${profile}: finds C major and A minor`, () => {
      expect(homeKey(sliceScore(cMajor), profile)).toBe(0);
      expect(homeKey(sliceScore(aMinor), profile)).toBe(9 + 12);
      expect(new Set(findKeys(sliceScore(aMinor), { ...DEFAULT_KEY_TUNING, profile }).map(keyName))).toEqual(new Set(['a']));
    });
  }
});
