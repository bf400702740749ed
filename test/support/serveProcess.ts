/** `tutti serve` as a real child process: its output, its port once it prints the banner, its exit code. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** stdout and stderr together, so far. */
  output(): string;
  readonly exited: Promise<number | null>;
  /** Resolves with the port once the banner is printed; rejects if the process exits first or after timeoutMs. */
  listening(timeoutMs?: number): Promise<number>;
}

export function spawnServe(args: readonly string[], env: NodeJS.ProcessEnv = {}): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = (timeoutMs = 120_000) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve printed no banner within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
      const check = () => {
        const port = /listening on [^\s]+:(\d+)/.exec(out)?.[1];
        if (port === undefined || !out.includes('Press Ctrl-C')) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(Number(port));
      };
      child.stdout.on('data', check);
      check();
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${code} before listening:\n${out}`));
      });
    });
  return { child, output: () => out, exited, listening };
}
