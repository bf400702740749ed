/**
 * What the session needs to know of the score being followed, to check an operator's bar and to say where a cue
 * is: the bars in performance order, the named sections, and a position at the start of a bar. Implemented over a
 * loaded Score by server/programme/catalogue.ts; the session depends on this interface only.
 */
import type { Position } from '../pipeline.js';
import type { SectionInfo } from '../protocol/index.js';

export interface MeasureCatalogue {
  /** Bars in performance (unfolded) order. */
  readonly count: number;
  /** Printed label of the bar at a performance index. */
  label(index: number): string;
  /** Performance index of the pass of `label` nearest to `nearIndex` (repeats play a label twice); -1 when the score has no such bar. */
  find(label: string, nearIndex?: number): number;
  /** Performance index of the bar sounding at a score time (seconds at the notated tempo). */
  indexAtScoreSec(scoreSec: number): number;
  /** A position at the first beat of a bar, as an operator's cue shows it (confidence 1, state following). */
  positionAt(index: number, reportSec: number, tempoBpm: number | null): Position;
  /** The section holding a bar, null when the piece has no named sections. */
  sectionOf(index: number): SectionInfo | null;
  /** The first bar of the section `by` sections away from the one holding `index` (clamped to the piece). */
  sectionStep(index: number, by: number): number;
}
