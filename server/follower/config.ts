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
  /** Decay time constant of a note's expected ringing after its written end, seconds (template). */
  readonly tailSec: number;
  readonly aligner: FollowerAlignerOptions;
  readonly tracker: TrackerOptions;
}

/**
 * Compute budget added to every report time when the evaluation runs as fast as possible. Measured
 * per update at the default settings (`taskset -c 0 npm run bench -- follower`, shared 2-core box):
 * wall time p99 18.9 ms at load 1.5, p90 20.6 ms at load 5; CPU time 6.2 ms. A fixed budget keeps
 * the results independent of what else the box is doing; `--compute-delay-ms measured` uses each
 * update's own time (live queueing).
 */
export const DEFAULT_COMPUTE_BUDGET_SEC = 0.02;

export const DEFAULT_FOLLOWER_CONFIG: FollowerConfig = {
  lookaheadFrames: 2,
  updateFrames: 4,
  maxGapSec: 1,
  tailSec: 0,
  aligner: {
    viterbi: { aheadSec: 3, stayPenalty: 0.02, onsetWeight: 0, attackPenalty: 0.3, attackMemoryFrames: 6, attackAfterSec: 0.4, holdBelowMatch: 0.3 },
    recovery: { margin: 2, confirmSteps: 6 },
  },
  tracker: {},
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const where = path ? `${path}.${key}` : key;
    if (isPlainObject(value)) {
      const inner = isPlainObject(base[key]) ? base[key] : {};
      if (!(key in base) && !['aligner', 'viterbi', 'global', 'recovery', 'tracker', 'state'].includes(key)) throw new Error(`unknown follower setting "${where}"`);
      out[key] = merge(inner, value, where);
    } else if (Array.isArray(value)) {
      if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error(`follower setting "${where}" must be a list of numbers`);
      out[key] = value;
    } else {
      if (typeof value !== 'number' && typeof value !== 'boolean') throw new Error(`follower setting "${where}" must be a number or boolean`);
      out[key] = value;
    }
  }
  return out;
}

/** Applies a JSON patch (e.g. from `eval --config`) to the defaults; unknown top-level keys are errors. */
export function configWith(patch: unknown, base: FollowerConfig = DEFAULT_FOLLOWER_CONFIG): FollowerConfig {
  if (!isPlainObject(patch)) throw new Error('follower config must be a JSON object');
  for (const key of Object.keys(patch)) {
    if (!(key in base)) throw new Error(`unknown follower setting "${key}" (known: ${Object.keys(base).join(', ')})`);
  }
  return merge(base as unknown as Record<string, unknown>, patch, '') as unknown as FollowerConfig;
}
