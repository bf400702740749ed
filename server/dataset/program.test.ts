import { beforeAll, describe, expect, it } from 'vitest';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { applause, tuning } from './leadIn.js';
import { groundTruthSec, perfSecAt, performExcerpt } from './performance.js';
import { cutProgram, EVENT_KINDS, findRepeats, planProgram, type ProgramPlan } from './program.js';
import { createRng } from './rng.js';
import { eventPlan } from './set.js';
import { sharedScore } from './testScores.js';

/** Score seconds of measure boundary i. */
const at = (score: Score, i: number) => score.measures[i]!.startSec;

describe('performance programs on Beethoven 5/i (exposition repeat at bar 124)', () => {
  let score: Score;
  beforeAll(async () => {
    score = await loadScore(sharedScore('beethoven-symphony5-mvt1', 'Beethoven_Op.67_1.mxl'));
  });

  it('finds the exposition repeat: the second pass starts at unfolded measure 124 (bar 1), bar 125 follows it', () => {
    const [r] = findRepeats(score);
    expect(r).toBeDefined();
    expect(score.measures[r!.second]!.number).toBe('1');
    expect(score.measures[r!.second - 1]!.number).toBe('124');
    expect(score.measures[r!.after]!.number).toBe('125');
  });

  it('a repeat taken runs through the unfolded repeat; a repeat skipped jumps from bar 124 to bar 125', () => {
    const taken = planProgram(score, 'repeat-taken', 20, createRng(1))!;
    expect(taken.ranges).toHaveLength(1);
    const r = findRepeats(score)[0]!;
    expect(taken.ranges[0]!.start).toBeLessThan(r.second);
    expect(taken.ranges[0]!.end).toBeGreaterThan(r.second);
    const skipped = planProgram(score, 'repeat-skipped', 20, createRng(1))!;
    expect(skipped.ranges).toHaveLength(2);
    expect(score.measures[skipped.ranges[0]!.end - 1]!.number).toBe('124');
    expect(score.measures[skipped.ranges[1]!.start]!.number).toBe('125');
    expect(skipped.ranges[1]!.restart).toBe(false);
  });

  it('restarts jump 3-60 s of music back or forward, onto a sounding downbeat, after a stop', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      for (const kind of ['restart-back', 'restart-forward'] as const) {
        const plan = planProgram(score, kind, 20, createRng(seed))!;
        const [a, b] = plan.ranges;
        expect(b!.restart).toBe(true);
        const jump = at(score, b!.start) - at(score, a!.end);
        if (kind === 'restart-back') expect(jump).toBeLessThan(-2.9);
        else expect(jump).toBeGreaterThan(2.9);
        expect(Math.abs(jump)).toBeLessThan(62);
      }
    }
  });

  it('a recapitulation start begins in the second half, where the music resembles an earlier passage', () => {
    const plan = planProgram(score, 'recap-start', 20, createRng(2))!;
    const start = plan.ranges[0]!.start;
    expect(at(score, start)).toBeGreaterThan(0.4 * at(score, score.measures.length - 1));
  });

  it('cuts the ranges into one excerpt whose notes keep their time in the whole score, and a stop pauses the performance', () => {
    const plan: ProgramPlan = { kind: 'restart-back', ranges: [{ start: 200, end: 210, restart: false }, { start: 190, end: 196, restart: true }] };
    const ex = cutProgram(score, plan);
    expect(ex.segments).toHaveLength(2);
    expect(ex.measures).toHaveLength(16);
    expect(ex.segments[1]!.startBeat).toBe(ex.segments[0]!.endBeat);
    const onsets = new Set(score.notes.map((n) => `${Math.round(n.onsetSec * 1000)}:${n.pitch}`));
    for (const n of ex.notes) {
      expect(onsets.has(`${Math.round(n.scoreOnsetSec! * 1000)}:${n.pitch}`)).toBe(true);
      const seg = ex.segments.find((s) => n.onsetBeat >= s.startBeat && n.onsetBeat < s.endBeat)!;
      // No note rings into the next range.
      expect(n.onsetBeat + n.durationBeat).toBeLessThanOrEqual(seg.endBeat + 1e-9);
      expect(n.scoreOnsetSec!).toBeGreaterThanOrEqual(seg.scoreStartSec - 1e-6);
      expect(n.scoreOnsetSec!).toBeLessThan(seg.scoreEndSec);
    }
    const perf = performExcerpt(ex, createRng(3), { leadInSec: 2, insertedHolds: 1, stops: [{ beat: ex.segments[1]!.startBeat, pauseSec: 2.5 }] });
    const stopGap = groundTruthSec(perf, ex.segments[1]!.startBeat) - perfSecAt(perf, ex.segments[1]!.startBeat, true);
    expect(stopGap).toBeCloseTo(2.5, 3);
    expect(perf.curve.holds.filter((h) => h.source === 'stop')).toHaveLength(1);
  });

  it('plans every kind, deterministically by seed', () => {
    for (const kind of EVENT_KINDS) {
      const a = planProgram(score, kind, 15, createRng(9));
      expect(a).not.toBeNull();
      expect(planProgram(score, kind, 15, createRng(9))).toEqual(a);
    }
  });
});

describe('event set rotation', () => {
  it('puts each score in both halves and covers every kind and lead-in in a round', () => {
    const plans = Array.from({ length: 16 }, (_, i) => eventPlan(i, 8));
    expect(plans.slice(0, 8).every((p) => p.split === 'tune')).toBe(true);
    expect(plans.slice(8).every((p) => p.split === 'test')).toBe(true);
    expect(new Set(plans.slice(0, 8).map((p) => p.kind)).size).toBe(EVENT_KINDS.length);
    expect(new Set(plans.slice(0, 8).map((p) => p.leadIn)).size).toBe(4);
    for (let s = 0; s < 8; s++) expect(plans[s]!.kind === plans[s + 8]!.kind && plans[s]!.leadIn === plans[s + 8]!.leadIn).toBe(false);
  });
});

describe('lead-ins', () => {
  it('applause is broadband noise; tuning has its energy at the A and its harmonics', () => {
    const sr = 8000;
    const clap = applause(sr * 2, sr, createRng(1));
    expect(Math.max(...clap.map(Math.abs))).toBeGreaterThan(0.1);
    const tone = tuning(sr * 3, sr, 441, createRng(2));
    // Goertzel power at 441 Hz vs at 470 Hz over the oboe's A (first second).
    const power = (hz: number) => {
      let s1 = 0;
      let s2 = 0;
      const c = 2 * Math.cos((2 * Math.PI * hz) / sr);
      for (let i = 0; i < sr; i++) [s1, s2] = [tone[i]! + c * s1 - s2, s1];
      return s1 * s1 + s2 * s2 - c * s1 * s2;
    };
    expect(power(441)).toBeGreaterThan(50 * power(470));
  });
});
