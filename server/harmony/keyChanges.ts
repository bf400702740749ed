/**
 * Key changes as announced to the audience ("The music turns to G major") against the analysts' key
 * changes: where each says the key changes, and to which key. A pivot chord (`m9 I G: V`) changes
 * the key on itself, to its second reading's key.
 */
import type { HarmonySegment } from './analyze.js';
import { placeBeat, type Placement } from './grid.js';
import { sameKey, type MusicalKey } from './keys.js';
import type { RomanTextAnalysis } from './romanText.js';

export interface KeyChange {
  /** Score offset (quarters) where the new key starts. */
  readonly offset: number;
  readonly key: MusicalKey;
}

/** The key changes an analysis writes, in score order (bars missing from the score are left out). */
export function writtenKeyChanges(analysis: RomanTextAnalysis, placement: Placement): KeyChange[] {
  const placed = analysis.chords
    .map((chord) => ({ chord, offset: placeBeat(analysis, placement, chord.measure, chord.beat) }))
    .filter((x): x is { chord: (typeof analysis.chords)[number]; offset: number } => x.offset !== undefined)
    .sort((a, b) => a.offset - b.offset);
  const changes: KeyChange[] = [];
  let current: MusicalKey | undefined;
  for (const { chord, offset } of placed) {
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

/** Greedy one-to-one matching: a found change is right when a true one to the same key lies within `tolerance` quarters. */
export function matchKeyChanges(found: readonly KeyChange[], truth: readonly KeyChange[], tolerance: number): number {
  const used = new Set<number>();
  let matched = 0;
  for (const f of found) {
    let best = -1;
    truth.forEach((t, i) => {
      if (used.has(i) || !sameKey(t.key, f.key) || Math.abs(t.offset - f.offset) > tolerance + 1e-6) return;
      if (best < 0 || Math.abs(t.offset - f.offset) < Math.abs(truth[best].offset - f.offset)) best = i;
    });
    if (best >= 0) {
      used.add(best);
      matched++;
    }
  }
  return matched;
}
