/**
 * `validate`: everything a piece folder promises, checked the way the concert will use it — the manifest, the
 * files it names, the score loading, the main-tune annotations and the cue sheet against the score. Every
 * problem of every piece is collected (file:line: field …), so one run lists all there is to fix.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProgrammeFile } from '../programme/programmeFile.js';
import { ScoreError } from '../score/errors.js';
import { BUNDLED_SCORES_DIR } from './bundled.js';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import type { ResolvedCueSheet } from './cueCheck.js';
import { loadCueSheet } from './cueSheet.js';
import { RepertoireError } from './errors.js';
import { loadMainTunes, type MainTunes } from './hauptstimme.js';
import { loadPieceManifest, PIECE_MANIFEST_FILE, type PieceManifest } from './manifest.js';

export interface PieceCheck {
  readonly dir: string;
  /** One `file:line: field: message` line per problem; empty when the piece is sound. */
  readonly problems: readonly string[];
  /** What was checked, for the "ok" line. */
  readonly summary: string | null;
}

/** Problems of a known kind become lines; anything else is a bug and is rethrown. */
function linesOf(err: unknown): string[] {
  if (err instanceof RepertoireError) return err.message.split('\n');
  if (err instanceof ScoreError) return [err.message];
  throw err;
}

export async function validatePiece(dir: string): Promise<PieceCheck> {
  const problems: string[] = [];
  let manifest: PieceManifest;
  try {
    manifest = await loadPieceManifest(dir);
  } catch (err) {
    return { dir, problems: linesOf(err), summary: null };
  }
  let score: Score;
  try {
    score = await loadScore(manifest.paths.score);
  } catch (err) {
    return { dir, problems: linesOf(err), summary: null };
  }
  let tunes: MainTunes | undefined;
  if (manifest.paths.annotations) {
    try {
      tunes = await loadMainTunes(manifest.paths.annotations, score);
    } catch (err) {
      problems.push(...linesOf(err));
    }
  }
  let sheet: ResolvedCueSheet | undefined;
  if (!manifest.paths.cues) {
    problems.push(`${manifest.manifestPath}: cues: missing — every piece of the repertoire needs a cue sheet (docs/authoring.md)`);
  } else {
    try {
      sheet = await loadCueSheet(manifest.paths.cues, score, { hauptstimmeLabels: tunes?.labels });
    } catch (err) {
      problems.push(...linesOf(err));
    }
  }
  const printed = new Set(score.measures.map((m) => m.printedIndex ?? m.index)).size;
  const passages = sheet?.sections.reduce((n, s) => n + (s.passages?.length ?? 0), 0) ?? 0;
  const summary = [
    `${score.parts.length} parts, ${printed} bars`,
    sheet ? `${sheet.sections.length} sections, ${passages} passages, ${sheet.themes.length} themes, ${Object.keys(sheet.glossary).length} glossary terms` : null,
    tunes ? `${tunes.entries.length} main-tune entries` : null,
    `recording ${manifest.recording.kind}, ${manifest.recording.durationSec} s`,
  ]
    .filter((x) => x !== null)
    .join('; ');
  return { dir, problems, summary };
}

/** A programme file: its shape, and every piece it names (each piece itself is checked by validatePiece). */
export async function validateProgramme(path: string, scoresDir: string): Promise<PieceCheck> {
  try {
    const programme = await loadProgrammeFile(path, scoresDir);
    const pieces = programme.items.filter((i) => i.kind === 'piece').length;
    return { dir: path, problems: [], summary: `programme "${programme.title}": ${programme.items.length} items, ${pieces} pieces` };
  } catch (err) {
    return { dir: path, problems: linesOf(err), summary: null };
  }
}

/**
 * A piece folder (it has piece.yaml) is checked; a `.yaml` file is a programme (its pieces from `scoresDir`); any
 * other folder is a repertoire: each of its folders is a piece.
 */
export async function validatePath(path: string, scoresDir = BUNDLED_SCORES_DIR): Promise<PieceCheck[]> {
  const kind = await stat(path).then(
    (s) => (s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other'),
    () => 'missing',
  );
  if (kind === 'file' && /\.ya?ml$/i.test(path)) return [await validateProgramme(path, scoresDir)];
  if (kind !== 'dir') return [{ dir: path, problems: [`${path}: not a piece folder or a programme file (give scores/<piece-id>, a folder of pieces, or programmes/<name>.yaml)`], summary: null }];
  const hasManifest = await stat(join(path, PIECE_MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
  if (hasManifest) return [await validatePiece(path)];
  const dirs = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (dirs.length === 0) return [{ dir: path, problems: [`${path}: no piece folders in it`], summary: null }];
  const out: PieceCheck[] = [];
  // One at a time: each loads a whole score, and the box running a concert has few cores.
  for (const d of dirs) out.push(await validatePiece(join(path, d)));
  return out;
}
