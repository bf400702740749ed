/**
 * The orchestral evaluation set: excerpts of the CC0 orchestral scores, performed, rendered and noised,
 * in Bach10's layout so `tutti eval --dataset <dir>` reads it like Bach10.
 */
import { readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { fermataBeats, findFermatas, readMusicXmlText } from './fermatas.js';
import { generatePiece, type PieceReport } from './piece.js';
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

export async function generateSet(options: SetOptions): Promise<PieceReport[]> {
  const sources = await listScores(options.scoresDir);
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
