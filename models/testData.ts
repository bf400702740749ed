/** Locates the shared evaluation data for tests and scripts; fails loudly when it is missing. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** ../shared/eval/bach10 relative to the repository root. */
export function bach10Dir(): string {
  const dir = join(REPO_ROOT, '..', 'shared', 'eval', 'bach10');
  if (!existsSync(dir)) {
    throw new Error(`Bach10 evaluation data not found at ${dir}: these tests need the read-only ../shared/eval/bach10 next to the repository`);
  }
  return dir;
}

export function bach10Piece(name: string): { wav: string; gtF0s: string } {
  const dir = join(bach10Dir(), name);
  return { wav: join(dir, `${name}.wav`), gtF0s: join(dir, `${name}-GTF0s.mat`) };
}
