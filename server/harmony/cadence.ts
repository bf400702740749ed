/**
 * Cadences at phrase ends. A phrase end is where the melody comes to rest on a note clearly longer
 * than its usual pace (or before silence, or at the end); the two chords meeting there decide the kind.
 */
import type { ChordLabel } from './chord.js';
import { pc, type MusicalKey } from './keys.js';

export type CadenceType = 'perfect authentic' | 'imperfect authentic' | 'half' | 'deceptive' | 'plagal';

export interface CadenceContext {
  readonly before: ChordLabel;
  readonly arrival: ChordLabel;
  /** Key at the arrival. */
  readonly key: MusicalKey;
  /** Pitch class of the melody note at the arrival, −1 when unknown. */
  readonly melody: number;
}

const isDominant = (c: ChordLabel, key: MusicalKey): boolean => c.root === pc(key.tonic + 7) && (c.quality === 'M' || c.quality === '7');
const isLeadingTone = (c: ChordLabel, key: MusicalKey): boolean =>
  c.root === pc(key.tonic + 11) && (c.quality === 'dim' || c.quality === 'dim7' || c.quality === 'm7b5');
const isTonic = (c: ChordLabel, key: MusicalKey): boolean =>
  c.root === key.tonic && (key.mode === 'major' ? c.quality === 'M' || c.quality === 'maj7' : c.quality === 'm' || c.quality === 'M');
const isSubdominant = (c: ChordLabel, key: MusicalKey): boolean => c.root === pc(key.tonic + 5) && (c.quality === 'M' || c.quality === 'm');
const isSubmediant = (c: ChordLabel, key: MusicalKey): boolean =>
  key.mode === 'major' ? c.root === pc(key.tonic + 9) && c.quality === 'm' : c.root === pc(key.tonic + 8) && c.quality === 'M';

/** The cadence formed by two chords at a phrase end, if any. */
export function classifyCadence({ before, arrival, key, melody }: CadenceContext): CadenceType | undefined {
  const dominantBefore = isDominant(before, key) || isLeadingTone(before, key);
  if (dominantBefore && isTonic(arrival, key)) {
    const perfect = isDominant(before, key) && before.inversion === 0 && arrival.inversion === 0 && melody === key.tonic;
    return perfect ? 'perfect authentic' : 'imperfect authentic';
  }
  if (isDominant(before, key) && isSubmediant(arrival, key)) return 'deceptive';
  if (isSubdominant(before, key) && isTonic(arrival, key) && arrival.inversion === 0) return 'plagal';
  if (isDominant(arrival, key) && arrival.inversion === 0 && !isDominant(before, key)) return 'half';
  return undefined;
}
