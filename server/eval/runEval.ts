/**
 * Runs the follower causally on every piece of a dataset in the Bach10 layout and scores it with
 * the MIREX metrics; piecewise means weigh every piece the same.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeAudioFile } from '../audio/decode.js';
import { DEFAULT_COMPUTE_BUDGET_SEC, DEFAULT_FOLLOWER_CONFIG, type FollowerConfig } from '../follower/config.js';
import { followAudio } from '../follower/followFile.js';
import { loadPitchModel } from '../pitch/model.js';
import { loadScore } from '../score/load.js';
import { readEvents, SPLITS, type Split } from '../dataset/eventsFile.js';
import { DatasetError, listPieces, readGroundTruth } from './dataset.js';
import { mergeReliability, pieceHonesty, truthTrack, type PieceHonesty, type ReliabilityBin } from './honesty.js';
import { scorePiece, THRESHOLDS_MS, type PieceMetrics } from './metrics.js';
import { alignmentSvg } from './plot.js';

export interface PieceResult extends Omit<PieceMetrics, 'pairs'> {
  readonly piece: string;
  readonly audioSec: number;
  /** Compute seconds per audio second of the whole pipeline (salience + alignment). */
  readonly realTimeFactor: number;
  /** Per-update processing time percentiles, ms. */
  readonly updateMs: { readonly p50: number; readonly p95: number; readonly max: number };
  /** The follower's state against the bar being played (honesty.ts). */
  readonly honesty: PieceHonesty;
  /** From `<piece>.events.json` when the set has one. */
  readonly event?: { readonly kind: string; readonly leadIn: string; readonly split: Split };
}

export interface HonestySummary {
  readonly wrongFollowingShare: number;
  readonly worstPieceWrongFollowingShare: number;
  readonly stateChangesPerMin: number;
  readonly timeToLockSec: number;
  readonly locked: number;
  readonly relocSec: number;
  readonly relocations: number;
  readonly relocNever: number;
  readonly shownBeforeMusicSec: number;
  readonly reliability: readonly ReliabilityBin[];
}

export interface EvalSummary {
  readonly dataset: string;
  readonly pieces: readonly PieceResult[];
  /** Piecewise means of every numeric metric. */
  readonly mean: Omit<PieceResult, 'piece' | 'updateMs' | 'honesty' | 'event'>;
  /** Over all music time of all pieces (time-weighted), and the reliability table. */
  readonly honesty: HonestySummary;
  readonly skippedScoreNotes: number;
  readonly config: FollowerConfig;
  readonly computeDelay: string;
}

export interface EvalOptions {
  readonly reportDir?: string;
  readonly config?: FollowerConfig;
  readonly computeDelay?: number | 'measured';
  /** Only the pieces whose names are listed (default: all). */
  readonly pieces?: readonly string[];
  /** Only the pieces of this half of an event set's split. */
  readonly split?: Split;
  readonly onProgress?: (done: number, total: number, piece: string) => void;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function describeDelay(delay: number | 'measured'): string {
  return delay === 'measured' ? 'measured per update, with live queueing' : `fixed budget of ${Math.round(delay * 1000)} ms per update`;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function runEval(datasetDir: string, options: EvalOptions = {}): Promise<EvalSummary> {
  let pieces = await listPieces(datasetDir);
  if (options.pieces) pieces = pieces.filter((p) => options.pieces!.includes(p.name));
  const eventsOf = new Map(await Promise.all(pieces.map(async (p) => [p.name, await readEvents(p.eventsPath)] as const)));
  if (options.split) {
    if (![...eventsOf.values()].some((e) => e)) throw new DatasetError(`${datasetDir}: --split needs an event set (no <piece>.events.json; make one with make-orchestral-set --events)`);
    pieces = pieces.filter((p) => eventsOf.get(p.name)?.split === options.split);
    if (pieces.length === 0) throw new DatasetError(`${datasetDir}: no piece in the "${options.split}" half`);
  }
  if (options.reportDir) await mkdir(options.reportDir, { recursive: true });
  const config = options.config ?? DEFAULT_FOLLOWER_CONFIG;
  const model = await loadPitchModel();
  const results: PieceResult[] = [];
  try {
    for (const [i, piece] of pieces.entries()) {
      options.onProgress?.(i, pieces.length, piece.name);
      const score = await loadScore(piece.scorePath);
      const audio = await decodeAudioFile(piece.audioPath);
      const truth = await readGroundTruth(piece.truthPath);
      const run = await followAudio(score, audio, { config, model, computeDelay: options.computeDelay });
      const { pairs, ...metrics } = scorePiece(truth, run.reports);
      const times = [...run.computeTimes].sort((a, b) => a - b);
      const events = eventsOf.get(piece.name) ?? null;
      results.push({
        honesty: pieceHonesty(score, run.positions, truthTrack(truth, events)),
        ...(events ? { event: { kind: events.kind, leadIn: events.leadIn.kind, split: events.split } } : {}),
        piece: piece.name,
        ...metrics,
        audioSec: run.audioSec,
        realTimeFactor: times.reduce((a, b) => a + b, 0) / run.audioSec,
        updateMs: { p50: percentile(times, 0.5) * 1000, p95: percentile(times, 0.95) * 1000, max: (times[times.length - 1] ?? NaN) * 1000 },
      });
      if (options.reportDir) {
        await writeFile(join(options.reportDir, `${piece.name}.svg`), alignmentSvg(piece.name, { pairs, ...metrics }, run.positions));
      }
    }
    options.onProgress?.(pieces.length, pieces.length, 'done');
  } finally {
    await model.release();
  }
  const within = (key: 'withinByEstimate' | 'withinByDetection') =>
    Object.fromEntries(THRESHOLDS_MS.map((ms) => [ms, mean(results.map((r) => r[key][ms]!))]));
  const summary: EvalSummary = {
    dataset: datasetDir,
    pieces: results,
    mean: {
      notes: mean(results.map((r) => r.notes)),
      skippedScoreNotes: mean(results.map((r) => r.skippedScoreNotes)),
      unmatchedTruth: mean(results.map((r) => r.unmatchedTruth)),
      withinByEstimate: within('withinByEstimate'),
      withinByDetection: within('withinByDetection'),
      missRate: mean(results.map((r) => r.missRate)),
      misalignRate: mean(results.map((r) => r.misalignRate)),
      medianAbsErrorMs: mean(results.map((r) => r.medianAbsErrorMs)),
      meanLatencyMs: mean(results.map((r) => r.meanLatencyMs)),
      audioSec: mean(results.map((r) => r.audioSec)),
      realTimeFactor: mean(results.map((r) => r.realTimeFactor)),
    },
    honesty: summarizeHonesty(results.map((r) => r.honesty)),
    skippedScoreNotes: results.reduce((a, r) => a + r.skippedScoreNotes, 0),
    config,
    computeDelay: describeDelay(options.computeDelay ?? DEFAULT_COMPUTE_BUDGET_SEC),
  };
  if (options.reportDir) await writeFile(join(options.reportDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

function summarizeHonesty(all: readonly PieceHonesty[]): HonestySummary {
  const music = all.reduce((a, h) => a + h.musicSec, 0);
  const weighted = (f: (h: PieceHonesty) => number) => all.reduce((a, h) => a + (Number.isFinite(f(h)) ? f(h) * h.musicSec : 0), 0) / music;
  const locks = all.map((h) => h.timeToLockSec).filter(Number.isFinite);
  const relocs = all.flatMap((h) => h.relocSec);
  const found = relocs.filter(Number.isFinite);
  return {
    wrongFollowingShare: weighted((h) => h.wrongFollowingShare),
    worstPieceWrongFollowingShare: Math.max(0, ...all.map((h) => h.wrongFollowingShare).filter(Number.isFinite)),
    stateChangesPerMin: weighted((h) => h.stateChangesPerMin),
    timeToLockSec: locks.length ? mean(locks) : NaN,
    locked: locks.length,
    relocSec: found.length ? mean(found) : NaN,
    relocations: relocs.length,
    relocNever: relocs.length - found.length,
    shownBeforeMusicSec: all.reduce((a, h) => a + h.shownBeforeMusicSec, 0),
    reliability: mergeReliability(all.map((h) => h.reliability)),
  };
}

const pct = (v: number) => (Number.isFinite(v) ? (v * 100).toFixed(1) : '-');
const num = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : '-');

/** The human-readable table: one row per piece, then the piecewise mean. */
export function formatTable(summary: EvalSummary): string {
  const head = ['piece', 'notes', ...THRESHOLDS_MS.map((m) => `est≤${m}`), ...THRESHOLDS_MS.map((m) => `det≤${m}`), 'miss%', 'misal%', 'med|err|ms', 'latency ms', 'RTF'];
  const row = (name: string, r: Omit<PieceResult, 'piece' | 'updateMs' | 'honesty' | 'event'>) => [
    name,
    num(r.notes),
    ...THRESHOLDS_MS.map((m) => pct(r.withinByEstimate[m]!)),
    ...THRESHOLDS_MS.map((m) => pct(r.withinByDetection[m]!)),
    pct(r.missRate),
    pct(r.misalignRate),
    num(r.medianAbsErrorMs, 1),
    num(r.meanLatencyMs, 1),
    num(r.realTimeFactor, 3),
  ];
  const rows = [head, ...summary.pieces.map((p) => row(p.piece, p)), row('MEAN (piecewise)', summary.mean)];
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

const sec = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'never');

/** The state table: per piece, what the audience would have seen (honesty.ts), then the totals. */
export function formatHonestyTable(summary: EvalSummary): string {
  const head = ['piece', 'event', 'split', 'music s', 'wrong-follow%', 'following%', 'changes/min', 'lock s', 'reloc s', 'before-music s', 'waiting-in-music%'];
  const rows = summary.pieces.map((p) => [
    p.piece,
    p.event ? `${p.event.kind}/${p.event.leadIn}` : '-',
    p.event?.split ?? '-',
    num(p.honesty.musicSec, 1),
    pct(p.honesty.wrongFollowingShare),
    pct(p.honesty.followingShare),
    num(p.honesty.stateChangesPerMin, 1),
    sec(p.honesty.timeToLockSec),
    p.honesty.relocSec.length ? p.honesty.relocSec.map(sec).join(',') : '-',
    num(p.honesty.shownBeforeMusicSec, 1),
    pct(p.honesty.waitingInMusicShare),
  ]);
  const totalRow = (label: string, h: HonestySummary, pieces: readonly PieceResult[]) => [
    label,
    '',
    '',
    num(pieces.reduce((a, p) => a + p.honesty.musicSec, 0), 1),
    pct(h.wrongFollowingShare),
    '',
    num(h.stateChangesPerMin, 1),
    `${sec(h.timeToLockSec)} (${h.locked}/${pieces.length})`,
    h.relocations ? `${sec(h.relocSec)} (${h.relocations - h.relocNever}/${h.relocations})` : '-',
    num(h.shownBeforeMusicSec, 1),
    '',
  ];
  const h = summary.honesty;
  // Both halves of a split set, each on its own line: a figure tuned on is not a result.
  const halves = SPLITS.flatMap((split) => {
    const pieces = summary.pieces.filter((p) => p.event?.split === split);
    return pieces.length > 0 && pieces.length < summary.pieces.length ? [totalRow(`ALL ${split} half`, summarizeHonesty(pieces.map((p) => p.honesty)), pieces)] : [];
  });
  const totals = [...halves, totalRow('ALL (time-weighted)', h, summary.pieces)];
  const all = [head, ...rows, ...totals];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const lines = all.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - totals.length, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push(`worst piece: ${pct(h.worstPieceWrongFollowingShare)} % of its music time shown following at a wrong bar`);
  return lines.join('\n');
}
