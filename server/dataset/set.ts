/**
 * The orchestral evaluation set: excerpts of the CC0 orchestral scores, performed, rendered and noised,
 * in Bach10's layout so `tutti eval --dataset <dir>` reads it like Bach10.
 */
import { readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { fermataBeats, findFermatas, readMusicXmlText } from './fermatas.js';
import { generateEventPiece, type EventPieceReport } from './eventPiece.js';
import type { Split } from './eventsFile.js';
import { LEAD_IN_KINDS, type LeadInKind } from './leadIn.js';
import { generatePiece, type PieceReport } from './piece.js';
import { EVENT_KINDS, type EventKind } from './program.js';
import { DEFAULT_SOUNDFONT } from './render.js';
import { createRng } from './rng.js';
import { DEFAULT_SCORES_DIR } from './scoresDir.js';
import { sourceDoc, SOURCE_MARKER } from './sourceDoc.js';

export interface SetOptions {
  readonly outDir: string;
  readonly seed: number;
  readonly pieces: number;
  readonly seconds: number;
  readonly scoresDir: string;
  readonly soundfont: string;
  /**
   * Event set: performances that leave the page (mid-movement starts, repeats taken and skipped, restarts,
   * recapitulation starts) after a lead-in (silence, noise, applause, tuning), followed in the whole movement.
   */
  readonly events?: boolean;
  /** Progress lines (one per piece). */
  readonly log?: (line: string) => void;
}

export const defaultSetOptions = (outDir: string): SetOptions => ({
  outDir,
  seed: 1,
  pieces: 8,
  seconds: 35,
  scoresDir: DEFAULT_SCORES_DIR,
  soundfont: DEFAULT_SOUNDFONT,
});

export interface ScoreSource {
  /** Folder name, e.g. "beethoven-symphony5-mvt1". */
  readonly name: string;
  readonly path: string;
}

/** Every `<scoresDir>/<folder>/*.mxl` (one score per folder), sorted by folder name. */
export async function listScores(scoresDir: string): Promise<ScoreSource[]> {
  let folders: string[];
  try {
    folders = (await readdir(scoresDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    throw new Error(`scores folder not found: ${scoresDir} (expected one folder per .mxl score, like ../shared/scores-src)`);
  }
  const out: ScoreSource[] = [];
  for (const folder of folders) {
    const files = (await readdir(join(scoresDir, folder))).filter((f) => /\.(mxl|musicxml)$/i.test(f)).sort();
    if (files.length > 0) out.push({ name: folder, path: join(scoresDir, folder, files[0]) });
  }
  if (out.length === 0) throw new Error(`no .mxl/.musicxml scores in ${scoresDir}/*/`);
  return out;
}

/** Which pieces start at the movement's first bar: a quarter of them (rounded down), chosen by the seed. */
export function piecesFromStart(pieces: number, seed: number): ReadonlySet<number> {
  const rng = createRng(seed).fork('from-start');
  const order = Array.from({ length: pieces }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return new Set(order.slice(0, Math.floor(pieces / 4)));
}

/** Piece folder name: Bach10-style number plus the score's folder, e.g. "03-beethoven-symphony5-mvt1". */
export const pieceId = (index: number, source: ScoreSource): string => `${String(index + 1).padStart(2, '0')}-${source.name}`;

/**
 * Refuses to write into a non-empty folder that is not an earlier orchestral set; clears an earlier set's
 * piece folders so no stale piece is evaluated.
 */
async function prepareOutDir(outDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch {
    await mkdir(outDir, { recursive: true });
    return;
  }
  if (entries.length === 0) return;
  const doc = await readFile(join(outDir, 'SOURCE.md'), 'utf8').catch(() => '');
  if (!doc.startsWith(SOURCE_MARKER)) {
    throw new Error(`${outDir} is not empty and holds no orchestral set (no SOURCE.md made by this generator); choose another --out`);
  }
  for (const name of entries) {
    const path = join(outDir, name);
    if ((await stat(path)).isDirectory() && /^\d\d+-/.test(name)) await rm(path, { recursive: true, force: true });
  }
}

/**
 * Which event, lead-in and half of the split piece i gets. Rounds of one piece per score alternate between
 * the halves (round 0 tunes, round 1 tests, …), so every score is in both halves with different events;
 * kinds and lead-ins rotate so that each round covers them all.
 */
export function eventPlan(index: number, scores: number): { kind: EventKind; leadIn: LeadInKind; split: Split } {
  const round = Math.floor(index / scores);
  return {
    kind: EVENT_KINDS[(index + 3 * round) % EVENT_KINDS.length]!,
    leadIn: LEAD_IN_KINDS[(index + round) % LEAD_IN_KINDS.length]!,
    split: round % 2 === 0 ? 'tune' : 'test',
  };
}

export async function generateSet(options: SetOptions): Promise<PieceReport[]> {
  const sources = await listScores(options.scoresDir);
  if (options.events) return generateEventSet(options, sources);
  await prepareOutDir(options.outDir);
  const fromStart = piecesFromStart(options.pieces, options.seed);
  const root = createRng(options.seed);
  const loaded = new Map<string, { score: Score; fermatas: number[] }>();
  const reports: PieceReport[] = [];
  for (let i = 0; i < options.pieces; i++) {
    const source = sources[i % sources.length];
    let entry = loaded.get(source.path);
    if (!entry) {
      const score = await loadScore(source.path);
      entry = { score, fermatas: fermataBeats(score, findFermatas(await readMusicXmlText(source.path))) };
      // Keep only what later pieces will reuse (big scores take memory).
      if (options.pieces > sources.length) loaded.set(source.path, entry);
    }
    const id = pieceId(i, source);
    const spec = { id, fromStart: fromStart.has(i), seconds: options.seconds, soundfont: options.soundfont };
    const report = await generatePiece(entry.score, entry.fermatas, spec, options.outDir, root.fork(`piece:${i}:${source.name}`));
    reports.push(report);
    options.log?.(
      `${id}: ${report.span}${report.fromStart ? ' (from the start)' : ''}, ` +
        `${report.parts} parts, ${report.notes} notes, ${report.audioSec.toFixed(1)} s audio, ` +
        `${report.holds.length} holds, SNR ${report.snrDb.toFixed(1)} dB`,
    );
  }
  await writeFile(join(options.outDir, 'SOURCE.md'), sourceDoc(options, reports));
  return reports;
}

async function generateEventSet(options: SetOptions, sources: readonly ScoreSource[]): Promise<EventPieceReport[]> {
  await prepareOutDir(options.outDir);
  const root = createRng(options.seed);
  const reports: EventPieceReport[] = [];
  let cached: { path: string; score: Score; fermatas: number[] } | undefined;
  for (let i = 0; i < options.pieces; i++) {
    const source = sources[i % sources.length]!;
    if (cached?.path !== source.path) {
      const score = await loadScore(source.path);
      cached = { path: source.path, score, fermatas: fermataBeats(score, findFermatas(await readMusicXmlText(source.path))) };
    }
    const planned = eventPlan(i, sources.length);
    const id = pieceId(i, source);
    // A score without a repeat cannot skip one: the next kind that it can have.
    let report: EventPieceReport | null = null;
    for (let k = 0; k < EVENT_KINDS.length && !report; k++) {
      const kind = EVENT_KINDS[(EVENT_KINDS.indexOf(planned.kind) + k) % EVENT_KINDS.length]!;
      const spec = { id, kind, leadIn: planned.leadIn, split: planned.split, seconds: options.seconds, soundfont: options.soundfont, scorePath: source.path };
      report = await generateEventPiece(cached.score, cached.fermatas, spec, options.outDir, root.fork(`event:${i}:${source.name}`));
    }
    if (!report) throw new Error(`${source.path}: no event could be planned`);
    reports.push(report);
    options.log?.(`${id}: ${report.kind} after ${report.leadIn} (${report.split}), ${report.span}, ${report.parts} parts, ${report.notes} notes, ${report.audioSec.toFixed(1)} s audio`);
  }
  await writeFile(join(options.outDir, 'SOURCE.md'), sourceDoc(options, reports));
  return reports;
}
