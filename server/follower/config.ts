/**
 * The follower's defaults in one place, chosen by the Bach10 evaluation (docs/follower.md).
 */
import type { FollowerAlignerOptions } from './followerAligner.js';
import type { TrackerOptions } from './tracker.js';

export interface FollowerConfig {
  /** Salience look-ahead and update interval, in model hops (11.6 ms). */
  readonly lookaheadFrames: number;
  readonly updateFrames: number;
  /** Longest written silence kept in the score template, seconds. */
  readonly maxGapSec: number;
  readonly aligner: FollowerAlignerOptions;
  readonly tracker: TrackerOptions;
}

/**
 * Compute budget added to every report time when the evaluation runs as fast as possible: an upper
 * bound of the measured per-update processing time at the default settings (p95 ≈ 10 ms on the loaded
 * 2-core development box, `npm run bench`), so results do not depend on what else the box is doing.
 * `--compute-delay-ms measured` uses each update's measured time instead (with live queueing).
 */
export const DEFAULT_COMPUTE_BUDGET_SEC = 0.02;

export const DEFAULT_FOLLOWER_CONFIG: FollowerConfig = {
  lookaheadFrames: 2,
  updateFrames: 4,
  maxGapSec: 0.25,
  aligner: { viterbi: { onsetWeight: 0, attackPenalty: 0.3, attackMemoryFrames: 6 } },
  tracker: {},
};
