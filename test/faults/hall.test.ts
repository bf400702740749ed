/**
 * Hostile clients during a live session: a flood, a token-guessing loop, a listing storm, and 50
 * audience + 20 replay sockets that stop reading. Each runs in its own process (test/faults/attacker.ts)
 * while five phones count their position ticks; the phones must keep ≥ 90 % of the tick rate they had
 * just before, and the server's memory must come back within 100 MB once the attacker is gone.
 * Ratios within one run, over windows of several seconds, so a busy machine slows both alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../server/protocol/index.js';
import { pacedSource } from '../support/pacedSource.js';
import { audienceClient, closeAllClients, connected, type AudienceClient } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const WINDOW_MS = 4000;
const PHONES = 5;

let server: TestServer;
const log: string[] = [];
let phones: { socket: AudienceClient; ticks: number }[] = [];
const bigRecording = 'big-recording';

/** A 20-minute recording (24,000 position lines, ~6 MB) for the replay sockets to stream at 1000×. */
function writeBigRecording(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const lines = [JSON.stringify({ type: 'header', format: 'tutti-session', formatVersion: 2, protocolVersion: PROTOCOL_VERSION, sessionId: bigRecording, title: 'Big', startedAtMs: 1, piece: null })];
  for (let i = 0; i < 24_000; i++) {
    const sec = i / 20;
    lines.push(JSON.stringify({ offsetMs: i * 50, event: { type: 'position', tick: { sessionId: bigRecording, position: { reportSec: sec, scoreSec: sec, scoreBeat: sec * 2, measure: String(1 + Math.floor(sec / 2)), beatInMeasure: 1, tempoBpm: 120, confidence: 0.9, state: 'following' } } } }));
  }
  writeFileSync(join(dataDir, `${bigRecording}.jsonl`), lines.join('\n') + '\n');
}

function attacker(kind: string, extra?: string): { child: ChildProcess; result: Promise<Record<string, unknown>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/attacker.ts', kind, server.url, ...(extra ? [extra] : [])], {
    cwd: repoRoot,
    env: { ...process.env, REPLAY_ID: bigRecording },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.on('exit', (code) => reject(new Error(`attacker ${kind} exited with ${code} before reporting`)));
  });
  return { child, result };
}

function stopAttacker(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Ticks per second per phone over the next `ms`. */
async function tickRates(ms = WINDOW_MS): Promise<number[]> {
  const before = phones.map((p) => p.ticks);
  await new Promise((r) => setTimeout(r, ms));
  return phones.map((p, i) => ((p.ticks - before[i]!) * 1000) / ms);
}

async function memoryBackWithin(limitBytes: number, baseline: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let rss = process.memoryUsage().rss;
  while (rss - baseline > limitBytes && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    rss = process.memoryUsage().rss;
  }
  return rss - baseline;
}

/** Runs `attack` while measuring; returns the phones' rates before and during. */
async function underAttack(kind: string, extra?: string): Promise<{ before: number[]; during: number[]; result: Record<string, unknown>; memoryDelta: number }> {
  const before = await tickRates();
  const rssBefore = process.memoryUsage().rss;
  const { child, result } = attacker(kind, extra);
  try {
    // The window opens once the attacker is running (its start-up is not the attack).
    const report = await result;
    const during = await tickRates();
    await stopAttacker(child);
    const memoryDelta = await memoryBackWithin(100 * 1024 * 1024, rssBefore);
    return { before, during, result: report, memoryDelta };
  } finally {
    await stopAttacker(child);
  }
}

function expectPhonesKeptUp(before: number[], during: number[]): void {
  const normal = before.reduce((a, b) => a + b, 0) / before.length;
  console.log(`ticks/s per phone: before ${before.join(' ')}; during ${during.join(' ')}`);
  expect(normal).toBeGreaterThan(5); // the measurement means something: ~20/s on an idle machine
  for (const rate of during) expect(rate / normal).toBeGreaterThanOrEqual(0.9);
}

beforeAll(async () => {
  server = await startTestServer({ positionSource: pacedSource(), log: (l) => log.push(l) });
  writeBigRecording(server.dataDir);
  await server.session.start('Under attack');
  phones = Array.from({ length: PHONES }, () => ({ socket: audienceClient(server.url), ticks: 0 }));
  for (const p of phones) p.socket.on('position', () => p.ticks++);
  await Promise.all(phones.map((p) => connected(p.socket)));
});

afterAll(async () => {
  closeAllClients();
  await server.dispose();
});

describe('the concert under attack', () => {
  it('a flooding socket is disconnected and logged once; the phones keep their pace', async () => {
    const { before, during, result, memoryDelta } = await underAttack('flood');
    expect(result.disconnected).toBe(true);
    expect(log.filter((l) => l.startsWith('/audience: disconnected'))).toHaveLength(1);
    expectPhonesKeptUp(before, during);
    expect(memoryDelta).toBeLessThan(100 * 1024 * 1024);
  });

  it('a token-guessing loop is held off after a few tries, logged in aggregate; the phones keep their pace', async () => {
    const linesBefore = log.length;
    const { before, during, result, memoryDelta } = await underAttack('guess', '300');
    const reasons = result.reasons as Record<string, number>;
    expect(reasons.ACCEPTED).toBeUndefined();
    expect(reasons['unauthorized: wrong or missing conductor token']).toBeLessThanOrEqual(10);
    expect(reasons['too many wrong tokens from your address: try again in N s']).toBeGreaterThanOrEqual(290);
    expect(log.length - linesBefore).toBeLessThanOrEqual(2); // no line per guess
    expectPhonesKeptUp(before, during);
    expect(memoryDelta).toBeLessThan(100 * 1024 * 1024);
  });

  it('a storm of 200 listings is answered from the index; the phones keep their pace', async () => {
    const { before, during, result, memoryDelta } = await underAttack('listStorm');
    expect(result.answered).toBe(200);
    expectPhonesKeptUp(before, during);
    expect(memoryDelta).toBeLessThan(100 * 1024 * 1024);
  });

  it('50 audience and 20 replay sockets that stop reading do not hold the others back', async () => {
    const { before, during, result, memoryDelta } = await underAttack('stall', '50,20');
    expect(result.open).toBe(70);
    expectPhonesKeptUp(before, during);
    expect(memoryDelta).toBeLessThan(100 * 1024 * 1024);
  });
});
