import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { pickLocale } from './index.js';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));

describe('languages', () => {
  it('German has every English key and no other', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('picks the browser\'s first language we speak, unless the reader chose one', () => {
    expect(pickLocale(['fr-FR', 'de-AT', 'en'], null)).toBe('de');
    expect(pickLocale(['fr'], null)).toBe('en');
    expect(pickLocale(['de'], 'en')).toBe('en');
    expect(pickLocale(['de'], 'xx')).toBe('de');
  });
});
