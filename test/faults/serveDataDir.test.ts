/** `serve` with a recordings directory it cannot use: one line naming it, exit 1, before loading anything. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWritableDataDir } from '../../server/session/dataDir.js';
import { spawnServe } from '../support/serveProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'tutti-datadir-'));
const plainFile = join(dir, 'plain');
writeFileSync(plainFile, 'not a directory');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unusable --data-dir', () => {
  it('is refused by the probe, naming the directory', () => {
    expect(() => ensureWritableDataDir(plainFile)).toThrow(`cannot create the recordings directory ${plainFile}: EEXIST`);
    expect(() => ensureWritableDataDir(join(plainFile, 'sessions'))).toThrow(`cannot create the recordings directory ${join(plainFile, 'sessions')}: ENOTDIR`);
    // An existing directory that takes no file (procfs refuses new files, even to root): the case that used to start and hang.
    expect(() => ensureWritableDataDir('/proc/self')).toThrow('cannot write in the recordings directory /proc/self: ENOENT');
    ensureWritableDataDir(join(dir, 'ok', 'sessions'));
  });

  it.each([
    [plainFile, `cannot create the recordings directory ${plainFile}: EEXIST`],
    [join(plainFile, 'sessions'), `cannot create the recordings directory ${join(plainFile, 'sessions')}: ENOTDIR`],
    ['/proc/self', 'cannot write in the recordings directory /proc/self: ENOENT'],
  ])('serve --data-dir %s prints one line and exits 1', async (dataDir, why) => {
    const serve = spawnServe(['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--autostart']);
    try {
      expect(await serve.exited).toBe(1);
      const lines = serve
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));
      expect(lines).toEqual([`tutti serve: ${why} (choose another with --data-dir or TUTTI_DATA_DIR)`]);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });
});
