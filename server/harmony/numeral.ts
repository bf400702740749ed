/**
 * RomanText numerals (`V6/5/iv`, `viio7`, `bVI`, `Cad64`, `Ger65`) ⇄ chords in a key.
 * Minor keys follow music21's "cautionary" convention used by When in Rome: for degrees 6 and 7 the
 * case decides the root (`vii` on the raised 7th, `VII` on the natural one) and an accidental pointing
 * the same way is redundant.
 */
import type { ChordLabel, Quality } from './chord.js';
import { inversionOf, QUALITY_INTERVALS } from './chord.js';
import { MAJOR_SCALE, NATURAL_MINOR_SCALE, pc, type MusicalKey } from './keys.js';

const DEGREES = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const;

export interface ParsedNumeral {
  /** Semitone shift written before the numeral (`#` +1, `b` −1). */
  readonly accidental: number;
  /** 0-based scale degree. */
  readonly degree: number;
  readonly upper: boolean;
  /** `o` diminished, `ø` half-diminished, `+` augmented, '' none. */
  readonly mark: '' | 'o' | 'ø' | '+';
  /** Inversion 0–3 from the figures. */
  readonly inversion: number;
  readonly seventh: boolean;
  /** Forced major seventh (`maj7`, `M7`). */
  readonly majorSeventh: boolean;
  /** Special chords: cadential 6/4, Neapolitan, augmented sixths. */
  readonly special?: 'Cad64' | 'N' | 'It' | 'Fr' | 'Ger';
  /** The numeral this chord is applied to (`V/V` → the second V), innermost last. */
  readonly appliedTo?: ParsedNumeral;
}

const NUMERAL_RE = /^([#b-]*)(VII|VI|IV|V|III|II|I|vii|vi|iv|v|iii|ii|i)(o|ø|%|\/o|\+)?(maj7|maj|M7|M)?([0-9#b/]*)$/;

/** Figures → (inversion, seventh). Unknown figures (suspensions like `54`) count as root position. */
function readFigures(figures: string): { inversion: number; seventh: boolean } {
  const digits = figures.replace(/[#b/]/g, '');
  switch (digits) {
    case '6':
    case '63':
      return { inversion: 1, seventh: false };
    case '64':
      return { inversion: 2, seventh: false };
    case '65':
    case '653':
      return { inversion: 1, seventh: true };
    case '43':
    case '643':
      return { inversion: 2, seventh: true };
    case '42':
    case '2':
    case '642':
      return { inversion: 3, seventh: true };
    default:
      return { inversion: 0, seventh: digits.includes('7') };
  }
}

function splitApplied(text: string): string[] {
  // `V6/5/iv`: a slash followed by a digit continues the figures; a slash followed by a numeral applies.
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const next = text[i + 1] ?? '';
    if (ch === '/' && next !== '' && !/[0-9o]/.test(next)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseSingle(text: string): ParsedNumeral | undefined {
  if (/^Cad6\/?4$/.test(text)) return { accidental: 0, degree: 0, upper: true, mark: '', inversion: 2, seventh: false, majorSeventh: false, special: 'Cad64' };
  const neapolitan = /^N([0-9/]*)$/.exec(text);
  if (neapolitan) {
    const inversion = Math.min(readFigures(neapolitan[1]).inversion, 2);
    return { accidental: -1, degree: 1, upper: true, mark: '', inversion, seventh: false, majorSeventh: false, special: 'N' };
  }
  const aug = /^(It|Fr|Ger)[0-9/]*$/.exec(text);
  if (aug) return { accidental: -1, degree: 5, upper: true, mark: '', inversion: 0, seventh: aug[1] !== 'It', majorSeventh: false, special: aug[1] as 'It' | 'Fr' | 'Ger' };
  const m = NUMERAL_RE.exec(text);
  if (!m) return undefined;
  const accidental = [...m[1]].reduce((s, c) => s + (c === '#' ? 1 : -1), 0);
  const upper = m[2] === m[2].toUpperCase();
  const degree = DEGREES.indexOf(m[2].toUpperCase() as (typeof DEGREES)[number]);
  const markText = m[3] ?? '';
  const mark = markText === 'o' ? 'o' : markText === '+' ? '+' : markText === '' ? '' : 'ø';
  const { inversion, seventh } = readFigures(m[5]);
  return { accidental, degree, upper, mark, inversion, seventh: seventh || m[4] !== undefined || mark === 'ø', majorSeventh: m[4] !== undefined };
}

/** Parses a RomanText numeral; undefined when it is not one we can read. Bracketed add/no tones are ignored. */
export function parseNumeral(raw: string): ParsedNumeral | undefined {
  const text = raw.replace(/\[[^\]]*\]/g, '');
  const parts = splitApplied(text);
  let result: ParsedNumeral | undefined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const single = parseSingle(parts[i]);
    if (!single) return undefined;
    result = result ? { ...single, appliedTo: result } : single;
  }
  return result;
}

/** Root of a degree in a key, applying the cautionary minor-key convention. */
function degreeRoot(n: Pick<ParsedNumeral, 'degree' | 'upper' | 'accidental'>, key: MusicalKey): number {
  if (key.mode === 'major') return pc(key.tonic + MAJOR_SCALE[n.degree] + n.accidental);
  let step: number = NATURAL_MINOR_SCALE[n.degree];
  let acc = n.accidental;
  if (n.degree === 5 || n.degree === 6) {
    if (!n.upper) {
      step += 1; // lower-case vi / vii: the raised degree
      if (acc > 0) acc = 0; // `#vii` is the same chord
    } else if (acc < 0) acc = 0; // `bVII` is the same chord
  }
  return pc(key.tonic + step + acc);
}

/** The key a numeral is applied in (`/V` → the dominant key, major; `/ii` → minor). */
function tonicizedKey(n: ParsedNumeral, key: MusicalKey): MusicalKey {
  const inner = n.appliedTo ? tonicizedKey(n.appliedTo, key) : key;
  return { tonic: degreeRoot(n, inner), mode: n.upper ? 'major' : 'minor' };
}

function triadQuality(n: ParsedNumeral): Quality {
  if (n.mark === 'o' || n.mark === 'ø') return 'dim';
  if (n.mark === '+') return 'aug';
  return n.upper ? 'M' : 'm';
}

function seventhQuality(n: ParsedNumeral, root: number, key: MusicalKey): Quality {
  if (n.mark === 'o') return 'dim7';
  if (n.mark === 'ø') return 'm7b5';
  const triad = triadQuality(n);
  let seventh: number;
  if (n.majorSeventh) seventh = 11;
  else {
    // The diatonic seventh above the degree (natural minor in minor keys), as music21 builds it.
    const scale = key.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
    seventh = pc(key.tonic + scale[(n.degree + 6) % 7] - root);
    if (seventh !== 10 && seventh !== 11) seventh = 10;
  }
  if (triad === 'M') return seventh === 11 ? 'maj7' : '7';
  if (triad === 'm') return seventh === 11 ? 'mMaj7' : 'm7';
  if (triad === 'dim') return seventh === 9 ? 'dim7' : 'm7b5';
  return '7';
}

/** The chord a numeral names in a key. */
export function numeralChord(n: ParsedNumeral, key: MusicalKey): ChordLabel {
  const localKey = n.appliedTo ? tonicizedKey(n.appliedTo, key) : key;
  if (n.special === 'Cad64') {
    const quality: Quality = localKey.mode === 'major' ? 'M' : 'm';
    return { root: localKey.tonic, bass: pc(localKey.tonic + 7), quality, inversion: 2 };
  }
  if (n.special === 'N') {
    const root = pc(localKey.tonic + 1);
    return { root, bass: pc(root + QUALITY_INTERVALS.M[n.inversion]), quality: 'M', inversion: n.inversion };
  }
  if (n.special === 'It' || n.special === 'Fr' || n.special === 'Ger') {
    const root = pc(localKey.tonic + 8);
    return { root, bass: root, quality: n.special, inversion: 0 };
  }
  const root = degreeRoot(n, localKey);
  const quality = n.seventh ? seventhQuality(n, root, localKey) : triadQuality(n);
  const intervals = QUALITY_INTERVALS[quality];
  const inversion = Math.min(n.inversion, intervals.length - 1);
  const bass = pc(root + intervals[inversion]);
  return { root, bass, quality, inversion: inversionOf(root, quality, bass) };
}

const FIGURES_TRIAD = ['', '6', '64'];
const FIGURES_SEVENTH = ['7', '65', '43', '42'];

/**
 * A canonical spelling for comparing numerals: redundant accidentals dropped, figures without
 * slashes, `Cad64` as `I64`, bracketed tones ignored. Two readings are the same numeral iff equal.
 */
export function canonicalNumeral(n: ParsedNumeral, key: MusicalKey): string {
  const applied = n.appliedTo ? '/' + canonicalNumeral(n.appliedTo, key) : '';
  if (n.special === 'Cad64') return (key.mode === 'major' ? 'I' : 'i') + '64' + applied;
  if (n.special === 'N') return 'N' + FIGURES_TRIAD[n.inversion] + applied;
  if (n.special) return n.special + applied;
  const localKey = n.appliedTo ? tonicizedKey(n.appliedTo, key) : key;
  const root = degreeRoot(n, localKey);
  const plain = degreeRoot({ degree: n.degree, upper: n.upper, accidental: 0 }, localKey);
  const shift = pc(root - plain);
  const acc = shift === 0 ? '' : shift === 1 ? '#' : shift === 11 ? 'b' : '';
  const numeral = n.upper ? DEGREES[n.degree] : DEGREES[n.degree].toLowerCase();
  const figures = n.seventh ? FIGURES_SEVENTH[n.inversion] : FIGURES_TRIAD[Math.min(n.inversion, 2)];
  return acc + numeral + n.mark + figures + applied;
}
