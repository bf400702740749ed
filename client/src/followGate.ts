/**
 * Which bar the phone may show. The follower's state flickers (a sure passage can doubt for a few
 * frames); the phone shows a bar only from reports the follower was sure of, keeps the last sure bar
 * through a short doubt, and after a longer one shows no bar at all. Before the first sure report of
 * a session there is no bar: "BAR 1 · Listening…" was a guess. Pure: the caller passes the clock.
 */
import type { Position, TickSource } from '@tutti/protocol';

/** Who decided the bar: the score follower or the operator (the protocol's TickSource). */
export type BarSource = TickSource;

export interface SureBar {
  readonly measure: string;
  /** The report it came from; null for an operator's jump (no tempo to extrapolate with). */
  readonly position: Position | null;
  /** Client clock (ms) at which that position held (the tick's server time, brought to this clock). */
  readonly atMs: number;
  readonly source: BarSource;
}

export interface FollowGate {
  /** The last bar shown with confidence; null before the first lock of the session. */
  readonly sure: SureBar | null;
  /** Since when the follower has doubted (client ms); null while it is sure. */
  readonly doubtSinceMs: number | null;
  /** The latest report's state and confidence, sure or not (for the quiet transparency mark). */
  readonly latest: Position | null;
}

export const INITIAL_GATE: FollowGate = { sure: null, doubtSinceMs: null, latest: null };

/** A doubt shorter than this keeps the last sure bar on screen (frozen, not moving on). */
export const DOUBT_GRACE_MS = 1500;

/** An operator's tick (a cue in manual mode) is sure whatever the follower's state says. */
export function gateTick(gate: FollowGate, position: Position, atMs: number, source: BarSource = 'follower'): FollowGate {
  if (position.state === 'following' || source === 'operator') return { sure: { measure: position.measure, position, atMs, source }, doubtSinceMs: null, latest: position };
  return { ...gate, doubtSinceMs: gate.doubtSinceMs ?? atMs, latest: position };
}

/** An operator's jump is sure by definition: they are the ones who can overrule the machine. */
export function gateJump(_gate: FollowGate, measure: string, atMs: number): FollowGate {
  return { sure: { measure, position: null, atMs, source: 'operator' }, doubtSinceMs: null, latest: _gate.latest };
}

export type GateView =
  | { readonly kind: 'before-lock' }
  | { readonly kind: 'sure'; readonly bar: SureBar; readonly doubting: boolean }
  | { readonly kind: 'unsure'; readonly lastSure: SureBar };

export function gateView(gate: FollowGate, nowMs: number, graceMs = DOUBT_GRACE_MS): GateView {
  if (!gate.sure) return { kind: 'before-lock' };
  if (gate.doubtSinceMs === null) return { kind: 'sure', bar: gate.sure, doubting: false };
  if (nowMs - gate.doubtSinceMs < graceMs) return { kind: 'sure', bar: gate.sure, doubting: true };
  return { kind: 'unsure', lastSure: gate.sure };
}

export type CertaintyKey = 'sure' | 'fairly' | 'unsure' | 'notSure';

/** The follower's calibrated confidence in words (an i18n key under mark.certainty), for the quiet mark under the bar. */
export function certaintyKey(position: Position | null): CertaintyKey {
  if (!position || position.state !== 'following') return 'notSure';
  if (position.confidence >= 0.8) return 'sure';
  if (position.confidence >= 0.5) return 'fairly';
  return 'unsure';
}
