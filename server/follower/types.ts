/**
 * The aligner contract: one salience frame in, one raw score position out.
 * Alternatives (windowed Viterbi, plain OLTW) sit behind it so the evaluation can compare them.
 */
import type { SalienceFrame } from '../pipeline.js';

export interface AlignerPosition {
  /** Performance time of the frame that produced this estimate (its centre). */
  readonly frameTimeSec: number;
  /** Index into the template (score frames). */
  readonly templateIndex: number;
  /** Score time at notated tempo of that template frame. */
  readonly scoreSec: number;
  /** Match quality of recent frames at the chosen position, 0 (no match) … 1 (perfect). */
  readonly match: number;
  /** True when the frame was too quiet to tell anything: the aligner held its position. */
  readonly silent: boolean;
  /** True when this step re-localised the aligner somewhere else in the score (a jump). */
  readonly relocated: boolean;
  /**
   * False while the aligner's place is not yet confirmed (after a start or a re-localisation, until the
   * global search has agreed with it clearly for a while). Absent: confirmed.
   */
  readonly settled?: boolean;
}

export interface Aligner {
  step(frame: SalienceFrame): AlignerPosition;
  reset(): void;
  /** Optional operator hint ("we start again from bar 40"): continue the search from this score time. */
  seek?(scoreSec: number): void;
}
