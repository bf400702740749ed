/**
 * Fermatas as phrase-end hints for cadence finding (in chorales every phrase ends under a fermata).
 * The score model carries them (MusicXML only), already in performance order, so a repeated bar
 * brings its fermatas back in every performance.
 */
import type { Score } from '../score/types.js';

/** Score beats where a fermata stands, ascending and without duplicates; empty for MIDI files. */
export function fermataBeats(score: Score): number[] {
  // Rounded to 1/48 quarter so beats from different parts holding the same fermata coincide.
  const beats = new Set((score.fermatas ?? []).map((f) => Math.round(f.beat * 48) / 48));
  return [...beats].sort((a, b) => a - b);
}
