/**
 * MIREX score-following metrics (Cont, Schwarz, Schnell & Raphael, ISMIR 2007) for one piece:
 * each ground-truth note is matched to the follower's report for the same score note; a note is
 * missed when never reported, misaligned when its estimated onset is more than 300 ms off.
 */
import type { NoteReport } from '../follower/noteReports.js';
import type { GroundTruthNote } from './dataset.js';

export const THRESHOLDS_MS = [50, 100, 300, 2000] as const;
export const MISALIGN_MS = 300;

export interface PieceMetrics {
  readonly notes: number;
  /** Score notes with no ground-truth row (not scored). */
  readonly skippedScoreNotes: number;
  /** Ground-truth rows that match no score note (counted as missed). */
  readonly unmatchedTruth: number;
  /**
   * Ground-truth rows of a note played again (a restart back, a repeat of the same written notes without
   * a second pass in the score): a score note is reported once, so these are not scored.
   */
  readonly replayedTruth?: number;
  /** Share of ground-truth notes within each threshold, by estimated onset / by detection time. */
  readonly withinByEstimate: Record<string, number>;
  readonly withinByDetection: Record<string, number>;
  readonly missRate: number;
  readonly misalignRate: number;
  readonly medianAbsErrorMs: number;
  readonly meanLatencyMs: number;
  /** Per ground-truth note: true onset, estimated onset and detection time (ms; NaN when missed). */
  readonly pairs: readonly { readonly truthMs: number; readonly scoreMs: number; readonly estimateMs: number; readonly detectionMs: number }[];
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function scorePiece(truth: readonly GroundTruthNote[], reports: readonly NoteReport[]): PieceMetrics {
  // Index reports by (rounded score onset ms, pitch); ±1 ms tolerance as in the ground truth's rounding.
  const byKey = new Map<string, number[]>();
  reports.forEach((r, i) => {
    const key = `${Math.round(r.scoreOnsetSec * 1000)}:${r.pitch}`;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  const used = new Uint8Array(reports.length);
  const pairs: { truthMs: number; scoreMs: number; estimateMs: number; detectionMs: number }[] = [];
  let unmatchedTruth = 0;
  let replayedTruth = 0;
  // Played again only when the audio comes back to it: rows taken in audio order.
  const inAudioOrder = [...truth].sort((a, b) => a.audioMs - b.audioMs);
  for (const t of inAudioOrder) {
    let found = -1;
    let seen = false;
    for (const d of [0, -1, 1]) {
      const list = byKey.get(`${t.scoreMs + d}:${t.pitch}`);
      if (list) seen = true;
      const i = list?.find((j) => !used[j]);
      if (i !== undefined) {
        found = i;
        break;
      }
    }
    if (found < 0 && seen) {
      replayedTruth++;
      continue;
    }
    if (found < 0) {
      unmatchedTruth++;
      pairs.push({ truthMs: t.audioMs, scoreMs: t.scoreMs, estimateMs: NaN, detectionMs: NaN });
      continue;
    }
    used[found] = 1;
    const r = reports[found]!;
    pairs.push({ truthMs: t.audioMs, scoreMs: t.scoreMs, estimateMs: r.estimatedOnsetSec * 1000, detectionMs: r.detectionSec * 1000 });
  }
  const n = pairs.length;
  const share = (pred: (p: (typeof pairs)[number]) => boolean) => (n === 0 ? NaN : pairs.filter(pred).length / n);
  const withinByEstimate: Record<string, number> = {};
  const withinByDetection: Record<string, number> = {};
  for (const ms of THRESHOLDS_MS) {
    withinByEstimate[ms] = share((p) => Math.abs(p.estimateMs - p.truthMs) <= ms);
    withinByDetection[ms] = share((p) => Math.abs(p.detectionMs - p.truthMs) <= ms);
  }
  const detected = pairs.filter((p) => Number.isFinite(p.detectionMs));
  return {
    notes: n,
    skippedScoreNotes: reports.length - used.reduce((a, b) => a + b, 0),
    unmatchedTruth,
    replayedTruth,
    withinByEstimate,
    withinByDetection,
    missRate: share((p) => !Number.isFinite(p.detectionMs)),
    misalignRate: share((p) => Number.isFinite(p.detectionMs) && Math.abs(p.estimateMs - p.truthMs) > MISALIGN_MS),
    medianAbsErrorMs: median(detected.map((p) => Math.abs(p.estimateMs - p.truthMs))),
    meanLatencyMs: detected.length ? detected.reduce((a, p) => a + p.detectionMs - p.estimateMs, 0) / detected.length : NaN,
    pairs,
  };
}
