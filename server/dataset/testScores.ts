/** Paths of the shared data the dataset tests read (never copied into the repo); fails loudly when missing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCORES_DIR } from './scoresDir.js';

export function sharedScore(folder: string, file: string): string {
  const path = join(DEFAULT_SCORES_DIR, folder, file);
  if (!existsSync(path)) {
    throw new Error(`shared score missing: ${path} (the tests read ../shared/scores-src next to the repository)`);
  }
  return path;
}
