/** A chord as plain pitch-class data: what both our analysis and the human analyses reduce to. */

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

/** Semitones above the root, in stacked-thirds order (so index = chord member: root, third, fifth, seventh). */
export const QUALITY_INTERVALS: Readonly<Record<Quality, readonly number[]>> = {
  M: [0, 4, 7],
  m: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  '7': [0, 4, 7, 10],
  maj7: [0, 4, 7, 11],
  m7: [0, 3, 7, 10],
  m7b5: [0, 3, 6, 10],
  dim7: [0, 3, 6, 9],
  mMaj7: [0, 3, 7, 11],
  // Augmented sixths, from the flat sixth degree taken as root: b6 1 #4 (+ b3 French? no: 2 for French, b3 German).
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
