import { describe, expect, it } from 'vitest';
import type { PassageHarmony } from '@tutti/protocol';
import { chordNames, chordRole, keyName, plainHarmony } from './harmonyWords.js';

const h = (chord: string, numeral: string, key = 'B♭ major', cadence: string | null = null): PassageHarmony => ({ key, chord, numeral, cadence, line: null });

describe('harmony in words', () => {
  it('says what a cadence does rather than naming numerals', () => {
    expect(plainHarmony([h('F7', 'V7'), h('B♭', 'I', 'B♭ major', 'perfect authentic')])).toEqual({ key: 'harmony.cadence.authentic', params: { key: 'B♭ major' } });
    expect(plainHarmony([h('F', 'V', 'B♭ major', 'half')])?.key).toBe('harmony.cadence.half');
  });

  it('names a change of key, else what the main chord does', () => {
    expect(plainHarmony([h('E♭', 'I', 'E♭ major'), h('F7', 'V7', 'B♭ major')])).toEqual({ key: 'harmony.modulation', params: { key: 'B♭ major' } });
    expect(plainHarmony([h('Adim', 'viio')])?.key).toBe('harmony.role.tension');
    expect(chordRole('viio42')).toBe('harmony.role.tension');
    expect(chordRole('V65')).toBe('harmony.role.pull');
    expect(chordRole('I6')).toBe('harmony.role.home');
    expect(chordRole('ii')).toBe('harmony.role.away');
    expect(chordRole('V7/V')).toBe('harmony.role.borrowed');
    expect(chordRole('vi')).toBe('harmony.role.colour');
    expect(plainHarmony([])).toBeNull();
  });

  it('keeps the numerals for the expert level only', () => {
    const bar = [h('Adim', 'viio'), h('Cm', 'ii'), h('F7/A', 'V65')];
    expect(chordNames(bar, 'curious')).toBe('Adim · Cm · F7/A');
    expect(chordNames(bar, 'expert')).toBe('Adim (viio) · Cm (ii) · F7/A (V65)');
  });

  it('spells keys the German way in German', () => {
    expect(keyName('E♭ major', 'de')).toBe('Es-Dur');
    expect(keyName('B♭ major', 'de')).toBe('B-Dur');
    expect(keyName('B major', 'de')).toBe('H-Dur');
    expect(keyName('C minor', 'de')).toBe('c-Moll');
    expect(keyName('E♭ major', 'en')).toBe('E♭ major');
  });
});
