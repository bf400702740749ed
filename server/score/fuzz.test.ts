/**
 * Fuzz: truncated and garbled MIDI, MusicXML and MXL bytes (seeded, bounded count). Each one must
 * either load as a valid score or fail with a ScoreError naming the file — never another exception,
 * never a hang (each parse runs in a worker that is killed after a timeout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath, sharedPath } from './testPaths.js';

const CASES_PER_FORMAT = 150;
const PARSE_TIMEOUT_MS = 5_000;
/** The first parse in a fresh child also pays for Node, tsx and module start-up on a loaded CI box. */
const COLD_START_TIMEOUT_MS = 60_000;

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function garble(bytes: Uint8Array, random: () => number): { bytes: Uint8Array; how: string } {
  const at = Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return { bytes: bytes.slice(0, at), how: `truncated at ${at}` };
    case 1: {
      const out = bytes.slice();
      const n = 1 + Math.floor(random() * 8);
      for (let k = 0; k < n; k++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
      return { bytes: out, how: `${n} random bytes from ${at}` };
    }
    case 2: {
      const len = 1 + Math.floor(random() * 64);
      const out = new Uint8Array(bytes.length - Math.min(len, bytes.length - at));
      out.set(bytes.subarray(0, at));
      out.set(bytes.subarray(at + len), at);
      return { bytes: out, how: `deleted ${len} bytes at ${at}` };
    }
    default: {
      const junk = new Uint8Array(1 + Math.floor(random() * 32)).map(() => Math.floor(random() * 256));
      const out = new Uint8Array(bytes.length + junk.length);
      out.set(bytes.subarray(0, at));
      out.set(junk, at);
      out.set(bytes.subarray(at), at + junk.length);
      return { bytes: out, how: `inserted ${junk.length} bytes at ${at}` };
    }
  }
}

interface Reply {
  readonly ok: boolean;
  readonly errorName?: string;
  readonly message?: string;
}

/** One child process parses case after case; a hang kills it (by its own pid) and starts another. */
class FuzzRunner {
  private worker = FuzzRunner.start();
  private warm = false;

  private static start(): ChildProcess {
    return fork(fileURLToPath(new URL('./fuzzWorker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'ignore' });
  }

  parse(bytes: Uint8Array, source: string): Promise<Reply | 'timeout'> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.worker.removeAllListeners();
        this.worker.kill('SIGKILL');
        this.worker = FuzzRunner.start();
        this.warm = false;
        resolvePromise('timeout');
      }, this.warm ? PARSE_TIMEOUT_MS : COLD_START_TIMEOUT_MS);
      this.worker.once('message', (reply: Reply) => {
        clearTimeout(timer);
        this.worker.removeAllListeners('error');
        this.worker.removeAllListeners('exit');
        this.warm = true;
        resolvePromise(reply);
      });
      this.worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      this.worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`fuzz worker exited (code ${code}) while parsing ${source}: a crash`));
      });
      this.worker.send({ bytes, source });
    });
  }

  close(): void {
    this.worker.removeAllListeners();
    this.worker.kill();
  }
}

describe('fuzz: garbled score files', () => {
  const runner = new FuzzRunner();
  afterAll(() => runner.close());

  const xml = readFileSync(fixturePath('repeats-endings.musicxml'));
  const inputs: [string, Uint8Array][] = [
    ['mid', new Uint8Array(readFileSync(join(sharedPath('eval', 'bach10', '01-AchGottundHerr'), '01-AchGottundHerr.mid')))],
    ['musicxml', new Uint8Array(xml)],
    ['mxl', zipSync({ 'META-INF/container.xml': strToU8('<container><rootfiles><rootfile full-path="score.xml"/></rootfiles></container>'), 'score.xml': new Uint8Array(xml) })],
  ];

  it('loads the ungarbled inputs', async () => {
    for (const [ext, bytes] of inputs) expect(await runner.parse(bytes, `original.${ext}`)).toMatchObject({ ok: true });
  });

  it.each(inputs.map(([ext, bytes], k) => [ext, bytes, k] as const))('every garbled .%s loads or fails with a ScoreError naming the file', async (ext, bytes, k) => {
    const random = rng(20261126 + k);
    let errors = 0;
    for (let i = 0; i < CASES_PER_FORMAT; i++) {
      const { bytes: garbled, how } = garble(bytes, random);
      const source = `fuzz-${i}.${ext}`;
      const reply = await runner.parse(garbled, source);
      expect(reply, `${source} (${how}) hung`).not.toBe('timeout');
      if (reply === 'timeout') continue;
      // Cutting a file short must never pass unnoticed.
      if (how.startsWith('truncated')) expect(reply.ok, `${source} (${how}) loaded although truncated`).toBe(false);
      if (reply.ok) continue;
      errors++;
      expect(reply.errorName, `${source} (${how}): ${reply.message}`).toBe('ScoreError');
      expect(reply.message!.startsWith(`${source}`)).toBe(true);
    }
    expect(errors).toBeGreaterThan(CASES_PER_FORMAT / 4);
  });
});
