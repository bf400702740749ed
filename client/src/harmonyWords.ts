/**
 * Harmony in words for a general audience ("A cadence in B♭ major: the phrase comes home") instead of
 * "Adim (viio) · Cm (ii) · F7/A (V65)"; the chord names for the curious, the numerals only for experts.
 * Pure: returns i18n keys and their parameters, so every language words it its own way.
 */
import type { PassageHarmony } from '@tutti/protocol';

export type Level = 'newcomer' | 'curious' | 'expert';
export const LEVELS: readonly Level[] = ['newcomer', 'curious', 'expert'];

export interface Words {
  readonly key: string;
  readonly params?: Readonly<Record<string, string>>;
}

const CADENCES: Readonly<Record<string, string>> = {
  'perfect authentic': 'harmony.cadence.authentic',
  'imperfect authentic': 'harmony.cadence.authentic',
  half: 'harmony.cadence.half',
  deceptive: 'harmony.cadence.deceptive',
  plagal: 'harmony.cadence.plagal',
};

/** What a chord does in its key, from its roman numeral: home, pulling home, tension, moving away, a colour. */
export function chordRole(numeral: string): string {
  if (numeral.includes('/')) return 'harmony.role.borrowed'; // V/V: tension borrowed from another key
  const roman = /^(b|♭|#|♯)?([ivIV]+)(o|°|ø|\+)?/.exec(numeral);
  if (!roman) return 'harmony.role.colour';
  const [, , r, quality] = roman;
  if (quality === 'o' || quality === '°' || quality === 'ø' || r.toLowerCase() === 'vii') return 'harmony.role.tension';
  switch (r.toUpperCase()) {
    case 'I':
      return 'harmony.role.home';
    case 'V':
      return 'harmony.role.pull';
    case 'IV':
    case 'II':
      return 'harmony.role.away';
    default:
      return 'harmony.role.colour';
  }
}

/** The newcomer's one line for a bar: a cadence, a change of key, or what the bar's main chord does. */
export function plainHarmony(harmony: readonly PassageHarmony[]): Words | null {
  if (harmony.length === 0) return null;
  const cadence = harmony.find((h) => h.cadence !== null && CADENCES[h.cadence!]);
  if (cadence) return { key: CADENCES[cadence.cadence!], params: { key: cadence.key } };
  const changed = harmony.find((h, i) => i > 0 && h.key !== harmony[i - 1].key);
  if (changed) return { key: 'harmony.modulation', params: { key: changed.key } };
  return { key: chordRole(harmony[0].numeral), params: { key: harmony[0].key } };
}

/** "E♭ · B♭7/D" for the curious; "E♭ (I) · B♭7/D (V65)" for experts. */
export function chordNames(harmony: readonly PassageHarmony[], level: Level): string {
  return harmony.map((h) => (level === 'expert' ? `${h.chord} (${h.numeral})` : h.chord)).join(' · ');
}

const GERMAN_NOTES: Readonly<Record<string, string>> = {
  C: 'C', 'C♯': 'Cis', 'C♭': 'Ces', D: 'D', 'D♯': 'Dis', 'D♭': 'Des', E: 'E', 'E♯': 'Eis', 'E♭': 'Es', F: 'F', 'F♯': 'Fis', 'F♭': 'Fes',
  G: 'G', 'G♯': 'Gis', 'G♭': 'Ges', A: 'A', 'A♯': 'Ais', 'A♭': 'As', B: 'H', 'B♯': 'His', 'B♭': 'B',
};

/** "E♭ major" in the reader's language: German writes "Es-Dur", "c-Moll". Unknown shapes pass unchanged. */
export function keyName(key: string, locale: string): string {
  if (locale !== 'de') return key;
  const m = /^([A-G][♯♭]?) (major|minor)$/.exec(key);
  if (!m) return key;
  const note = GERMAN_NOTES[m[1]] ?? m[1];
  return m[2] === 'major' ? `${note}-Dur` : `${note.toLowerCase()}-Moll`;
}
