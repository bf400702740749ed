/**
 * What the audience would have seen: the follower's state against the bar actually being played, over
 * time. Beside the MIREX note metrics (which ask "how early and how exactly"), these ask "was it honest":
 * - wrong while following: share of music time shown `following` at a bar two or more bars from the one
 *   being played (bars compared as printed, so a repeat's other pass is the same bar);
 * - state changes per minute of music; time to lock (music start → first `following` within a bar);
 *   re-localisation time after each jump (restart, skipped repeat); anything but `waiting` before the music;
 *   `waiting` inside sounding music after the first lock;
 * - a reliability table: per tenth of confidence, the share of reports within one bar of the truth.
 * Each report holds from its time until the next report.
 */
import type { EventsFile } from '../dataset/eventsFile.js';
import type { Position } from '../pipeline.js';
import type { Score } from '../score/types.js';
import type { GroundTruthNote } from './dataset.js';

interface TruthSegment {
  readonly startSec: number;
  readonly endSec: number;
  readonly restart: boolean;
  /** Knots (audio s, score s), audio ascending. */
  readonly audio: Float64Array;
  readonly score: Float64Array;
}

export interface TruthTrack {
  readonly segments: readonly TruthSegment[];
  /** Score seconds being played at audio time `sec`, and the segment; null outside the music. */
  at(sec: number): { readonly scoreSec: number; readonly segment: number } | null;
}

function knots(points: [number, number][]): { audio: Float64Array; score: Float64Array } {
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const p of points) if (out.length === 0 || p[0] > out[out.length - 1]![0] + 1e-6) out.push(p);
  return { audio: Float64Array.from(out.map((p) => p[0])), score: Float64Array.from(out.map((p) => p[1])) };
}

/** The continuous ground truth: chord onsets joined linearly within each segment of continuous music. */
export function truthTrack(truth: readonly GroundTruthNote[], events: EventsFile | null): TruthTrack {
  const rows = truth.map((t) => [t.audioMs / 1000, t.scoreMs / 1000] as [number, number]);
  let segments: TruthSegment[];
  if (!events) {
    const k = knots(rows);
    segments = k.audio.length ? [{ startSec: k.audio[0]!, endSec: k.audio[k.audio.length - 1]!, restart: false, ...k }] : [];
  } else {
    segments = events.segments.map((s) => {
      const [a, b] = [s.audioStartMs / 1000, s.audioEndMs / 1000];
      const inside = rows.filter(([t]) => t >= a - 1e-3 && t <= b + 1e-3);
      return { startSec: a, endSec: b, restart: s.restart, ...knots([[a, s.scoreStartMs / 1000], ...inside, [b, s.scoreEndMs / 1000]]) };
    });
  }
  return {
    segments,
    at(sec) {
      for (let s = 0; s < segments.length; s++) {
        const g = segments[s]!;
        if (sec < g.startSec || sec >= g.endSec) continue;
        let i = 0;
        while (i + 1 < g.audio.length && g.audio[i + 1]! <= sec) i++;
        if (i + 1 >= g.audio.length) return { scoreSec: g.score[i]!, segment: s };
        const f = (sec - g.audio[i]!) / (g.audio[i + 1]! - g.audio[i]!);
        return { scoreSec: g.score[i]! + f * (g.score[i + 1]! - g.score[i]!), segment: s };
      }
      return null;
    },
  };
}

/** Printed bar index (performance index where the score has no printed order) at a score time. */
export function barAt(score: Pick<Score, 'measures'>, scoreSec: number): number {
  const ms = score.measures;
  let lo = 0;
  let hi = ms.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ms[mid]!.startSec <= scoreSec + 1e-6) lo = mid;
    else hi = mid - 1;
  }
  const m = ms[lo];
  return m ? (m.printedIndex ?? m.index) : 0;
}

export interface ReliabilityBin {
  /** Reports (non-`waiting`, during music) with confidence in [k/10, (k+1)/10). */
  readonly reports: number;
  /** Of them, within one bar of the bar being played. */
  readonly right: number;
}

export interface PieceHonesty {
  readonly musicSec: number;
  readonly wrongFollowingShare: number;
  readonly stateChangesPerMin: number;
  /** Music start → first `following` within one bar; NaN when never. */
  readonly timeToLockSec: number;
  /** Per jump (a segment after the first): its start → first `following` within one bar; NaN when never. */
  readonly relocSec: readonly number[];
  /** Seconds before the music with a state other than `waiting`. */
  readonly shownBeforeMusicSec: number;
  /** Share of music time after the first lock reported `waiting`. */
  readonly waitingInMusicShare: number;
  /** Share of music time shown `following` (any bar). */
  readonly followingShare: number;
  readonly reliability: readonly ReliabilityBin[];
}

export function pieceHonesty(score: Pick<Score, 'measures'>, positions: readonly Position[], track: TruthTrack): PieceHonesty {
  const bins = Array.from({ length: 10 }, () => ({ reports: 0, right: 0 }));
  const firstMusic = track.segments[0]?.startSec ?? Infinity;
  let musicSec = 0;
  let wrongFollowing = 0;
  let following = 0;
  let changes = 0;
  let shownBefore = 0;
  let waitingAfterLock = 0;
  let musicAfterLock = 0;
  let lockSec = NaN;
  const reloc = track.segments.slice(1).map(() => NaN);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const next = positions[i + 1];
    const dt = next ? next.reportSec - p.reportSec : 0;
    const truth = track.at(p.reportSec);
    if (!truth) {
      if (p.reportSec < firstMusic && p.state !== 'waiting') shownBefore += dt;
      continue;
    }
    musicSec += dt;
    const distance = Math.abs(barAt(score, p.scoreSec) - barAt(score, truth.scoreSec));
    const right = distance <= 1;
    if (p.state === 'following') {
      following += dt;
      if (distance >= 2) wrongFollowing += dt;
      if (right && truth.segment === 0 && Number.isNaN(lockSec)) lockSec = p.reportSec - firstMusic;
      if (right && truth.segment > 0 && Number.isNaN(reloc[truth.segment - 1]!)) reloc[truth.segment - 1] = p.reportSec - track.segments[truth.segment]!.startSec;
    }
    if (!Number.isNaN(lockSec)) {
      musicAfterLock += dt;
      if (p.state === 'waiting') waitingAfterLock += dt;
    }
    if (p.state !== 'waiting') {
      const b = bins[Math.min(9, Math.max(0, Math.floor(p.confidence * 10)))]!;
      b.reports++;
      if (right) b.right++;
    }
    if (next && next.state !== p.state && track.at(next.reportSec)?.segment === truth.segment) changes++;
  }
  return {
    musicSec,
    wrongFollowingShare: musicSec > 0 ? wrongFollowing / musicSec : NaN,
    stateChangesPerMin: musicSec > 0 ? changes / (musicSec / 60) : NaN,
    timeToLockSec: lockSec,
    relocSec: reloc,
    shownBeforeMusicSec: shownBefore,
    waitingInMusicShare: musicAfterLock > 0 ? waitingAfterLock / musicAfterLock : NaN,
    followingShare: musicSec > 0 ? following / musicSec : NaN,
    reliability: bins,
  };
}

/** Sums reliability bins over pieces. */
export function mergeReliability(all: readonly (readonly ReliabilityBin[])[]): ReliabilityBin[] {
  return Array.from({ length: 10 }, (_, k) => ({
    reports: all.reduce((a, r) => a + (r[k]?.reports ?? 0), 0),
    right: all.reduce((a, r) => a + (r[k]?.right ?? 0), 0),
  }));
}

/** The reliability table as printed by `eval` (and pasted into docs/follower.md). */
export function formatReliability(bins: readonly ReliabilityBin[]): string {
  const lines = ['confidence  reports  within 1 bar', '----------  -------  ------------'];
  bins.forEach((b, k) => {
    const label = `${(k / 10).toFixed(1)}–${((k + 1) / 10).toFixed(1)}`;
    lines.push(`${label.padEnd(10)}  ${String(b.reports).padStart(7)}  ${(b.reports ? ((100 * b.right) / b.reports).toFixed(1) + ' %' : '-').padStart(12)}`);
  });
  return lines.join('\n');
}
