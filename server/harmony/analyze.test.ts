import { describe, expect, it } from 'vitest';
import { analyzeHarmony, type HarmonySegment } from './analyze.js';
import { handScore, type HandNote } from './handScore.js';
import { QUALITY_INTERVALS } from './chord.js';
import { chordSymbol } from './chordName.js';
import { romanNumeral } from './romanLabel.js';
import { keyName, sameKey, spellKeyNear } from './keys.js';
import { readableKey } from './audience.js';
import { sliceScore } from './segment.js';

/** What sounds at a score beat, as `key: numeral` (and the cadence when one arrives there). */
function at(segments: readonly HarmonySegment[], beat: number): string {
  const s = segments.find((g) => g.startBeat <= beat && beat < g.endBeat);
  if (!s) throw new Error(`no segment at beat ${beat}`);
  return `${s.keyName}: ${s.numeral}${s.cadence ? ` (${s.cadence})` : ''}`;
}

// Four-part chorale textures: soprano, alto, tenor, bass as [MIDI pitch, quarters].
const q = (...pitches: number[]): HandNote[] => pitches.map((p) => [p, 1] as const);

describe('harmony analysis on hand-checked passages', () => {
  it('a perfect authentic cadence: I IV V I | I IV V7 I, fermata on the last chord', () => {
    const score = handScore([
      [...q(72, 72, 71, 72, 67, 69, 71), [72, 2]],
      [...q(67, 69, 67, 67, 64, 65, 65), [64, 2]],
      [...q(64, 65, 62, 64, 60, 60, 62), [60, 2]],
      [...q(48, 53, 55, 48, 48, 53, 55), [48, 2]],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [7] });
    expect([0, 1, 2, 3].map((b) => at(segments, b))).toEqual(['C: I', 'C: IV', 'C: V', 'C: I']);
    expect(at(segments, 6)).toBe('C: V7');
    expect(at(segments, 7)).toBe('C: I (perfect authentic)');
    const last = segments[segments.length - 1];
    expect(last.line).toMatch(/full close.*C major/);
    expect(last.chordSymbol).toBe('C');
    expect(segments.find((s) => s.startBeat === 6)?.chordSymbol).toBe('G7');
  });

  it('a deceptive cadence: V7 to vi at the phrase end', () => {
    const score = handScore([
      [[72, 1], [71, 1], [72, 2]],
      [[67, 1], [65, 1], [64, 2]],
      [[64, 1], [62, 1], [60, 2]],
      [[48, 1], [43, 1], [45, 2]],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [2] });
    expect(at(segments, 2)).toBe('C: vi (deceptive)');
    expect(segments[segments.length - 1].line).toMatch(/deceptive cadence/);
  });

  it('a secondary dominant: D7 in C major is V6/5 of V', () => {
    const score = handScore([
      [...q(67, 69, 67, 67), [72, 2], [71, 1], [72, 2]],
      [...q(64, 62, 62, 64), [64, 2], [62, 1], [64, 2]],
      [...q(60, 60, 59, 60), [57, 2], [55, 1], [55, 2]],
      [...q(48, 54, 55, 48), [45, 2], [43, 1], [48, 2]],
    ]);
    const { segments } = analyzeHarmony(score);
    expect(at(segments, 1)).toBe('C: V65/V');
    expect(segments.find((s) => s.startBeat === 1)?.chordSymbol).toBe('D7/F#');
    expect(at(segments, 2)).toBe('C: V');
  });

  it('a modulation: a phrase in C, then phrases cadencing in G', () => {
    const score = handScore([
      [...q(64, 65, 62, 64, 64, 66), [67, 2], ...q(67, 67, 66, 67, 71, 69, 66, 67)],
      [...q(60, 60, 59, 60, 60, 62), [62, 2], ...q(62, 64, 62, 62, 62, 64, 62, 62)],
      [...q(55, 57, 55, 55, 57, 57), [59, 2], ...q(59, 60, 57, 59, 55, 60, 60, 59)],
      [...q(48, 53, 55, 48, 45, 50), [43, 2], ...q(43, 48, 50, 43, 55, 52, 50, 43)],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [7, 15] });
    expect(at(segments, 0)).toBe('C: I');
    expect(at(segments, 2)).toBe('C: V');
    expect(at(segments, 5)).toBe('G: V');
    expect(at(segments, 6)).toBe('G: I (perfect authentic)');
    expect(at(segments, 15)).toBe('G: I (perfect authentic)');
    const turn = segments.find((s) => s.line?.startsWith('The music turns'));
    expect(turn?.line).toBe('The music turns to G major, the dominant.');
  });

  it('a tierce de Picardie: a minor piece ending on a major tonic stays in minor', () => {
    const score = handScore([
      [...q(72, 74, 71, 72, 72, 74, 71), [73, 2]],
      [...q(69, 69, 68, 69, 64, 65, 64), [64, 2]],
      [...q(64, 65, 64, 64, 57, 57, 59), [57, 2]],
      [...q(45, 50, 52, 45, 57, 50, 52), [45, 2]],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [3, 7] });
    expect([0, 1, 2, 3].map((b) => at(segments, b))).toEqual(['a: i', 'a: iv', 'a: V', 'a: i (imperfect authentic)']); // soprano on C
    expect(at(segments, 7)).toBe('a: I (imperfect authentic)'); // melody on the third, so imperfect
    expect(segments.at(-1)?.chordSymbol).toBe('A');
  });

  it('a suspension: the 4–3 over the dominant does not make a new chord', () => {
    // IV, then V with the soprano's C held over the beat and resolving to B, then I.
    const score = handScore([
      [[69, 1], [72, 1.5], [71, 0.5], [72, 1]],
      [[65, 1], [67, 1], [67, 1], [67, 1]],
      [[60, 1], [62, 1], [62, 1], [64, 1]],
      [[53, 1], [55, 1], [55, 1], [48, 1]],
    ]);
    const { segments } = analyzeHarmony(score);
    expect(at(segments, 0)).toBe('C: IV');
    expect(at(segments, 1)).toBe('C: V');
    expect(at(segments, 2)).toBe('C: V');
    expect(segments.filter((s) => s.startBeat >= 1 && s.startBeat < 3)).toHaveLength(1); // one V, merged
  });
});

describe('segmenter', () => {
  it('weights the beat notes and damps off-beat passing tones', () => {
    // C major triad on the beat, with a passing D in the soprano on the off-beat.
    const score = handScore([
      [[64, 0.5], [62, 0.5], [60, 1]],
      [[55, 2]],
      [[48, 2]],
    ]);
    const [first] = sliceScore(score);
    expect(first.bassPitch).toBe(48);
    expect(first.weights[2]).toBeGreaterThan(0);
    expect(first.weights[2]).toBeLessThan(first.weights[4]);
    expect(first.weights[0]).toBeGreaterThan(first.weights[4]); // the bass counts double
  });

  it('keeps Alberti figuration in one chord per harmony', () => {
    const alberti = (root: number, third: number, fifth: number): HandNote[] =>
      Array.from({ length: 2 }, () => [[root, 0.25], [fifth, 0.25], [third, 0.25], [fifth, 0.25]] as HandNote[]).flat();
    const score = handScore([
      [[72, 4], [71, 2], [72, 2]],
      [...alberti(48, 52, 55), ...alberti(48, 52, 55), ...alberti(47, 50, 55), ...alberti(48, 52, 55)],
    ]);
    const { segments } = analyzeHarmony(score);
    expect(segments.map((s) => [s.startBeat, s.numeral])).toEqual([[0, 'I'], [4, 'V6'], [6, 'I']]);
  });

  it('hears a bass that repeats its note in octaves as held: the cadential 6-4 over E2 E3 E3 E3', () => {
    // A: I (over A2), I64 (over repeated Es), V7, I — the upper voices hold the chords.
    const score = handScore([
      [[76, 1], [76, 1], [74, 1], [73, 1]],
      [[73, 1], [73, 1], [71, 1], [69, 1]],
      [[69, 1], [69, 1], [68, 1], [64, 1]],
      [[45, 1], [40, 0.25], [52, 0.25], [52, 0.25], [52, 0.25], [40, 1], [45, 1]],
    ]);
    const { segments } = analyzeHarmony(score);
    expect(segments.map((s) => [s.startBeat, s.chordSymbol])).toEqual([[0, 'A'], [1, 'A/E'], [2, 'E7'], [3, 'A']]);
  });

  it('gives leading silence no chord', () => {
    const score = handScore([
      [[-1, 2], [72, 2]],
      [[-1, 2], [64, 2]],
      [[-1, 2], [48, 2]],
    ]);
    const { segments } = analyzeHarmony(score);
    expect(segments.map((s) => [s.startBeat, s.chordSymbol])).toEqual([[2, 'C']]);
  });

  it('carries the fermata chord through the rest before the next phrase', () => {
    // a: i iv V i (fermata) | rest | g: viio65 i V i (fermata): the rest belongs to the cadence, the next chord starts where it sounds.
    const score = handScore([
      [[72, 1], [74, 1], [71, 1], [72, 2], [-1, 1], [66, 1], [70, 2], [69, 1], [70, 2]],
      [[69, 1], [69, 1], [68, 1], [69, 2], [-1, 1], [63, 1], [67, 2], [66, 1], [67, 2]],
      [[64, 1], [65, 1], [64, 1], [64, 2], [-1, 1], [60, 1], [62, 2], [62, 1], [62, 2]],
      [[57, 1], [50, 1], [52, 1], [45, 2], [-1, 1], [45, 1], [43, 2], [50, 1], [43, 2]],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [3, 10] });
    expect(at(segments, 5)).toBe('a: i (imperfect authentic)'); // the melody rests on the third
    expect(segments.find((s) => s.startBeat <= 5 && 5 < s.endBeat)?.startBeat).toBe(3);
    expect(segments.find((s) => s.startBeat === 6)?.chordSymbol).toBe('F#dim7/A');
    expect(at(segments, 6)).toBe('g: viio65');
    expect(at(segments, 10)).toBe('g: i (imperfect authentic)');
  });

  it('roots a diminished seventh before a cadential 6-4 on the note that leads into its bass', () => {
    // C: I, vii°7/V over A (F# A C Eb: no note of it leads into C), I64 over G, V7, I.
    const score = handScore([
      [[72, 1], [72, 1], [72, 1], [71, 1], [72, 2]],
      [[67, 1], [66, 1], [67, 1], [65, 1], [64, 2]],
      [[64, 1], [63, 1], [64, 1], [62, 1], [60, 2]],
      [[48, 1], [57, 1], [55, 1], [43, 1], [48, 2]],
    ]);
    const { segments } = analyzeHarmony(score, { phraseEnds: [4] });
    expect(segments.find((s) => s.startBeat === 1)?.chordSymbol).toBe('F#dim7/A');
    expect(at(segments, 1)).toBe('C: viio65/V');
    expect(at(segments, 2)).toBe('C: I64');
  });

  it('names applied leading-tone chords', () => {
    expect(romanNumeral({ root: 6, bass: 6, quality: 'dim7', inversion: 0 }, { tonic: 0, mode: 'major' })).toBe('viio7/V');
    expect(romanNumeral({ root: 1, bass: 1, quality: 'dim7', inversion: 0 }, { tonic: 0, mode: 'major' })).toBe('viio7/ii');
    expect(romanNumeral({ root: 0, bass: 4, quality: '7', inversion: 1 }, { tonic: 0, mode: 'major' })).toBe('V65/IV');
    expect(romanNumeral({ root: 8, bass: 8, quality: 'dim7', inversion: 0 }, { tonic: 9, mode: 'minor' })).toBe('viio7');
    expect(romanNumeral({ root: 5, bass: 5, quality: 'M', inversion: 0 }, { tonic: 9, mode: 'minor' })).toBe('VI');
    expect(romanNumeral({ root: 10, bass: 10, quality: 'M', inversion: 0 }, { tonic: 0, mode: 'major' })).toBe('bVII');
  });

  it('spells chord symbols through tonal, chromatic roots from where they lead', () => {
    const C = { tonic: 0, mode: 'major' } as const;
    const F = { tonic: 5, mode: 'major' } as const;
    expect(chordSymbol({ root: 2, bass: 6, quality: '7', inversion: 1 }, C)).toBe('D7/F#');
    expect(chordSymbol({ root: 1, bass: 1, quality: 'dim7', inversion: 0 }, F)).toBe('C#dim7');
    expect(chordSymbol({ root: 10, bass: 10, quality: 'M', inversion: 0 }, C)).toBe('Bb');
    expect(chordSymbol({ root: 9, bass: 0, quality: 'm', inversion: 1 }, C)).toBe('Am/C');
    expect(QUALITY_INTERVALS.m7b5).toEqual([0, 3, 6, 10]); // read from tonal's ChordType dictionary
  });

  it('names keys on the side of the written key signature, and spells their chords to match', () => {
    const fSharp = { tonic: 6, mode: 'major' } as const;
    const gFlat = spellKeyNear(fSharp, -3);
    expect([keyName(gFlat), keyName(spellKeyNear(fSharp, 4)), keyName(spellKeyNear(fSharp, 0))]).toEqual(['Gb', 'F#', 'F#']);
    expect(keyName(spellKeyNear({ tonic: 3, mode: 'minor' }, 4))).toBe('d#');
    expect(keyName(spellKeyNear({ tonic: 11, mode: 'major' }, -5))).toBe('Cb');
    expect(keyName(spellKeyNear({ tonic: 0, mode: 'major' }, -6))).toBe('C'); // one usual spelling only
    expect(sameKey(gFlat, fSharp)).toBe(true);
    expect(chordSymbol({ root: 11, bass: 3, quality: 'M', inversion: 1 }, gFlat)).toBe('Cb/Eb');
    expect(chordSymbol({ root: 11, bass: 3, quality: 'M', inversion: 1 }, fSharp)).toBe('B/D#');
    expect(readableKey(gFlat)).toBe('G♭ major');
  });

  it('spells an F-sharp-major passage as G-flat major in a piece written with flats', () => {
    // I IV V7 I in F#/Gb major, fermata on the last chord.
    const passage = handScore([
      [[70, 1], [71, 1], [68, 1], [70, 2]],
      [[66, 1], [66, 1], [65, 1], [66, 2]],
      [[61, 1], [63, 1], [59, 1], [61, 2]],
      [[54, 1], [47, 1], [49, 1], [54, 2]],
    ]);
    const flats = analyzeHarmony({ ...passage, keySignatures: [{ beat: 0, fifths: -3, mode: 'major' }] }, { phraseEnds: [3] });
    const sharps = analyzeHarmony({ ...passage, keySignatures: [{ beat: 0, fifths: 4, mode: 'major' }] }, { phraseEnds: [3] });
    expect(flats.segments.map((s) => `${s.keyName}: ${s.chordSymbol}`)).toEqual(['Gb: Gb', 'Gb: Cb', 'Gb: Db7', 'Gb: Gb']);
    expect(sharps.segments.map((s) => `${s.keyName}: ${s.chordSymbol}`)).toEqual(['F#: F#', 'F#: B', 'F#: C#7', 'F#: F#']);
    expect(flats.segments.at(-1)?.line).toMatch(/G♭ major/);
  });
});
