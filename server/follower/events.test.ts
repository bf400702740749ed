/**
 * The follower through what concerts do, on synthetic salience along a known path (fast, exact truth):
 * lead-ins of noise, applause and tuning, a repeat taken and skipped, restarts back and forward, a start at
 * the second of two identical passages (a recapitulation), and the end of the piece. The state must tell
 * the truth: `waiting` before the music, never `following` at a wrong bar, re-localised within 3 s, few
 * state changes, `ended` on the final bar. The same scenarios on rendered orchestral audio are what
 * `make-orchestral-set --events` + `eval` measure (docs/follower.md).
 */
import { describe, expect, it } from 'vitest';
import type { Position, SalienceFrame } from '../pipeline.js';
import type { Score } from '../score/types.js';
import { createFollowerAligner } from './followerAligner.js';
import { chordScore, renderFrames, seededRandom, type Path } from './synthetic.testkit.js';
import { LOWEST_MIDI, PITCH_BINS, buildTemplate } from './template.js';
import { createTracker } from './tracker.js';

const FPS = 22050 / 256;
type LeadIn = 'noise' | 'applause' | 'tuning';

/** Salience of what a hall sounds like before the music. */
function leadInFrame(kind: LeadIn, t: number, rand: () => number): SalienceFrame {
  const notes = new Float32Array(PITCH_BINS);
  const onsets = new Float32Array(PITCH_BINS);
  for (let b = 0; b < PITCH_BINS; b++) notes[b] = rand() * 0.05;
  if (kind === 'noise') for (let b = 0; b < PITCH_BINS; b++) notes[b] = rand() * 0.3;
  if (kind === 'applause') for (let b = 40; b < PITCH_BINS; b++) if (rand() < 0.3) notes[b] = 0.2 + rand() * 0.4;
  if (kind === 'tuning') {
    // The oboe's A, then A in octaves and the strings' fifths (E, D, G).
    for (const midi of t < 2 ? [69] : [45, 57, 69, 81, 64, 62, 55, 76]) notes[midi - LOWEST_MIDI] = 0.6 + rand() * 0.2;
  }
  return { timeSec: t, notes, onsets, availableSec: t };
}

interface Run {
  readonly positions: Position[];
  /** The true score time at a report (NaN outside the music). */
  readonly truth: (p: Position) => number;
}

function follow(score: Score, path: Path, durationSec: number, leadIn?: { kind: LeadIn; sec: number }): Run {
  const template = buildTemplate(score, { frameRate: FPS });
  const aligner = createFollowerAligner(template);
  const tracker = createTracker(score);
  const rand = seededRandom(5);
  const shifted: Path = (t) => (leadIn && t < leadIn.sec ? NaN : path(t - (leadIn?.sec ?? 0)));
  const frames = renderFrames(score, shifted, durationSec + (leadIn?.sec ?? 0), FPS, 3);
  const positions: Position[] = [];
  for (const frame of frames) {
    const f = leadIn && frame.timeSec < leadIn.sec - 0.5 ? leadInFrame(leadIn.kind, frame.timeSec, rand) : frame;
    tracker.observe(aligner.step(f));
    positions.push(tracker.report(f.availableSec));
  }
  return { positions, truth: (p) => shifted(p.reportSec) };
}

/** Bar (4 s at 60 bpm in the chord score) of a score time. */
const bar = (score: Score, sec: number) => {
  let i = 0;
  while (i + 1 < score.measures.length && score.measures[i + 1]!.startSec <= sec) i++;
  return score.measures[i]!.printedIndex ?? i;
};

/** No `following` at a wrong bar while music plays, beyond `allowSec` (the moment a jump needs to be heard at all). */
function expectHonest(score: Score, run: Run, allowSec = 0) {
  // Outside the music (a stop, a breath) the last bar played may stay on show; inside it, only the right one.
  const wrong = run.positions.filter((p) => p.state === 'following' && Number.isFinite(run.truth(p)) && Math.abs(bar(score, p.scoreSec) - bar(score, run.truth(p))) > 1);
  const span = wrong.length ? wrong[wrong.length - 1]!.reportSec - wrong[0]!.reportSec : 0;
  if (span > allowSec || (allowSec === 0 && wrong.length > 0)) expect(wrong.map((p) => `${p.reportSec.toFixed(2)}: shown ${p.scoreSec.toFixed(1)}, playing ${run.truth(p).toFixed(1)}`)).toEqual([]);
}

/** First report time from which `following` within 0.5 s of the truth holds for 1 s. */
function lockedAfter(run: Run, from: number): number {
  const ps = run.positions.filter((p) => p.reportSec >= from);
  for (let i = 0; i < ps.length; i++) {
    const window = ps.filter((q) => q.reportSec >= ps[i]!.reportSec && q.reportSec < ps[i]!.reportSec + 1);
    if (window.every((q) => q.state === 'following' && Math.abs(q.scoreSec - run.truth(q)) < 0.5)) return ps[i]!.reportSec - from;
  }
  return Infinity;
}

const changesPerMinute = (run: Run, from: number, to: number) => {
  const ps = run.positions.filter((p) => p.reportSec >= from && p.reportSec < to);
  let n = 0;
  for (let i = 1; i < ps.length; i++) if (ps[i]!.state !== ps[i - 1]!.state) n++;
  return n / ((to - from) / 60);
};

describe('follower through concert events (synthetic salience)', () => {
  const score = chordScore(60, 0.5, 7); // score 1 … 31 s, bars of 4 s

  for (const kind of ['noise', 'applause', 'tuning'] as const) {
    it(`waits through a lead-in of ${kind}, then starts at the first bar`, () => {
      const run = follow(score, (t) => 1 + t, 12, { kind, sec: 5 });
      const before = run.positions.filter((p) => p.reportSec < 5);
      expect(before.filter((p) => p.state !== 'waiting').map((p) => `${p.reportSec.toFixed(2)} ${p.state} ${p.scoreSec.toFixed(1)}`)).toEqual([]);
      expectHonest(score, run);
      expect(lockedAfter(run, 5)).toBeLessThan(3);
    });
  }

  it('restart back (the players stop, then begin again 10 s of music earlier): re-localised within 3 s', () => {
    const path: Path = (t) => (t < 14 ? 1 + t : t < 16 ? NaN : 5 + (t - 16));
    const run = follow(score, path, 28);
    expectHonest(score, run);
    expect(lockedAfter(run, 16)).toBeLessThan(3);
  });

  it('restart forward (12 s of music later, beyond the local window): re-localised within 3 s', () => {
    const path: Path = (t) => (t < 8 ? 1 + t : t < 10 ? NaN : 21 + (t - 10));
    const run = follow(score, path, 19);
    expectHonest(score, run);
    expect(lockedAfter(run, 10)).toBeLessThan(3);
  });

  it('a repeat skipped (a jump forward without a stop): re-localised within 3 s', () => {
    const path: Path = (t) => (t < 9 ? 1 + t : 20 + (t - 9));
    const run = follow(score, path, 19);
    // Without a stop the jump is only heard as the audio stops fitting: at most 0.6 s of the old bar.
    expectHonest(score, run, 0.6);
    expect(lockedAfter(run, 9)).toBeLessThan(3);
  });

  it('continuous music: at most 6 state changes a minute after the lock, and never waiting', () => {
    const run = follow(score, (t) => 1 + t, 30);
    expect(changesPerMinute(run, 3, 29)).toBeLessThanOrEqual(6);
    expect(run.positions.filter((p) => p.reportSec > 3 && p.reportSec < 29 && p.state === 'waiting')).toEqual([]);
  });

  it('ends on the final bar: `ended`, held there, the beat never past the bar', () => {
    const run = follow(score, (t) => (t < 30.5 ? 1 + t : NaN), 36);
    const last = run.positions[run.positions.length - 1]!;
    expect(last.state).toBe('ended');
    expect(last.measure).toBe(score.measures[score.measures.length - 1]!.number);
    const end = score.measures[score.measures.length - 1]!;
    for (const p of run.positions) expect(p.beatInMeasure).toBeLessThanOrEqual(end.durationBeat + 1);
  });
});

describe('follower at the second of two identical passages (a recapitulation start)', () => {
  // 24 chords (score 1-13 s), 8 other chords, the same 24 chords again (17-29 s), 8 more: a written-out return.
  const a = chordScore(24, 0.5, 11);
  const b = chordScore(8, 0.5, 12);
  const c = chordScore(8, 0.5, 13);
  const shift = (s: Score, by: number, tag: string) => s.notes.map((n) => ({ ...n, id: `${n.id}${tag}`, onsetSec: n.onsetSec + by, onsetBeat: n.onsetBeat + by }));
  const notes = [...a.notes, ...shift(b, 12, 'b'), ...shift(a, 16, 'r'), ...shift(c, 28, 'c')];
  const measures = Array.from({ length: 9 }, (_, i) => ({ index: i, number: String(i + 1), startBeat: i * 4, durationBeat: 4, timeSignature: { numerator: 4, denominator: 4 }, startSec: i * 4 }));
  const score = { ...a, notes, measures } as Score;

  it('is never `following` at the exposition while the recapitulation plays, and locks once the music tells them apart', () => {
    const path: Path = (t) => 17 + t; // starts at the return
    const run = follow(score, path, 15);
    expectHonest(score, run);
    // After the return's end (score 29 s, 12 s in) the music differs from what follows the exposition.
    expect(lockedAfter(run, 0)).toBeLessThan(14);
  });
});
