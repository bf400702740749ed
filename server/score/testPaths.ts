/** Shared-data paths for the score tests: resolved from the repo root; a missing file fails the test loudly. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(REPO_ROOT, '..', 'shared');

/** Path under ../shared; throws (failing the test) with a clear message when the data is not there. */
export function sharedPath(...parts: string[]): string {
  const path = resolve(SHARED, ...parts);
  if (!existsSync(path)) {
    throw new Error(`required shared test data is missing: ${path} (the score tests read ../shared relative to the repo root)`);
  }
  return path;
}

export function fixturePath(name: string): string {
  return resolve(REPO_ROOT, 'server', 'score', 'fixtures', name);
}
