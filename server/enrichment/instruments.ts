/** Which parts play in each bar, from the note array: a note counts in every bar it sounds in (ties included). */
import type { InstrumentGroup } from '../protocol/index.js';
import type { InstrumentFamily, Score } from '../score/types.js';
import { measureIndexAtBeat } from './measureLookup.js';

export const FAMILY_ORDER: readonly InstrumentFamily[] = ['strings', 'woodwinds', 'brass', 'percussion', 'keyboard', 'voice', 'other'];

/** "Tutti" needs a real ensemble (not a duo) with at least this share of its parts playing. */
const TUTTI_SHARE = 0.85;
const TUTTI_MIN_PARTS = 6;
/** A note must sound this long (in beats) inside a bar to count there: a release grazing the barline is not playing. */
const MIN_OVERLAP_BEAT = 1e-6;

export interface MeasureInstruments {
  readonly groups: readonly InstrumentGroup[];
  readonly playing: number;
  readonly tutti: boolean;
}

/** Sets of part indices per bar, performance order. */
export function partsPerMeasure(score: Score): Set<number>[] {
  const partIndex = new Map(score.parts.map((p, i) => [p.id, i]));
  const sets = score.measures.map(() => new Set<number>());
  for (const note of score.notes) {
    const part = partIndex.get(note.partId);
    if (part === undefined) continue;
    const end = note.onsetBeat + note.durationBeat;
    for (let k = measureIndexAtBeat(score.measures, note.onsetBeat); k >= 0 && k < score.measures.length; k++) {
      const m = score.measures[k];
      if (m.startBeat >= end - MIN_OVERLAP_BEAT) break;
      if (Math.min(end, m.startBeat + m.durationBeat) - Math.max(note.onsetBeat, m.startBeat) > MIN_OVERLAP_BEAT) sets[k].add(part);
    }
  }
  return sets;
}

export function instrumentsPerMeasure(score: Score): MeasureInstruments[] {
  return partsPerMeasure(score).map((set) => {
    const groups: InstrumentGroup[] = [];
    for (const family of FAMILY_ORDER) {
      const parts = score.parts.filter((p, i) => p.family === family && set.has(i)).map((p) => p.name);
      if (parts.length > 0) groups.push({ family, parts });
    }
    const tutti = score.parts.length >= TUTTI_MIN_PARTS && set.size >= TUTTI_SHARE * score.parts.length;
    return { groups, playing: set.size, tutti };
  });
}
