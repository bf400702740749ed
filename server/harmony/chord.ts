/** A chord as plain pitch-class data: what both our analysis and the human analyses reduce to. */
import { ChordType, Interval } from './tonal.js';

/** Chord qualities we label; the symbols are tonal ChordType aliases where one exists. */
export type Quality = 'M' | 'm' | 'dim' | 'aug' | '7' | 'maj7' | 'm7' | 'm7b5' | 'dim7' | 'mMaj7' | 'It' | 'Fr' | 'Ger';

export interface ChordLabel {
  /** Pitch class of the root. */
  readonly root: number;
  /** Pitch class of the lowest note. */
  readonly bass: number;
  readonly quality: Quality;
  /** 0 root position, 1 first, 2 second, 3 third inversion. */
  readonly inversion: number;
}

/** The qualities tonal's chord dictionary defines, by their tonal ChordType symbol. */
const TONAL_QUALITIES = ['M', 'm', 'dim', 'aug', '7', 'maj7', 'm7', 'm7b5', 'dim7', 'mMaj7'] as const;

function tonalIntervals(symbol: string): number[] {
  const type = ChordType.get(symbol);
  if (type.empty) throw new Error(`tonal has no chord type "${symbol}"`);
  return type.intervals.map((i) => Interval.semitones(i) ?? 0);
}

/**
 * Semitones above the root, in stacked-thirds order (index = chord member: root, third, fifth, seventh),
 * read once from tonal's ChordType dictionary. Augmented sixths (not in tonal) are measured from the
 * flat sixth degree taken as root: It = b6 1 #4, Fr adds 2, Ger adds b3.
 */
export const QUALITY_INTERVALS: Readonly<Record<Quality, readonly number[]>> = {
  ...(Object.fromEntries(TONAL_QUALITIES.map((q) => [q, tonalIntervals(q)])) as Record<(typeof TONAL_QUALITIES)[number], number[]>),
  It: [0, 4, 10],
  Fr: [0, 4, 6, 10],
  Ger: [0, 4, 7, 10],
};

export const isSeventh = (q: Quality): boolean => QUALITY_INTERVALS[q].length === 4 && q !== 'It';

export function chordPitchClasses(c: Pick<ChordLabel, 'root' | 'quality'>): number[] {
  return QUALITY_INTERVALS[c.quality].map((i) => (c.root + i) % 12);
}

/** The inversion that puts `bass` lowest, or 0 when the bass is not a chord member. */
export function inversionOf(root: number, quality: Quality, bass: number): number {
  const idx = QUALITY_INTERVALS[quality].findIndex((i) => (root + i) % 12 === bass);
  return idx < 0 ? 0 : idx;
}
