/**
 * Reader for datasets in the Bach10 layout: <dir>/<piece>/<piece>.wav (or another audio format),
 * <piece>.mid, <piece>.txt (ground truth: audio onset ms, score onset ms, MIDI pitch[, part]).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface GroundTruthNote {
  readonly audioMs: number;
  readonly scoreMs: number;
  readonly pitch: number;
}

export interface DatasetPiece {
  readonly name: string;
  readonly audioPath: string;
  readonly scorePath: string;
  readonly truthPath: string;
  /** `<piece>.events.json` (generated event sets; may not exist). */
  readonly eventsPath: string;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

const AUDIO_EXTENSIONS = ['.wav', '.flac', '.ogg', '.mp3'];
const SCORE_EXTENSIONS = ['.mid', '.midi', '.musicxml', '.mxl', '.xml'];

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Lists the pieces (sorted by name); fails naming the directory when it is missing or holds none. */
export async function listPieces(dir: string): Promise<DatasetPiece[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    throw new DatasetError(`dataset not found: looked in ${dir} (expected <dir>/<piece>/<piece>.wav, .mid, .txt)`);
  }
  const pieces: DatasetPiece[] = [];
  for (const name of entries.sort()) {
    const truthPath = join(dir, name, `${name}.txt`);
    if (!(await exists(truthPath))) continue;
    let audioPath = '';
    for (const ext of AUDIO_EXTENSIONS) if (!audioPath && (await exists(join(dir, name, name + ext)))) audioPath = join(dir, name, name + ext);
    let scorePath = '';
    for (const ext of SCORE_EXTENSIONS) if (!scorePath && (await exists(join(dir, name, name + ext)))) scorePath = join(dir, name, name + ext);
    if (!audioPath) throw new DatasetError(`${join(dir, name)}: no audio file ${name}{${AUDIO_EXTENSIONS.join(',')}}`);
    if (!scorePath) throw new DatasetError(`${join(dir, name)}: no score file ${name}{${SCORE_EXTENSIONS.join(',')}}`);
    pieces.push({ name, audioPath, scorePath, truthPath, eventsPath: join(dir, name, `${name}.events.json`) });
  }
  if (pieces.length === 0) throw new DatasetError(`no pieces in ${dir} (expected <dir>/<piece>/<piece>.wav, .mid, .txt)`);
  return pieces;
}

/** Parses a ground-truth file; whitespace-separated integers, 3 or 4 columns, any line ending. */
export function parseGroundTruth(text: string, path: string): GroundTruthNote[] {
  const notes: GroundTruthNote[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const cols = trimmed.split(/\s+/).map(Number);
    if (cols.length < 3 || cols.slice(0, 3).some((v) => !Number.isFinite(v))) {
      throw new DatasetError(`${path}:${i + 1}: expected "<audio ms> <score ms> <MIDI pitch> [part]", got "${trimmed}"`);
    }
    notes.push({ audioMs: cols[0]!, scoreMs: cols[1]!, pitch: cols[2]! });
  });
  return notes;
}

export async function readGroundTruth(path: string): Promise<GroundTruthNote[]> {
  return parseGroundTruth(await readFile(path, 'utf8'), path);
}
