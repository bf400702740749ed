import { describe, expect, it } from 'vitest';
import { chordPitchClasses } from './chord.js';
import { parseKeyName, type MusicalKey } from './keys.js';
import { canonicalNumeral, numeralChord, parseNumeral } from './numeral.js';

const C: MusicalKey = { tonic: 0, mode: 'major' };
const a: MusicalKey = { tonic: 9, mode: 'minor' };

function chordOf(text: string, key: MusicalKey) {
  const parsed = parseNumeral(text);
  if (!parsed) throw new Error(`could not parse ${text}`);
  const chord = numeralChord(parsed, key);
  return { ...chord, pcs: chordPitchClasses(chord).sort((x, y) => x - y) };
}

describe('RomanText numerals', () => {
  it('builds diatonic triads and sevenths with inversions', () => {
    expect(chordOf('I', C)).toMatchObject({ root: 0, bass: 0, quality: 'M', inversion: 0 });
    expect(chordOf('ii6', C)).toMatchObject({ root: 2, bass: 5, quality: 'm', inversion: 1 });
    expect(chordOf('V7', C)).toMatchObject({ root: 7, quality: '7', inversion: 0 });
    expect(chordOf('V6/5', C)).toMatchObject({ root: 7, bass: 11, quality: '7', inversion: 1 });
    expect(chordOf('V43', C)).toMatchObject({ bass: 2, inversion: 2 });
    expect(chordOf('V2', C)).toMatchObject({ bass: 5, inversion: 3 });
    expect(chordOf('IV7', C)).toMatchObject({ root: 5, quality: 'maj7' });
    expect(chordOf('viio7', C)).toMatchObject({ root: 11, quality: 'dim7' });
    expect(chordOf('viiø7', C)).toMatchObject({ root: 11, quality: 'm7b5' });
    expect(chordOf('vii/o7', C)).toMatchObject({ root: 11, quality: 'm7b5' });
  });

  it('reads applied chords (secondary dominants and leading-tone chords)', () => {
    expect(chordOf('V7/V', C)).toMatchObject({ root: 2, quality: '7', pcs: [0, 2, 6, 9] });
    expect(chordOf('V6/5/iv', a)).toMatchObject({ root: 9, bass: 1, quality: '7' });
    expect(chordOf('viio7/ii', C)).toMatchObject({ root: 1, quality: 'dim7' });
    expect(chordOf('#viio7[no5][add6]/vi', { tonic: 5, mode: 'major' })).toMatchObject({ root: 1, quality: 'dim7' });
  });

  it('follows the cautionary minor-key convention for degrees 6 and 7', () => {
    expect(chordOf('vii', a).root).toBe(8); // G#
    expect(chordOf('viio7', a)).toMatchObject({ root: 8, quality: 'dim7' });
    expect(chordOf('#viio7', a).root).toBe(8); // the sharp is redundant
    expect(chordOf('VII', a).root).toBe(7); // G
    expect(chordOf('bVII', a).root).toBe(7);
    expect(chordOf('VI', a).root).toBe(5); // F
    expect(chordOf('vi', a).root).toBe(6); // F#
    expect(chordOf('V7', a)).toMatchObject({ root: 4, quality: '7', pcs: [2, 4, 8, 11] }); // E G# B D
  });

  it('reads the special chords', () => {
    expect(chordOf('Cad64', C)).toMatchObject({ root: 0, bass: 7, inversion: 2 });
    expect(chordOf('N6', a)).toMatchObject({ root: 10, bass: 2, quality: 'M', inversion: 1 });
    expect(chordOf('Ger65', a)).toMatchObject({ root: 5, quality: 'Ger', pcs: [0, 3, 5, 9] }); // F A C D#
    expect(chordOf('It6', C).pcs).toEqual([0, 6, 8]);
  });

  it('gives one canonical spelling to equivalent numerals', () => {
    const canon = (t: string, k: MusicalKey): string => canonicalNumeral(parseNumeral(t)!, k);
    expect(canon('V6/5', C)).toBe(canon('V65', C));
    expect(canon('V4/2', C)).toBe(canon('V2', C));
    expect(canon('#viio7', a)).toBe(canon('viio7', a));
    expect(canon('Cad64', C)).toBe(canon('I64', C));
    expect(canon('V7[no3]', C)).toBe('V7');
    expect(canon('V', C)).not.toBe(canon('V7', C));
  });

  it('rejects what is not a numeral, and reads key names', () => {
    expect(parseNumeral('X7')).toBeUndefined();
    expect(parseNumeral('b1.66.5')).toBeUndefined();
    expect(parseKeyName('f#')).toEqual({ tonic: 6, mode: 'minor' });
    expect(parseKeyName('Bb')).toEqual({ tonic: 10, mode: 'major' });
    expect(parseKeyName('e-')).toEqual({ tonic: 3, mode: 'minor' });
    expect(parseKeyName('H')).toBeUndefined();
  });
});
