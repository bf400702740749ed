/**
 * The state the audience sees, changed only on sustained evidence. The tracker hands in, per report,
 * what the aligner says right now (sound or silence, a calibrated confidence, whether the place is
 * confirmed, whether it is the final bar); this machine turns that into a state that does not flicker:
 * - `waiting` only after sustained silence (a breath or a quiet bar inside the music keeps the state);
 * - a promotion (to `following`, or out of `lost`) only after the evidence held for `promoteSec`;
 * - a demotion from `following` at once when the place is no longer confirmed (a re-localisation: honesty
 *   first) or the audio stops fitting it at all (confidence below `uncertainAbove`: a jump the aligner has
 *   not yet followed), otherwise only after the evidence held for `demoteSec`;
 * - `ended` when the music stops on the final bar; it holds there until sound is heard somewhere else.
 * Thresholds have a band (enter above, leave below) so a confidence hovering at a threshold does not flicker.
 */
import type { FollowState } from '../pipeline.js';

export interface StateEvidence {
  /** Report time, seconds of performance. */
  readonly timeSec: number;
  /** The aligner has placed itself on music (since the last reset). */
  readonly started: boolean;
  /** The latest frames were held as silence or unrecognised sound. */
  readonly silent: boolean;
  /** Calibrated probability that the reported bar is right within one bar. */
  readonly confidence: number;
  /** The place is confirmed by the global search (or given by the operator). */
  readonly settled: boolean;
  /** The aligner was moved elsewhere since the previous report. */
  readonly relocated: boolean;
  /** The reported position is in the score's final bar. */
  readonly atEnd: boolean;
}

export interface FollowStateOptions {
  /** `following` when confidence ≥ followAbove (entering) / stays while ≥ followBelow. */
  readonly followAbove?: number;
  readonly followBelow?: number;
  /** `uncertain` (vs `lost`) above these. */
  readonly uncertainAbove?: number;
  readonly uncertainBelow?: number;
  /** Seconds a promotion / an ordinary demotion must be sustained. */
  readonly promoteSec?: number;
  readonly demoteSec?: number;
  /** Seconds of silence before `waiting` (or `ended` on the final bar). */
  readonly silenceSec?: number;
}

export const FOLLOW_STATE_DEFAULTS: Required<FollowStateOptions> = {
  followAbove: 0.45,
  followBelow: 0.35,
  uncertainAbove: 0.25,
  uncertainBelow: 0.15,
  promoteSec: 0.3,
  demoteSec: 1.5,
  silenceSec: 1.2,
};

/** The machine's state: what is shown, and the change waiting for sustained evidence. */
export type StateMachineState =
  | { readonly kind: 'steady'; readonly shown: FollowState; readonly since: number }
  | { readonly kind: 'pending'; readonly shown: FollowState; readonly since: number; readonly next: FollowState; readonly nextSince: number };

const RANK: Readonly<Record<FollowState, number>> = { waiting: 0, ended: 0, lost: 1, uncertain: 2, following: 3 };

export interface FollowStateMachine {
  update(e: StateEvidence): FollowState;
  reset(): void;
  readonly state: StateMachineState;
}

export function createFollowStateMachine(options: FollowStateOptions = {}): FollowStateMachine {
  const o = { ...FOLLOW_STATE_DEFAULTS, ...options };
  let state: StateMachineState = { kind: 'steady', shown: 'waiting', since: 0 };
  let silentSince = NaN;

  /** What the evidence says now, given what is shown (the hysteresis bands). */
  function wanted(e: StateEvidence, shown: FollowState): FollowState {
    if (!e.started) return 'waiting';
    if (e.silent) {
      if (Number.isNaN(silentSince)) silentSince = e.timeSec;
      if (e.timeSec - silentSince < o.silenceSec) return shown;
      return e.atEnd && shown !== 'waiting' ? 'ended' : shown === 'ended' ? 'ended' : 'waiting';
    }
    silentSince = NaN;
    // The last chord's ring, the applause after it: still the end, unless the music is heard elsewhere.
    if (shown === 'ended' && e.atEnd && !e.relocated) return 'ended';
    const following = e.settled && e.confidence >= (shown === 'following' ? o.followBelow : o.followAbove);
    if (following) return 'following';
    const uncertainAt = shown === 'uncertain' || shown === 'following' ? o.uncertainBelow : o.uncertainAbove;
    return e.confidence >= uncertainAt ? 'uncertain' : 'lost';
  }

  /** How long `next` must be sustained before it replaces `shown`. */
  function delay(shown: FollowState, next: FollowState, e: StateEvidence): number {
    // Never keep `following` on an unconfirmed place, nor on one the audio no longer fits at all.
    if (shown === 'following' && (!e.settled || e.confidence < o.uncertainAbove)) return 0;
    if (next === 'waiting' || next === 'ended' || shown === 'waiting' || shown === 'ended') return 0; // silence was already sustained
    return RANK[next] > RANK[shown] ? o.promoteSec : o.demoteSec;
  }

  return {
    get state() {
      return state;
    },
    reset() {
      state = { kind: 'steady', shown: 'waiting', since: 0 };
      silentSince = NaN;
    },
    update(e) {
      const next = wanted(e, state.shown);
      if (next === state.shown) {
        if (state.kind === 'pending') state = { kind: 'steady', shown: state.shown, since: state.since };
        return state.shown;
      }
      // Evidence that keeps pointing the same way (up or down) keeps its clock, even if its level wavers.
      const direction = Math.sign(RANK[next] - RANK[state.shown]);
      const sameWay = state.kind === 'pending' && Math.sign(RANK[state.next] - RANK[state.shown]) === direction;
      const nextSince = sameWay && state.kind === 'pending' ? state.nextSince : e.timeSec;
      if (e.timeSec - nextSince >= delay(state.shown, next, e)) state = { kind: 'steady', shown: next, since: e.timeSec };
      else state = { kind: 'pending', shown: state.shown, since: state.since, next, nextSince };
      return state.shown;
    },
  };
}
