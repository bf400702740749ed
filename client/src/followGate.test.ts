import { describe, expect, it } from 'vitest';
import type { Position } from '@tutti/protocol';
import { certaintyKey, DOUBT_GRACE_MS, gateJump, gateTick, gateView, INITIAL_GATE } from './followGate.js';

const pos = (measure: string, state: Position['state'], confidence = 0.9): Position => ({
  reportSec: 0, scoreSec: 0, scoreBeat: 0, measure, beatInMeasure: 1, tempoBpm: 120, confidence, state,
});

describe('follow gate', () => {
  it('shows no bar before the first sure report, whatever bar the doubtful reports name', () => {
    let g = gateTick(INITIAL_GATE, pos('1', 'waiting'), 0);
    g = gateTick(g, pos('1', 'uncertain'), 5000);
    expect(gateView(g, 11_000)).toEqual({ kind: 'before-lock' });
    g = gateTick(g, pos('57', 'following'), 11_000);
    expect(gateView(g, 11_000)).toMatchObject({ kind: 'sure', bar: { measure: '57', source: 'follower' }, doubting: false });
  });

  it('keeps the last sure bar, frozen, through a short doubt, then shows no bar', () => {
    let g = gateTick(INITIAL_GATE, pos('64', 'following'), 0);
    g = gateTick(g, pos('70', 'lost'), 100);
    g = gateTick(g, pos('71', 'lost'), 200);
    expect(gateView(g, 100 + DOUBT_GRACE_MS - 1)).toMatchObject({ kind: 'sure', bar: { measure: '64' }, doubting: true });
    expect(gateView(g, 100 + DOUBT_GRACE_MS)).toMatchObject({ kind: 'unsure', lastSure: { measure: '64' } });
    // Sure again: the new bar at once.
    g = gateTick(g, pos('72', 'following'), 3000);
    expect(gateView(g, 3000)).toMatchObject({ kind: 'sure', bar: { measure: '72' }, doubting: false });
  });

  it('takes an operator jump or cue as sure, marked as the operator\'s', () => {
    const g = gateJump(gateTick(INITIAL_GATE, pos('3', 'lost'), 0), '120', 50);
    expect(gateView(g, 10_000)).toMatchObject({ kind: 'sure', bar: { measure: '120', source: 'operator', position: null } });
    const cue = gateTick(INITIAL_GATE, pos('44', 'lost'), 0, 'operator');
    expect(gateView(cue, 10_000)).toMatchObject({ kind: 'sure', bar: { measure: '44', source: 'operator' } });
  });

  it('puts the calibrated confidence in words, and a doubtful state as not sure', () => {
    expect(certaintyKey(null)).toBe('notSure');
    expect(certaintyKey(pos('1', 'following', 0.95))).toBe('sure');
    expect(certaintyKey(pos('1', 'following', 0.6))).toBe('fairly');
    expect(certaintyKey(pos('1', 'following', 0.2))).toBe('unsure');
    expect(certaintyKey(pos('1', 'uncertain', 0.95))).toBe('notSure');
  });
});
