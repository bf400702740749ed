import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where recordings go unless --data-dir or TUTTI_DATA_DIR says otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TUTTI_DATA_DIR || join(tmpdir(), 'tutti', 'sessions');
}
