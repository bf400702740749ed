import { describe, expect, it } from 'vitest';
import type { FollowState, Position } from '../pipeline.js';
import { chordScore } from '../follower/synthetic.testkit.js';
import { formatReliability, pieceHonesty, truthTrack } from './honesty.js';

// 4/4 at 60 bpm: bar k (0-based) spans score [4k, 4k + 4) s.
const score = chordScore(40, 1, 1);
const pos = (t: number, scoreSec: number, state: FollowState, confidence = 0.8): Position => ({
  reportSec: t,
  scoreSec,
  scoreBeat: scoreSec,
  measure: '',
  beatInMeasure: 1,
  tempoBpm: 60,
  confidence,
  state,
});

describe('honesty metrics', () => {
  // Music from 2 s to 22 s of audio, score 1 s → 21 s; then a restart at 24 s from score 5 s to 15 s.
  const events = {
    kind: 'restart-back',
    split: 'tune' as const,
    leadIn: { kind: 'applause', sec: 2, levelDb: -3 },
    segments: [
      { audioStartMs: 2000, audioEndMs: 22000, scoreStartMs: 1000, scoreEndMs: 21000, restart: false, bars: '' },
      { audioStartMs: 24000, audioEndMs: 34000, scoreStartMs: 5000, scoreEndMs: 15000, restart: true, bars: '' },
    ],
  };
  const track = truthTrack([{ audioMs: 12000, scoreMs: 11000, pitch: 60 }], events);

  it('interpolates the bar being played within segments and knows when no music sounds', () => {
    expect(track.at(1)).toBeNull();
    expect(track.at(7)!.scoreSec).toBeCloseTo(6, 6);
    expect(track.at(23)).toBeNull();
    expect(track.at(26)).toEqual({ scoreSec: 7, segment: 1 });
  });

  it('counts wrong following, state changes, lock, re-localisation, shown-before-music and reliability', () => {
    const positions: Position[] = [];
    for (let t = 0; t < 34; t += 0.5) {
      const truth = track.at(t);
      if (t < 1) positions.push(pos(t, 0, 'waiting', 0));
      else if (t < 2) positions.push(pos(t, 30, 'uncertain', 0.3)); // the applause shown as a place: 1 s
      else if (t < 4) positions.push(pos(t, truth!.scoreSec, 'uncertain', 0.5));
      else if (t < 22) positions.push(pos(t, truth!.scoreSec, 'following', 0.9)); // lock at 4 s: 2 s after the music
      else if (t < 24) positions.push(pos(t, 21, 'waiting', 0.1));
      else if (t < 27) positions.push(pos(t, 25, 'following', 0.75)); // still at the old place: wrong for 3 s
      else positions.push(pos(t, truth!.scoreSec, 'following', 0.9)); // re-localised 3 s after the restart
    }
    const h = pieceHonesty(score, positions, track);
    expect(h.musicSec).toBeCloseTo(29.5, 6);
    expect(h.wrongFollowingShare).toBeCloseTo(3 / 29.5, 6);
    expect(h.timeToLockSec).toBeCloseTo(2, 6);
    expect(h.relocSec).toEqual([3]);
    expect(h.shownBeforeMusicSec).toBeCloseTo(1, 6);
    // uncertain → following in the first segment; none in the second (following throughout).
    expect(h.stateChangesPerMin).toBeCloseTo(1 / (29.5 / 60), 6);
    expect(h.reliability[7]).toEqual({ reports: 6, right: 0 });
    expect(h.reliability[9]!.reports).toBeGreaterThan(40);
    expect(h.reliability[9]!.right).toBe(h.reliability[9]!.reports);
    expect(formatReliability(h.reliability)).toContain('0.7–0.8');
  });
});
