/**
 * The harmony evaluation set (../shared/eval/harmony): one folder per piece with a score, the main
 * analysis (`analysis.txt`) and, for some pieces, a second analyst's reading.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type PieceGroup = 'chorales' | 'longer';

export interface HarmonyPiece {
  readonly folder: string;
  readonly group: PieceGroup;
  readonly scorePath: string;
  readonly analysisPath: string;
  /** Second human analysis (BCMH for chorales, Tymoczko's for the Mozart sonatas), when present. */
  readonly secondAnalysisPath?: string;
}

/** The repository root, so the default dataset path does not depend on the working directory. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_HARMONY_DATASET = resolve(REPO_ROOT, '../shared/eval/harmony');

export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

const SCORE_FILE = /\.(mxl|musicxml|xml)$/i;
// B034.musicxml numbers its bars like the analysis; bwv274.mxl would need a bar map.
const PREFERRED_SCORES = ['B034.musicxml', 'score.mxl'];
const SECOND_ANALYSES = ['analysis_BCMH.txt', 'analysis_DT.txt'];

/** Lists the pieces; throws DatasetError saying where it looked when the dataset is missing or empty. */
export function listHarmonyPieces(dataset: string): HarmonyPiece[] {
  const root = resolve(dataset);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new DatasetError(`harmony dataset not found: looked in ${root} (expected folders with analysis.txt and a MusicXML score; see ../shared/eval/harmony/SOURCE.md)`);
  }
  const pieces: HarmonyPiece[] = [];
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir);
    if (!files.includes('analysis.txt')) continue;
    const scores = files.filter((f) => SCORE_FILE.test(f));
    const score = PREFERRED_SCORES.find((f) => scores.includes(f)) ?? scores.sort()[0];
    if (!score) throw new DatasetError(`${dir}: has analysis.txt but no MusicXML score`);
    const second = SECOND_ANALYSES.find((f) => files.includes(f));
    pieces.push({
      folder,
      group: groupOf(root, folder),
      scorePath: join(dir, score),
      analysisPath: join(dir, 'analysis.txt'),
      ...(second ? { secondAnalysisPath: join(dir, second) } : {}),
    });
  }
  if (pieces.length === 0) throw new DatasetError(`harmony dataset is empty: no piece folders with analysis.txt in ${root}`);
  return pieces;
}

function groupOf(root: string, folder: string): PieceGroup {
  const indexPath = join(root, 'index.json');
  if (existsSync(indexPath)) {
    const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { items?: { folder: string; group?: string }[] };
    const item = index.items?.find((i) => i.folder === folder);
    if (item?.group) return item.group === 'long' ? 'longer' : 'chorales';
  }
  return folder.includes('Chorales') ? 'chorales' : 'longer';
}
