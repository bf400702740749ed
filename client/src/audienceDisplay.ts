/**
 * What the top of the phone says, decided in one place: either a bar number the phone is sure of,
 * or one calm line (and the section, when the cue sheet names one) — never both, never a guess.
 * Pure over the live state and the clock, so the same answer is given to the audience view, the
 * replay and the tests.
 */
import { linkHealth, type LinkHealth } from './connection.js';
import { gateView, type BarSource } from './followGate.js';
import type { LiveState } from './liveSession.js';

export type Phase = 'connecting' | 'waiting' | 'starting' | 'following' | 'unsure' | 'interval' | 'between' | 'ended';

export interface AudienceDisplay {
  readonly phase: Phase;
  /** The bar to show; non-null only in the `following` phase. */
  readonly measure: string | null;
  /** Who set the bar: the follower or the operator. */
  readonly source: BarSource | null;
  readonly link: LinkHealth;
}

export function audienceDisplay(state: LiveState, nowMs: number): AudienceDisplay {
  const link = linkHealth(state, nowMs);
  const base = { measure: null, source: null, link };
  const s = state.session;
  if (!s) return { ...base, phase: 'connecting' };
  if (s.state === 'waiting') return { ...base, phase: 'waiting' };
  if (s.state === 'ended') return { ...base, phase: 'ended' };
  // The programme's own pauses: nothing is followed, so there is no bar to show.
  const programmePhase = state.programme?.phase;
  if (programmePhase === 'interval') return { ...base, phase: 'interval' };
  if (programmePhase === 'between') return { ...base, phase: 'between' };
  // A lost link freezes the last report: showing it as current would be a guess.
  const view = gateView(state.gate, nowMs);
  if (view.kind === 'before-lock') return { ...base, phase: 'starting' };
  // The server's reliable "searching" (the follower stayed lost) and its hand-over to the operator (confidence
  // stayed low) count too: a doubtful tick may have been dropped. An operator's bar is sure whatever the follower says.
  const doubted = link === 'lost' || ((state.enrichment?.searching || state.programme?.handover) && view.kind === 'sure' && view.bar.source !== 'operator');
  if (view.kind === 'unsure' || doubted) return { ...base, phase: 'unsure' };
  return { phase: 'following', measure: view.bar.measure, source: view.bar.source, link };
}
