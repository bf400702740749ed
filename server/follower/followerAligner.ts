/**
 * The shipped aligner: the local windowed Viterbi for precision, plus the coarse global search
 * for any-time recovery. When the global search consistently (for `confirmSteps` coarse steps)
 * finds the audio fits a distant part of the score clearly better than the local position, the
 * local tracker is re-seeded there (a rehearsal restart, a cut, a repeat taken or skipped).
 */
import type { SalienceFrame } from '../pipeline.js';
import { createGlobalSearch, type GlobalSearchOptions } from './globalSearch.js';
import { PITCH_BINS, templateIndexAt, type Template } from './template.js';
import type { Aligner, AlignerPosition } from './types.js';
import { createViterbiAligner, frameFeatures, VITERBI_DEFAULTS, type ViterbiOptions } from './viterbi.js';

export interface RecoveryOptions {
  /** Score distance (seconds) beyond which the global answer counts as a different place. */
  readonly minJumpSec?: number;
  /** How much better (accumulated coarse cost) the distant place must be. */
  readonly margin?: number;
  /** Consecutive coarse steps the distant place must win before the tracker moves. */
  readonly confirmSteps?: number;
  /** Disable recovery entirely (for comparisons). */
  readonly enabled?: boolean;
}

export const RECOVERY_DEFAULTS: Required<RecoveryOptions> = {
  minJumpSec: 2,
  margin: 2,
  confirmSteps: 6,
  enabled: true,
};

export interface FollowerAlignerOptions {
  readonly viterbi?: ViterbiOptions;
  readonly global?: GlobalSearchOptions;
  readonly recovery?: RecoveryOptions;
}

export function createFollowerAligner(template: Template, options: FollowerAlignerOptions = {}): Aligner {
  const v = { ...VITERBI_DEFAULTS, ...options.viterbi };
  const r = { ...RECOVERY_DEFAULTS, ...options.recovery };
  const local = createViterbiAligner(template, v);
  const global = createGlobalSearch(template, options.global);
  const feature = new Float32Array(PITCH_BINS);
  const radius = Math.round(r.minJumpSec * template.frameRate);
  let wins = 0;

  return {
    reset() {
      local.reset();
      global.reset();
      wins = 0;
    },
    seek(scoreSec) {
      local.relocate(templateIndexAt(template, scoreSec));
      wins = 0;
    },
    step(frame: SalienceFrame): AlignerPosition {
      const position = local.step(frame);
      if (!r.enabled || position.silent) return position;
      if (!global.add(frameFeatures(frame, v.onsetWeight, feature))) return position;
      const far = Math.abs(template.scoreSec[global.bestTemplateIndex]! - position.scoreSec) > r.minJumpSec;
      wins = far && global.costGapAt(local.best, radius) > r.margin ? wins + 1 : 0;
      if (wins >= r.confirmSteps) {
        local.relocate(global.bestTemplateIndex);
        wins = 0;
      }
      return position;
    },
  };
}
