/**
 * Phrase ends found from the harmony itself, for scores without fermatas (sonatas, symphonies, grounds):
 * the cadential formula — a predominant or cadential 6-4, then a root-position dominant, then the
 * root-position tonic on a downbeat. Where the dominant outlasts the tonic that follows it (a ground
 * bass that pauses on V, a phrase that stops on the dominant), the phrase ends on the dominant: a half
 * cadence; otherwise on the tonic.
 */
import type { ChordLabel } from './chord.js';
import { pc, type MusicalKey } from './keys.js';

export interface TimedChord {
  readonly chord: ChordLabel;
  readonly key: MusicalKey;
  readonly startBeat: number;
  readonly endBeat: number;
  /** Does the chord start on the first beat of its measure? */
  readonly downbeat: boolean;
}

const rel = (c: ChordLabel, key: MusicalKey): number => pc(c.root - key.tonic);
const isRootDominant = (c: ChordLabel, key: MusicalKey): boolean => rel(c, key) === 7 && (c.quality === 'M' || c.quality === '7') && c.inversion === 0;
const isRootTonic = (c: ChordLabel, key: MusicalKey): boolean =>
  c.root === key.tonic && c.inversion === 0 && (c.quality === (key.mode === 'major' ? 'M' : 'm') || c.quality === 'M');
const isCadentialSixFour = (c: ChordLabel, key: MusicalKey): boolean => c.root === key.tonic && c.inversion === 2 && (c.quality === 'M' || c.quality === 'm');

/** ii, IV/iv, their sevenths, V/V, viio/V and augmented sixths: the chords that lead into a cadential dominant. */
function isPredominant(c: ChordLabel, key: MusicalKey): boolean {
  const r = rel(c, key);
  if (c.quality === 'It' || c.quality === 'Fr' || c.quality === 'Ger') return true;
  if (r === 5 || r === 2) return c.quality !== 'aug';
  if (r === 6) return c.quality === 'dim' || c.quality === 'dim7' || c.quality === 'm7b5'; // viio/V
  return false;
}

/**
 * Per chord: does a phrase come to a cadence there? `chords` are consecutive segments in score order.
 */
export function cadentialArrivals(chords: readonly TimedChord[]): boolean[] {
  const out = chords.map(() => false);
  for (let i = 0; i < chords.length; i++) {
    const { key } = chords[i];
    if (!isRootDominant(chords[i].chord, key)) continue;
    // The dominant run: V and V7 over the same bass count as one dominant.
    let last = i;
    while (last + 1 < chords.length && isRootDominant(chords[last + 1].chord, key) && chords[last + 1].chord.root === chords[i].chord.root) last++;
    const before = chords[i - 1];
    if (!before || !(isCadentialSixFour(before.chord, key) || isPredominant(before.chord, key))) continue;
    const dominantLength = chords[last].endBeat - chords[i].startBeat;
    const after = chords[last + 1];
    if (after !== undefined && isRootTonic(after.chord, key)) {
      // V–I: a cadence only when the tonic arrives on a downbeat; on the longer of the two chords.
      if (after.downbeat) out[after.endBeat - after.startBeat >= dominantLength ? last + 1 : i] = true;
    } else if (!after || dominantLength >= 2 * (before.endBeat - before.startBeat)) out[i] = true;
    i = last;
  }
  return out;
}
