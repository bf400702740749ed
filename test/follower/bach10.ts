/** Where the follower tests find Bach10: ../shared/eval/bach10 relative to the repo root; missing data fails loudly. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../models/testData.js';

export const BACH10 = resolve(REPO_ROOT, '..', 'shared', 'eval', 'bach10');

export function bach10Piece(name: string): { dir: string; audio: string; score: string; truth: string } {
  const dir = resolve(BACH10, name);
  const files = { dir, audio: resolve(dir, `${name}.wav`), score: resolve(dir, `${name}.mid`), truth: resolve(dir, `${name}.txt`) };
  for (const path of [files.audio, files.score, files.truth]) {
    if (!existsSync(path)) throw new Error(`Bach10 test data missing: ${path} (the follower tests read ../shared/eval/bach10 relative to the repo root)`);
  }
  return files;
}
