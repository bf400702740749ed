/**
 * Start-up honesty on synthetic salience: the follower says 'following' only once the global search
 * agrees with its place, ahead of every different place, and a repeat's other pass is the same place.
 */
import { describe, expect, it } from 'vitest';
import type { Position } from '../pipeline.js';
import type { Score } from '../score/types.js';
import { createFollowerAligner } from './followerAligner.js';
import { chordScore, renderFrames, type Path } from './synthetic.testkit.js';
import { buildTemplate } from './template.js';
import { createTracker } from './tracker.js';

const FPS = 22050 / 256;

function follow(score: Score, path: Path, durationSec: number): Position[] {
  const aligner = createFollowerAligner(buildTemplate(score, { frameRate: FPS }));
  const tracker = createTracker(score);
  const positions: Position[] = [];
  for (const frame of renderFrames(score, path, durationSec, FPS, 3)) {
    tracker.observe(aligner.step(frame));
    positions.push(tracker.report(frame.availableSec));
  }
  return positions;
}

/** 24 chords (score 1–13 s) played twice, as an unfolded repeat: bar "1" printed once, performed twice. */
function repeatedScore(): Score {
  const once = chordScore(24, 0.5, 11);
  const again = once.notes.map((n) => ({ ...n, id: `${n.id}r`, onsetSec: n.onsetSec + 12, onsetBeat: n.onsetBeat + 12 }));
  const measure = (index: number, printedIndex: number, startSec: number, durationSec: number) => ({
    index,
    number: String(printedIndex),
    startBeat: startSec,
    durationBeat: durationSec,
    timeSignature: { numerator: 4, denominator: 4 },
    startSec,
    printedIndex,
  });
  return { ...once, notes: [...once.notes, ...again], measures: [measure(0, 0, 0, 1), measure(1, 1, 1, 12), measure(2, 1, 13, 12)] };
}

describe('follower start-up', () => {
  it('started mid-score, never reports following at a wrong place and settles within 3 s', () => {
    const score = chordScore(40, 0.5, 7); // score 1 … 21 s
    const path: Path = (t) => 11 + t; // the players start at score 11 s
    const positions = follow(score, path, 9);
    const following = positions.filter((p) => p.state === 'following');
    for (const p of following) expect(Math.abs(p.scoreSec - path(p.reportSec))).toBeLessThan(0.5);
    expect(following.length).toBeGreaterThan(0);
    expect(following[0]!.reportSec).toBeLessThan(3);
  });

  it('treats both passes of a repeat as the same place, so a repeated passage still settles', () => {
    const score = repeatedScore();
    const path: Path = (t) => 1 + t;
    const positions = follow(score, path, 20);
    const late = positions.filter((p) => p.reportSec >= 5);
    const following = late.filter((p) => p.state === 'following');
    expect(following.length / late.length).toBeGreaterThan(0.8);
    for (const p of following) expect(Math.abs(p.scoreSec - path(p.reportSec))).toBeLessThan(0.5);
  });
});
