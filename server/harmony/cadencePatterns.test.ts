import { describe, expect, it } from 'vitest';
import { analyzeHarmony, type HarmonySegment } from './analyze.js';
import { handScore, type HandNote } from './handScore.js';

/** SATB chords in C major, each [soprano, alto, tenor, bass]. */
const CHORDS = {
  I: [72, 67, 64, 48],
  ii6: [74, 69, 65, 53],
  IV: [72, 69, 65, 53],
  V: [71, 67, 62, 55],
  vi: [72, 69, 64, 57],
} as const;

/** A four-voice score from a chord progression with lengths in quarters (4/4, no fermatas). */
function progression(...chords: readonly [keyof typeof CHORDS, number][]): ReturnType<typeof handScore> {
  const voices = [0, 1, 2, 3].map((v) => chords.map(([name, quarters]): HandNote => [CHORDS[name][v], quarters]));
  return handScore(voices);
}

const cadences = (segments: readonly HarmonySegment[]): string[] => segments.filter((s) => s.cadence).map((s) => `${s.startBeat} ${s.numeral} ${s.cadence}`);

describe('cadences found from the harmony alone (no fermatas)', () => {
  it('a perfect authentic cadence: IV V | I on the downbeat, though the music goes on', () => {
    const score = progression(['I', 1], ['vi', 1], ['IV', 1], ['V', 1], ['I', 2], ['IV', 1], ['V', 1], ['I', 4]);
    expect(cadences(analyzeHarmony(score).segments)).toEqual(['4 I perfect authentic', '8 I perfect authentic']);
  });

  it('a half cadence: the phrase stops on a long dominant after a predominant', () => {
    const score = progression(['I', 1], ['ii6', 1], ['V', 2], ['vi', 1], ['IV', 1], ['V', 1], ['I', 1]);
    expect(cadences(analyzeHarmony(score).segments)).toEqual(['2 V half', '7 I perfect authentic']);
  });

  it('no cadence where V–I passes off the downbeat in mid-phrase', () => {
    const score = progression(['I', 1], ['IV', 1], ['V', 1], ['I', 1], ['vi', 1], ['IV', 1], ['V', 1], ['I', 1], ['I', 4]);
    expect(cadences(analyzeHarmony(score).segments)).toEqual(['7 I perfect authentic']);
  });
});
