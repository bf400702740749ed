/** The aligner on synthetic salience rendered along a known path: tempo changes, a fermata, silence, a jump. */
import { describe, expect, it } from 'vitest';
import type { Position } from '../pipeline.js';
import { FOLLOW_STATE_DEFAULTS } from './followState.js';
import { createFollowerAligner } from './followerAligner.js';
import { createNoteDetector } from './noteReports.js';
import { chordScore, linearPath, renderFrames, type Path } from './synthetic.testkit.js';
import { buildTemplate } from './template.js';
import { createTracker } from './tracker.js';
import { createViterbiAligner } from './viterbi.js';
import type { Aligner } from './types.js';

const FPS = 22050 / 256;
const score = chordScore(40, 0.5, 7); // 40 chords, score time 1 … 21 s
const template = buildTemplate(score, { frameRate: FPS });
const onsets = [...new Set(score.notes.map((n) => n.onsetSec))];

function follow(aligner: Aligner, path: Path, durationSec: number, seed = 1) {
  const tracker = createTracker(score);
  const detector = createNoteDetector(score);
  const positions: Position[] = [];
  const raw: number[] = [];
  for (const frame of renderFrames(score, path, durationSec, FPS, seed)) {
    const a = aligner.step(frame);
    raw.push(a.scoreSec);
    tracker.observe(a);
    const p = tracker.report(frame.availableSec);
    positions.push(p);
    detector.push(p);
  }
  return { positions, raw, reports: detector.reports() };
}

/** Performance time at which `path` first reaches score time `s` (path assumed non-decreasing). */
function perfTimeOf(path: Path, s: number, until: number): number {
  for (let t = 0; t < until; t += 0.001) if (path(t) >= s) return t;
  return NaN;
}

describe('windowed Viterbi aligner on a known path', () => {
  // Tempo 1.0, then 0.7× (slower), then 1.3× (faster); music starts at 0.5 s.
  const path = linearPath([
    [0.5, 1],
    [5.5, 6],
    [12.64, 11],
    [20.33, 21],
  ]);

  it('finds every chord onset within 40 ms, and never reports a chord before it starts', () => {
    const { reports } = follow(createFollowerAligner(template), path, 21);
    for (const r of reports) {
      const truth = perfTimeOf(path, r.scoreOnsetSec, 21);
      expect(Math.abs(r.estimatedOnsetSec - truth)).toBeLessThan(0.04);
      expect(r.detectionSec).toBeGreaterThanOrEqual(truth - 0.02);
      expect(r.detectionSec - truth).toBeLessThan(0.1);
    }
  });

  it('tracks the tempo of the path', () => {
    const { positions } = follow(createFollowerAligner(template), path, 21);
    const at = (t: number) => positions[Math.round(t * FPS)]!.tempoBpm;
    expect(at(4.5)).toBeGreaterThan(55);
    expect(at(4.5)).toBeLessThan(65);
    expect(at(11)).toBeGreaterThan(38);
    expect(at(11)).toBeLessThan(46);
    expect(at(19)).toBeGreaterThan(72);
    expect(at(19)).toBeLessThan(84);
  });

  it('holds a fermata: a chord held 2 s longer does not make it run into the next one', () => {
    // Chord at 6.0–6.5 is held from 5.5 s to 8.0 s of performance, then the tempo resumes.
    const fermata = linearPath([
      [0.5, 1],
      [5.5, 6],
      [6.0, 6.45],
      [8.0, 6.49],
      [8.01, 6.5],
      [12.51, 11],
    ]);
    const { reports } = follow(createFollowerAligner(template), fermata, 12.5);
    const next = reports.filter((r) => Math.abs(r.scoreOnsetSec - 6.5) < 1e-6);
    expect(next.length).toBeGreaterThan(0);
    for (const r of next) {
      expect(r.detectionSec).toBeGreaterThan(7.98);
      expect(Math.abs(r.estimatedOnsetSec - 8.01)).toBeLessThan(0.05);
    }
  });

  it('holds position through silence and reports waiting once the silence lasts (a breath keeps the state)', () => {
    const silence: Path = (t) => (t < 6 ? linearPath([[0.5, 1], [5.5, 6]])(t) : t < 9 ? NaN : 6 + (t - 9));
    const { positions } = follow(createFollowerAligner(template), silence, 14);
    const during = positions.filter((p) => p.reportSec > 6.2 && p.reportSec < 8.9);
    const breath = during.filter((p) => p.reportSec < 6 + FOLLOW_STATE_DEFAULTS.silenceSec - 0.1);
    expect(breath.length).toBeGreaterThan(0);
    expect(breath.every((p) => p.state === 'following')).toBe(true);
    const lasting = during.filter((p) => p.reportSec > 6.1 + FOLLOW_STATE_DEFAULTS.silenceSec);
    expect(lasting.length).toBeGreaterThan(0);
    expect(lasting.every((p) => p.state === 'waiting')).toBe(true);
    const moved = Math.max(...during.map((p) => p.scoreSec)) - Math.min(...during.map((p) => p.scoreSec));
    expect(moved).toBeLessThan(0.01);
    const after = positions.find((p) => p.reportSec > 12)!;
    expect(Math.abs(after.scoreSec - 9)).toBeLessThan(0.2);
  });

  it('re-localises within 3 s after a jump back, which the local search alone cannot', () => {
    // Plays score 1 → 15 s, then restarts from score 4 s.
    const jump: Path = (t) => (t < 14 ? 1 + t : 4 + (t - 14));
    const within = (raw: number[]) => {
      for (let k = Math.round(14 * FPS); k < raw.length; k++) {
        const t = k / FPS;
        if (raw.slice(k, k + Math.round(FPS)).every((s, j) => Math.abs(s - jump(t + j / FPS)) < 0.3)) return t - 14;
      }
      return Infinity;
    };
    const recovered = within(follow(createFollowerAligner(template), jump, 24).raw);
    expect(recovered).toBeLessThan(3);
    const localOnly = within(follow(createViterbiAligner(template), jump, 24).raw);
    expect(localOnly).toBeGreaterThan(3);
  });

  it('re-localises within 3 s after a jump forward (a cut) beyond the local window', () => {
    // Plays score 1 → 7 s, then skips ahead to score 15 s.
    const cut: Path = (t) => (t < 6 ? 1 + t : 15 + (t - 6));
    const { raw } = follow(createFollowerAligner(template), cut, 12);
    const start = Math.round(6 * FPS);
    const back = raw.findIndex((s, k) => k > start && raw.slice(k, k + Math.round(FPS)).every((v, j) => Math.abs(v - cut((k + j) / FPS)) < 0.3));
    expect(back).toBeGreaterThan(start);
    expect(back / FPS - 6).toBeLessThan(3);
  });

  it('gives identical output after reset()', () => {
    const aligner = createFollowerAligner(template);
    const first = follow(aligner, path, 21).raw;
    aligner.reset();
    expect(follow(aligner, path, 21).raw).toEqual(first);
  });

  it('uses every chord onset of the score', () => {
    expect(onsets.length).toBe(40);
    expect(template.eventStart.filter((s, i) => s === i).length).toBe(40);
  });
});

describe('operator seek', () => {
  it('continues from the given score time at once', () => {
    // The players restart from score 12 s at performance 8 s; the operator says so.
    const path: Path = (t) => (t < 8 ? 1 + t : 12 + (t - 8));
    const aligner = createFollowerAligner(template);
    const tracker = createTracker(score);
    const reported: { t: number; s: number }[] = [];
    for (const frame of renderFrames(score, path, 12, FPS, 3)) {
      if (Math.abs(frame.timeSec - 8) < 0.5 / FPS) aligner.seek!(12);
      tracker.observe(aligner.step(frame));
      reported.push({ t: frame.timeSec, s: tracker.report(frame.availableSec).scoreSec });
    }
    const after = reported.filter((r) => r.t > 8.3);
    expect(after.every((r) => Math.abs(r.s - path(r.t)) < 0.3)).toBe(true);
  });
});
