/** Pitch classes and keys as small plain values; names follow RomanText (upper case major, lower case minor). */
import { Note } from './tonal.js';

export type Mode = 'major' | 'minor';

export interface MusicalKey {
  /** Pitch class of the tonic, 0 = C. */
  readonly tonic: number;
  readonly mode: Mode;
  /**
   * The tonic's name where it is not the conventional one (`Gb` rather than `F#`, `d#` rather than
   * `eb`): set by `spellKeyNear` from the written key signature. Never changes which key it is.
   */
  readonly spelling?: string;
}

export const pc = (n: number): number => ((n % 12) + 12) % 12;

/** Conventional tonic spellings (fewest accidentals in the key signature). */
const MAJOR_TONICS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
const MINOR_TONICS = ['c', 'c#', 'd', 'eb', 'e', 'f', 'f#', 'g', 'g#', 'a', 'bb', 'b'] as const;

/** All 24 keys: index = tonic + 12 for minor. */
export const ALL_KEYS: readonly MusicalKey[] = [
  ...Array.from({ length: 12 }, (_, t) => ({ tonic: t, mode: 'major' as const })),
  ...Array.from({ length: 12 }, (_, t) => ({ tonic: t, mode: 'minor' as const })),
];

export const keyIndex = (k: MusicalKey): number => k.tonic + (k.mode === 'minor' ? 12 : 0);

export function keyName(k: MusicalKey): string {
  return k.spelling ?? (k.mode === 'major' ? MAJOR_TONICS[k.tonic] : MINOR_TONICS[k.tonic]);
}

/** The other spelling of keys that are written either way (at most seven accidentals each), with its key signature. */
const ENHARMONIC: Readonly<Record<string, { readonly name: string; readonly fifths: number; readonly usual: number }>> = {
  B: { name: 'Cb', fifths: -7, usual: 5 },
  'F#': { name: 'Gb', fifths: -6, usual: 6 },
  Db: { name: 'C#', fifths: 7, usual: -5 },
  'g#': { name: 'ab', fifths: -7, usual: 5 },
  eb: { name: 'd#', fifths: 6, usual: -6 },
  bb: { name: 'a#', fifths: 7, usual: -5 },
};

/**
 * The key spelled on the side of the written key signature (`fifths`: sharps positive, flats
 * negative): G♭ major in a movement written in E♭, F♯ major in one written in E. Keys with one
 * usual spelling are returned as they are.
 */
export function spellKeyNear(k: MusicalKey, fifths: number): MusicalKey {
  const usual = k.mode === 'major' ? MAJOR_TONICS[k.tonic] : MINOR_TONICS[k.tonic];
  const other = ENHARMONIC[usual];
  if (!other || Math.abs(other.fifths - fifths) >= Math.abs(other.usual - fifths)) return { tonic: k.tonic, mode: k.mode };
  return { tonic: k.tonic, mode: k.mode, spelling: other.name };
}

export const sameKey = (a: MusicalKey, b: MusicalKey): boolean => a.tonic === b.tonic && a.mode === b.mode;

/** Reads a RomanText key token body (`C`, `f#`, `Bb`, `e-`); undefined when it is not a key. */
export function parseKeyName(text: string): MusicalKey | undefined {
  const m = /^([A-Ga-g])([#b-]*)$/.exec(text);
  if (!m) return undefined;
  const letter = m[1];
  const acc = m[2].replaceAll('-', 'b');
  const chroma = Note.get(letter.toUpperCase() + acc).chroma;
  if (chroma === undefined || Number.isNaN(chroma)) return undefined;
  return { tonic: chroma, mode: letter === letter.toUpperCase() ? 'major' : 'minor' };
}

/** Semitones of the scale degrees above the tonic (natural minor for minor keys). */
export const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11] as const;
export const NATURAL_MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10] as const;

const SHARP_NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const FLAT_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];

/** Note names for the 12 pitch classes as spelled in a key (diatonic letters, chromatic by key-signature side). */
function spellingFor(k: MusicalKey): readonly string[] {
  const tonicName = keyName(k).replace(/^./, (c) => c.toUpperCase());
  const scale = k.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
  const letters = 'CDEFGAB';
  const tonicLetter = letters.indexOf(tonicName[0]);
  const names = [...(/b/.test(tonicName) || ['F', 'd', 'g', 'c', 'f'].includes(keyName(k)) ? FLAT_NAMES : SHARP_NAMES)];
  scale.forEach((step, degree) => {
    const letter = letters[(tonicLetter + degree) % 7];
    const target = pc(k.tonic + step);
    const natural = Note.get(letter).chroma ?? 0;
    const diff = pc(target - natural);
    names[target] = letter + (diff === 0 ? '' : diff === 1 ? '#' : diff === 11 ? 'b' : diff === 2 ? '##' : 'bb');
  });
  // The raised leading tone in minor is spelled as a sharpened seventh degree (G# in a minor, not Ab).
  if (k.mode === 'minor') {
    const seventhLetter = letters[(tonicLetter + 6) % 7];
    const natural = Note.get(seventhLetter).chroma ?? 0;
    const diff = pc(pc(k.tonic + 11) - natural);
    names[pc(k.tonic + 11)] = seventhLetter + (diff === 0 ? '' : diff === 1 ? '#' : diff === 2 ? '##' : 'b');
  }
  return names;
}

const SPELLINGS: readonly (readonly string[])[] = ALL_KEYS.map(spellingFor);
const OTHER_SPELLINGS = new Map<string, readonly string[]>(
  Object.values(ENHARMONIC).map((e) => {
    const key = parseKeyName(e.name) as MusicalKey;
    return [e.name, spellingFor({ ...key, spelling: e.name })];
  }),
);

/** Spells a pitch class as a note name in a key (precomputed: no tonal calls per note). */
export function spell(pitchClass: number, k: MusicalKey): string {
  const table = (k.spelling !== undefined && OTHER_SPELLINGS.get(k.spelling)) || SPELLINGS[keyIndex(k)];
  return table[pc(pitchClass)];
}
