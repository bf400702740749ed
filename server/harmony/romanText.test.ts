import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HARMONY_DATASET } from './dataset.js';
import { parseRomanText, RomanTextError } from './romanText.js';

const EXAMPLE = [
  'Composer: J. S. Bach',
  'Title: Ach Gott und Herr',
  'Time Signature: 4/4',
  'm0 b4 C: I',
  'm1 V b2 V/V b2.5 V7/V b3 V || b4 I b4.5 V7/IV',
  'm2 IV b2 viio6 b3 I || b4 V G: I',
  'm2var1 IV b2 ii6',
  'Note: a comment',
  'm3-4 = m1-2',
  'm7 a: IV6/5 b2 viio b3 i C: vi b4 I6/4 b4.5 IV :||',
].join('\r\n');

describe('RomanText reader', () => {
  const parsed = parseRomanText(EXAMPLE, 'example.txt');

  it('reads headers, metre, beats, keys and numerals', () => {
    expect(parsed.header).toMatchObject({ Composer: 'J. S. Bach', Title: 'Ach Gott und Herr' });
    expect(parsed.meters).toEqual([{ measure: 0, numerator: 4, denominator: 4 }]);
    const m1 = parsed.chords.filter((c) => c.measure === 1);
    expect(m1.map((c) => [c.beat, c.numeral])).toEqual([[1, 'V'], [2, 'V/V'], [2.5, 'V7/V'], [3, 'V'], [4, 'I'], [4.5, 'V7/IV']]);
    expect(m1.every((c) => c.key.tonic === 0 && c.key.mode === 'major')).toBe(true);
  });

  it('marks phrase ends and reads both readings of a pivot chord', () => {
    expect(parsed.phraseMarks).toContainEqual({ measure: 1, beat: 3 });
    expect(parsed.phraseMarks).toContainEqual({ measure: 2, beat: 3 });
    expect(parsed.sectionEnds).toEqual([{ measure: 7, beat: 4.5 }]); // `:||` ends a section
    // `b4 V G: I`: the chord is C: V, its pivot reading G: I (as music21 reads it), and G holds after it.
    const pivot = parsed.chords.find((c) => c.measure === 2 && c.beat === 4);
    expect(pivot).toMatchObject({ numeral: 'V', key: { tonic: 0, mode: 'major' }, pivot: { numeral: 'I', key: { tonic: 7, mode: 'major' } } });
    const m7 = parsed.chords.filter((c) => c.measure === 7);
    expect(m7.find((c) => c.beat === 3)).toMatchObject({ numeral: 'i', key: { tonic: 9, mode: 'minor' }, pivot: { numeral: 'vi', key: { tonic: 0, mode: 'major' } } });
    expect(m7.find((c) => c.beat === 4)).toMatchObject({ numeral: 'I6/4', key: { tonic: 0, mode: 'major' } });
    expect(parsed.chords.filter((c) => c.pivot).map((c) => `${c.measure}.${c.beat}`)).toEqual(['2.4', '4.4', '7.3']); // m4 copies m2
  });

  it('reads a pivot only right after a chord on the same beat', () => {
    const text = ['Time Signature: 3/4', 'm1 C: I b2 V b3 vi G: ii', 'm2 V || D: IV b2 I b3 b3 V'].join('\n');
    const { chords } = parseRomanText(text, 'pivots.txt');
    expect(chords.map((c) => `${c.measure}.${c.beat} ${c.numeral}${c.pivot ? ' = ' + c.pivot.numeral : ''}`)).toEqual(['1.1 I', '1.2 V', '1.3 vi = ii', '2.1 V = IV', '2.2 I', '2.3 V']);
  });

  it('copies repeated bars and skips variants with a reason', () => {
    expect(parsed.chords.filter((c) => c.measure === 3).map((c) => c.numeral)).toEqual(['V', 'V/V', 'V7/V', 'V', 'I', 'V7/IV']);
    expect(parsed.skipped).toHaveLength(1);
    expect(parsed.skipped[0]).toMatchObject({ line: 7, reason: expect.stringContaining('alternative reading') });
  });

  it('fails with the file and line on bad input', () => {
    expect(() => parseRomanText('Time Signature: 4/4\nm1 I', 'nokey.txt')).toThrow(/nokey\.txt:2: numeral "I" in m1 before any key/);
    expect(() => parseRomanText('Title: nothing here', 'empty.txt')).toThrow(RomanTextError);
    expect(() => parseRomanText('Time Signature: four\nm1 C: I', 'meter.txt')).toThrow(/meter\.txt:1: bad time signature/);
  });
});

describe('RomanText reader on every analysis in the harmony dataset', () => {
  it('parses each file, or lists what it skipped with a reason', () => {
    if (!existsSync(DEFAULT_HARMONY_DATASET)) throw new Error(`harmony dataset missing: expected it at ${DEFAULT_HARMONY_DATASET}`);
    const files = readdirSync(DEFAULT_HARMONY_DATASET, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(DEFAULT_HARMONY_DATASET, d.name)).filter((f) => /^analysis.*\.txt$/.test(f)).map((f) => join(DEFAULT_HARMONY_DATASET, d.name, f)));
    expect(files.length).toBe(63); // SOURCE.md: 63 analysis files
    for (const file of files) {
      const a = parseRomanText(readFileSync(file, 'utf8'), file);
      expect(a.chords.length, file).toBeGreaterThan(20);
      for (const s of a.skipped) expect(s.reason, `${file}:${s.line}`).toMatch(/alternative reading|second-ending|unreadable token|not a header/);
      // Unreadable tokens are rare: at most a handful per file, never whole passages.
      expect(a.skipped.filter((s) => s.reason.startsWith('unreadable')).length, file).toBeLessThanOrEqual(5);
      const measures = a.chords.map((c) => c.measure);
      expect(Math.min(...measures), file).toBeLessThanOrEqual(1);
    }
  });
});
