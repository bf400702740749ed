/** The state machine, one test per transition, on hand-made evidence (no clock: times are in the evidence). */
import { describe, expect, it } from 'vitest';
import { createFollowStateMachine, FOLLOW_STATE_DEFAULTS as D, type StateEvidence } from './followState.js';

const sound = (timeSec: number, confidence: number, more: Partial<StateEvidence> = {}): StateEvidence => ({
  timeSec,
  started: true,
  silent: false,
  confidence,
  settled: true,
  relocated: false,
  atEnd: false,
  ...more,
});
const quiet = (timeSec: number, more: Partial<StateEvidence> = {}): StateEvidence => sound(timeSec, 0, { silent: true, ...more });

/** Feeds evidence every 50 ms from `from` to `to`; returns the states shown. */
function run(m: ReturnType<typeof createFollowStateMachine>, from: number, to: number, at: (t: number) => StateEvidence): string[] {
  const out: string[] = [];
  for (let t = from; t < to - 1e-9; t += 0.05) out.push(m.update(at(t)));
  return out;
}

function followingAt(t0: number) {
  const m = createFollowStateMachine();
  run(m, t0, t0 + 1, (t) => sound(t, 0.95));
  expect(m.state.shown).toBe('following');
  return m;
}

describe('follow state machine', () => {
  it('waiting → waiting before the aligner has started, whatever the confidence', () => {
    const m = createFollowStateMachine();
    expect(new Set(run(m, 0, 3, (t) => sound(t, 0.95, { started: false })))).toEqual(new Set(['waiting']));
  });

  it('waiting → following at once when the music starts on a confirmed place', () => {
    const m = createFollowStateMachine();
    expect(m.update(sound(0, 0.95))).toBe('following');
  });

  it('waiting → uncertain, then following only after the evidence held for promoteSec', () => {
    const m = createFollowStateMachine();
    expect(m.update(sound(0, 0.5, { settled: false }))).toBe('uncertain');
    const shown = run(m, 0.05, 1, (t) => sound(t, 0.95));
    const first = shown.indexOf('following');
    expect(first * 0.05 + 0.05).toBeGreaterThanOrEqual(D.promoteSec - 1e-9);
    expect(shown.slice(0, first).every((s) => s === 'uncertain')).toBe(true);
  });

  it('following → uncertain at once when the place is no longer confirmed (a re-localisation)', () => {
    const m = followingAt(0);
    expect(m.update(sound(1, 0.95, { settled: false, relocated: true }))).toBe('uncertain');
  });

  it('following stays through a confidence dip shorter than demoteSec, and inside the hysteresis band', () => {
    const m = followingAt(0);
    expect(new Set(run(m, 1, 1 + D.demoteSec - 0.2, (t) => sound(t, D.uncertainAbove + 0.05)))).toEqual(new Set(['following']));
    expect(new Set(run(m, 3, 10, (t) => sound(t, D.followBelow + 0.01)))).toEqual(new Set(['following']));
  });

  it('following → uncertain at once when the audio stops fitting the place at all (a jump not yet followed)', () => {
    const m = followingAt(0);
    expect(m.update(sound(1, D.uncertainAbove - 0.05))).not.toBe('following');
  });

  it('following → uncertain after a sustained drop, even when the level wavers', () => {
    const m = followingAt(0);
    const shown = run(m, 1, 4, (t) => sound(t, Math.round(t * 20) % 2 ? 0.3 : 0.27));
    expect(shown.slice(0, Math.floor((D.demoteSec - 0.1) / 0.05))).toEqual(Array(Math.floor((D.demoteSec - 0.1) / 0.05)).fill('following'));
    expect(shown[shown.length - 1]).not.toBe('following');
  });

  it('uncertain → lost after a sustained low confidence; lost → uncertain after a sustained rise', () => {
    const m = createFollowStateMachine();
    m.update(sound(0, 0.5, { settled: false }));
    run(m, 0.05, 3, (t) => sound(t, 0.05, { settled: false }));
    expect(m.state.shown).toBe('lost');
    run(m, 3, 4, (t) => sound(t, 0.5, { settled: false }));
    expect(m.state.shown).toBe('uncertain');
  });

  it('a breath inside the music keeps the state; sustained silence → waiting', () => {
    const m = followingAt(0);
    expect(new Set(run(m, 1, 1 + D.silenceSec - 0.1, (t) => quiet(t)))).toEqual(new Set(['following']));
    run(m, 1 + D.silenceSec - 0.1, 3, (t) => quiet(t));
    expect(m.state.shown).toBe('waiting');
    // Sound again, confirmed: straight back.
    expect(m.update(sound(3, 0.95))).toBe('following');
  });

  it('silence on the final bar → ended, held through the last chord ringing and the applause', () => {
    const m = followingAt(0);
    run(m, 1, 2, (t) => sound(t, 0.95, { atEnd: true }));
    expect(m.state.shown).toBe('following');
    run(m, 2, 2 + D.silenceSec + 0.1, (t) => quiet(t, { atEnd: true }));
    expect(m.state.shown).toBe('ended');
    expect(new Set(run(m, 4, 6, (t) => sound(t, 0.3, { atEnd: true })))).toEqual(new Set(['ended']));
  });

  it('ended → uncertain when the music is heard elsewhere (the players start again)', () => {
    const m = followingAt(0);
    run(m, 1, 3, (t) => quiet(t, { atEnd: true }));
    expect(m.state.shown).toBe('ended');
    expect(m.update(sound(3, 0.5, { settled: false, relocated: true }))).toBe('uncertain');
  });

  it('reset() → waiting', () => {
    const m = followingAt(0);
    m.reset();
    expect(m.state).toEqual({ kind: 'steady', shown: 'waiting', since: 0 });
  });
});
