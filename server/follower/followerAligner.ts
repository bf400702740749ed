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
import { createViterbiAligner, frameFeatures, maxActivation, VITERBI_DEFAULTS, type ViterbiOptions } from './viterbi.js';

export interface RecoveryOptions {
  /** Score distance (seconds) beyond which the global answer counts as a different place. */
  readonly minJumpSec?: number;
  /** How much better (accumulated coarse cost) the distant place must be. */
  readonly margin?: number;
  /** Consecutive coarse steps the distant place must win before the tracker moves. */
  readonly confirmSteps?: number;
  /**
   * How much better (accumulated coarse cost) the global best must be than the best DIFFERENT place
   * (see `GlobalSearch.runnerUpGap`) before the tracker is moved there: between two similar passages
   * (an exposition and its recapitulation) it waits for the music to tell them apart. 0 = off.
   */
  readonly distinctMargin?: number;
  /**
   * Before the local search has started (audio that does not sound like the opening: a mid-score
   * start), the global best is taken once it beats every different place by `margin` for `confirmSteps`.
   * After a start or a re-localisation the place counts as settled (state may be 'following') only
   * once the global search has agreed with it, ahead of every different place by `settleMargin`,
   * for `settleSteps` consecutive coarse steps.
   */
  readonly settleMargin?: number;
  readonly settleSteps?: number;
  /**
   * Coarse steps of music-like sound (a coarse frame matching some place in the score with cosine
   * ≥ 0.5) heard before the search started, after which audio resembling the opening no longer starts
   * it by itself: the music began mid-score, so the opening must win the global search like any place.
   */
  readonly startGraceSteps?: number;
  /** Score seconds the global best must have moved on while it won, before it may place a mid-score start. */
  readonly startProgressSec?: number;
  /** Disable recovery entirely (for comparisons). */
  readonly enabled?: boolean;
}

export const RECOVERY_DEFAULTS: Required<RecoveryOptions> = {
  minJumpSec: 2,
  margin: 2,
  confirmSteps: 6,
  distinctMargin: 1,
  settleMargin: 1,
  settleSteps: 6,
  startGraceSteps: 22,
  startProgressSec: 0.2,
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
  const printed = template.printedSec ?? template.scoreSec;
  let wins = 0;
  let agree = 0;
  let settled = false;
  let heardBeforeStart = 0;
  let winsFromSec = 0;

  /** Same place: within minJumpSec of score, as performed or as printed (a repeat's other pass). */
  function samePlace(a: number, b: number): boolean {
    return Math.abs(template.scoreSec[a]! - template.scoreSec[b]!) <= r.minJumpSec || Math.abs(printed[a]! - printed[b]!) <= r.minJumpSec;
  }

  function moveTo(index: number): void {
    local.relocate(index);
    wins = 0;
    agree = 0;
    settled = false;
  }

  return {
    reset() {
      local.reset();
      global.reset();
      wins = 0;
      agree = 0;
      settled = false;
      heardBeforeStart = 0;
    },
    seek(scoreSec) {
      local.relocate(templateIndexAt(template, scoreSec));
      wins = 0;
      // The operator said where we are.
      settled = true;
    },
    step(frame: SalienceFrame): AlignerPosition {
      const started = local.started;
      const position = local.step(frame);
      if (!r.enabled) return position;
      // Before the local search starts, any sounding frame feeds the global search (a mid-score start).
      const feed = !position.silent || (!started && maxActivation(frame.notes) >= v.silenceThreshold);
      if (!feed || !global.add(frameFeatures(frame, v.onsetWeight, feature))) return { ...position, settled };
      const target = global.bestTemplateIndex;
      const distinct = global.runnerUpGap(r.minJumpSec);
      if (!local.started) {
        // After ≈ 2 s of music that did not sound like the opening, the music began mid-score.
        if (global.lastBestMatch >= 0.5 && ++heardBeforeStart === r.startGraceSteps) local.allowOpeningStart(false);
        // Only music may place the search: sound that matches some place well (not noise or applause) AND
        // moves through the score while it wins (not the orchestra tuning on one chord).
        wins = distinct > r.distinctMargin && global.lastBestMatch >= v.startMatch ? wins + 1 : 0;
        if (wins === 1) winsFromSec = template.scoreSec[target]!;
        if (wins >= r.confirmSteps && template.scoreSec[target]! - winsFromSec >= r.startProgressSec) moveTo(target);
        return { ...position, settled };
      }
      const far = !samePlace(target, local.best);
      // An unconfirmed place is given up more readily than one the global search has agreed with.
      const margin = settled ? r.margin : r.distinctMargin;
      wins = far && global.costGapAt(local.best, radius) > margin && distinct > r.distinctMargin ? wins + 1 : 0;
      agree = !far && distinct > r.settleMargin ? agree + 1 : 0;
      if (agree >= r.settleSteps) settled = true;
      if (wins >= r.confirmSteps) moveTo(target);
      return { ...position, settled };
    },
  };
}
