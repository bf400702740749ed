/**
 * Roman numerals for labelled chords in their local key, in RomanText spelling (`V6/5/V`, `viio7/ii`,
 * `bVI`, `#ivo7`). Chords outside the key that act as dominants of a key degree become applied
 * chords: major and dominant-seventh chords a fifth above the degree (V/x), diminished and
 * half-diminished chords a semitone below it (viio/x).
 */
import type { ChordLabel, Quality } from './chord.js';
import { isSeventh } from './chord.js';
import { pc, type MusicalKey } from './keys.js';

const DEGREES = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const;
const MAJOR_STEPS = [0, 2, 4, 5, 7, 9, 11];
const MINOR_STEPS = [0, 2, 3, 5, 7, 8, 10];
/** Preferred degree for each semitone above the tonic (chromatic roots spelled as altered degrees). */
const DEGREE_OF_SEMITONE = [0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6];

const UPPER: ReadonlySet<Quality> = new Set<Quality>(['M', 'aug', '7', 'maj7']);

/** Triads (and sevenths) that belong to a key, as semitones above the tonic → qualities. */
function diatonic(key: MusicalKey): Map<number, Quality[]> {
  const table: [number, Quality[]][] =
    key.mode === 'major'
      ? [[0, ['M', 'maj7']], [2, ['m', 'm7']], [4, ['m', 'm7']], [5, ['M', 'maj7']], [7, ['M', '7']], [9, ['m', 'm7']], [11, ['dim', 'm7b5', 'dim7']]]
      : [[0, ['m', 'm7']], [2, ['dim', 'm7b5']], [3, ['M', 'maj7', 'aug']], [5, ['m', 'm7', 'M']], [7, ['M', '7', 'm']], [8, ['M', 'maj7']], [10, ['M', '7']], [11, ['dim', 'dim7']]];
  return new Map(table);
}

const DIATONIC: readonly Map<number, Quality[]>[] = Array.from({ length: 24 }, (_, i) => diatonic({ tonic: i % 12, mode: i < 12 ? 'major' : 'minor' }));
const diatonicFor = (key: MusicalKey): Map<number, Quality[]> => DIATONIC[key.tonic + (key.mode === 'minor' ? 12 : 0)];

function isDiatonic(root: number, quality: Quality, key: MusicalKey): boolean {
  return diatonicFor(key).get(pc(root - key.tonic))?.includes(quality) ?? false;
}

function figures(quality: Quality, inversion: number): string {
  if (isSeventh(quality)) return ['7', '65', '43', '42'][inversion] ?? '7';
  return ['', '6', '64'][inversion] ?? '';
}

function mark(quality: Quality): string {
  if (quality === 'dim' || quality === 'dim7') return 'o';
  if (quality === 'm7b5') return 'ø';
  if (quality === 'aug') return '+';
  return '';
}

/** The plain (non-applied) numeral of a chord root and quality in a key, without figures. */
function plainNumeral(root: number, quality: Quality, key: MusicalKey): string {
  const rel = pc(root - key.tonic);
  const degree = DEGREE_OF_SEMITONE[rel];
  const upper = UPPER.has(quality);
  let step = (key.mode === 'major' ? MAJOR_STEPS : MINOR_STEPS)[degree];
  // Cautionary minor convention: lower-case vi and vii name the raised degrees.
  if (key.mode === 'minor' && !upper && (degree === 5 || degree === 6)) step += 1;
  const shift = pc(rel - step);
  const acc = shift === 0 ? '' : shift === 1 ? '#' : 'b';
  const name = upper ? DEGREES[degree] : DEGREES[degree].toLowerCase();
  return acc + name;
}

/** A key degree that can be tonicised (a major or minor diatonic triad other than the tonic itself). */
function tonicisable(root: number, key: MusicalKey): string | undefined {
  const qualities = diatonicFor(key).get(pc(root - key.tonic));
  if (!qualities) return undefined;
  const q = qualities.find((x) => x === 'M' || x === 'm'); // the degree's usual triad comes first
  if (!q || pc(root - key.tonic) === 0) return undefined;
  return plainNumeral(root, q, key);
}

/**
 * RomanText numeral of a chord in a key. `final` marks the piece's last chord or a phrase end, where a major tonic in
 * a minor key is the tierce de Picardie (`I`), not a dominant of iv.
 */
export function romanNumeral(chord: ChordLabel, key: MusicalKey, final = false): string {
  const fig = figures(chord.quality, chord.inversion);
  if (final && key.mode === 'minor' && chord.root === key.tonic && chord.quality === 'M') return `I${fig}`;
  if (!isDiatonic(chord.root, chord.quality, key)) {
    if (chord.quality === 'M' || chord.quality === '7') {
      const target = tonicisable(pc(chord.root + 5), key);
      if (target) return `V${fig}/${target}`;
    }
    if (chord.quality === 'dim' || chord.quality === 'dim7' || chord.quality === 'm7b5') {
      const target = tonicisable(pc(chord.root + 1), key);
      if (target) return `vii${mark(chord.quality)}${fig}/${target}`;
    }
  }
  return plainNumeral(chord.root, chord.quality, key) + mark(chord.quality) + fig;
}
