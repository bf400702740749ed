/** `tutti serve` as a person runs it: a real process, its banner, /healthz, Ctrl-C. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Health } from '../../server/protocol/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run tutti -- serve', () => {
  it('prints the URLs, writes a generated conductor token to a 0600 file (stdout is no terminal), serves /healthz and stops cleanly on SIGINT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tutti-serve-'));
    const env: NodeJS.ProcessEnv = { ...process.env, TUTTI_CONDUCTOR_TOKEN: '' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner within 120 s; output so far:\n${out}`)), 120_000);
        child.stdout.on('data', () => {
          if (out.includes('Press Ctrl-C')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
      });
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(banner)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(banner).toContain(`http://127.0.0.1:${port}/conductor`);
      // stdout is a pipe here, not a terminal: the generated token goes to a 0600 file, never into the output.
      const tokenFile = join(dataDir, 'conductor-token');
      expect(banner).toContain(`Conductor token: written to ${tokenFile} (mode 0600; not printed, stdout is not a terminal)`);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(out).not.toContain(token);
      expect(banner).toContain(`Recordings: ${dataDir}`);

      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
      expect(health.status).toBe('ok');

      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
