/**
 * Key changes as announced to the audience ("The music turns to G major") against the analysts' key
 * changes: where each says the key changes, and to which key. A pivot chord (`m9 I G: V`) changes
 * the key on itself, to its second reading's key.
 */
import type { HarmonySegment } from './analyze.js';
import { placedChords, type Placement } from './grid.js';
import { sameKey, type MusicalKey } from './keys.js';
import { matchEvents } from './matchEvents.js';
import type { RomanTextAnalysis } from './romanText.js';

export interface KeyChange {
  /** Score offset (quarters) where the new key starts. */
  readonly offset: number;
  readonly key: MusicalKey;
}

/** The key changes an analysis writes, in score order (bars missing from the score are left out). */
export function writtenKeyChanges(analysis: RomanTextAnalysis, placement: Placement): KeyChange[] {
  const changes: KeyChange[] = [];
  let current: MusicalKey | undefined;
  for (const { chord, offset } of placedChords(analysis, placement)) {
    if (current && !sameKey(current, chord.key)) changes.push({ offset, key: chord.key });
    current = chord.key;
    if (chord.pivot && !sameKey(current, chord.pivot.key)) {
      changes.push({ offset, key: chord.pivot.key });
      current = chord.pivot.key;
    }
  }
  return changes;
}

/** Our key changes: the segments whose key differs from the one before, within [from, to). */
export function announcedKeyChanges(segments: readonly HarmonySegment[], from: number, to: number): KeyChange[] {
  const changes: KeyChange[] = [];
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i];
    if (!sameKey(s.key, segments[i - 1].key) && s.startBeat >= from && s.startBeat < to) changes.push({ offset: s.startBeat, key: s.key });
  }
  return changes;
}

/** How many found key changes match a true one to the same key within `tolerance` quarters (one to one). */
export function matchKeyChanges(found: readonly KeyChange[], truth: readonly KeyChange[], tolerance: number): number {
  return matchEvents(found, truth, tolerance, (f, t) => sameKey(f.key, t.key));
}
