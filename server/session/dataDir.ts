import { closeSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingError } from './errors.js';

/** Where recordings go unless --data-dir or TUTTI_DATA_DIR says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TUTTI_DATA_DIR || join(tmpdir(), 'tutti', 'sessions');
}

/**
 * Creates the recordings directory and proves it takes a file, by creating and removing one.
 * An existing directory the server may not write to would otherwise only show at the first
 * start, as a concert with no recording.
 */
export function ensureWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new RecordingError(`cannot create the recordings directory ${dataDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const probe = join(dataDir, `.tutti-write-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (err) {
    throw new RecordingError(`cannot write in the recordings directory ${dataDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
