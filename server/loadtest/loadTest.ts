/**
 * `tutti loadtest`: phones simulated by socket.io clients against a Tutti server on this machine.
 * The clients are split over worker threads so one event loop's parsing does not cap the figure
 * (on a 2-core box the agents still share the server's cores: the report says how many ran).
 */
import { Worker } from 'node:worker_threads';
import { runLoadAgent, type AgentConfig, type AgentResult } from './agent.js';
import { LatencyHistogram, type LatencySummary } from './latencyHistogram.js';
import { loopbackTarget } from './target.js';

export const MAX_CLIENTS = 20_000;
export const MAX_DURATION_SEC = 600;

/** An agent's settings for the whole run, plus how many worker threads share the clients. */
export interface LoadTestOptions extends Pick<AgentConfig, 'url' | 'clients' | 'durationSec' | 'rampPerSec'>, Partial<Pick<AgentConfig, 'connectTimeoutMs'>> {
  /** Worker threads; 0 runs the clients on this thread (tests). */
  readonly workers: number;
}

export interface LoadTestReport {
  readonly url: string;
  readonly clients: number;
  readonly workers: number;
  readonly durationSec: number;
  readonly connected: number;
  readonly failed: number;
  readonly errors: Record<string, number>;
  readonly disconnected: number;
  readonly ticksReceived: number;
  readonly ticksMissed: number;
  readonly ticksOutOfOrder: number;
  readonly ticksUnnumbered: number;
  readonly minTicksPerSec: number;
  readonly meanTicksPerSec: number;
  readonly clockOffsetMs: number | null;
  readonly latency: LatencySummary;
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestReport> {
  const url = loopbackTarget(options.url).origin;
  if (!Number.isInteger(options.clients) || options.clients < 1 || options.clients > MAX_CLIENTS) throw new RangeError(`clients must be an integer from 1 to ${MAX_CLIENTS}`);
  if (!(options.durationSec > 0 && options.durationSec <= MAX_DURATION_SEC)) throw new RangeError(`duration must be more than 0 and at most ${MAX_DURATION_SEC} s`);
  const agents = Math.max(1, Math.min(options.workers, options.clients));
  const configs: AgentConfig[] = Array.from({ length: agents }, (_, i) => ({
    url,
    clients: Math.floor(options.clients / agents) + (i < options.clients % agents ? 1 : 0),
    durationSec: options.durationSec,
    rampPerSec: Math.max(1, options.rampPerSec / agents),
    connectTimeoutMs: options.connectTimeoutMs ?? 20_000,
  }));
  const results = await Promise.all(configs.map((config) => (options.workers === 0 ? runLoadAgent(config) : inWorker(config))));
  return combine(url, options, options.workers === 0 ? 0 : agents, results);
}

function inWorker(config: AgentConfig): Promise<AgentResult> {
  // tsx registers itself inside the worker, so the agent runs from its TypeScript source.
  const entry = new URL('./agentWorker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: config });
    worker.once('message', (result: AgentResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load agent exited with code ${code}`));
    });
  });
}

function combine(url: string, options: LoadTestOptions, workers: number, results: readonly AgentResult[]): LoadTestReport {
  const histogram = new LatencyHistogram();
  const errors: Record<string, number> = {};
  let connected = 0;
  let minTicksPerSec = Number.POSITIVE_INFINITY;
  let weightedRate = 0;
  const sum = (pick: (r: AgentResult) => number) => results.reduce((s, r) => s + pick(r), 0);
  for (const r of results) {
    histogram.merge(r.latency);
    for (const [message, count] of Object.entries(r.errors)) errors[message] = (errors[message] ?? 0) + count;
    connected += r.connected;
    if (r.connected > 0) minTicksPerSec = Math.min(minTicksPerSec, r.minTicksPerSec);
    weightedRate += r.meanTicksPerSec * r.connected;
  }
  const offsets = results.map((r) => r.clockOffsetMs).filter((o): o is number => o !== null);
  return {
    url,
    clients: options.clients,
    workers,
    durationSec: options.durationSec,
    connected,
    failed: sum((r) => r.failed),
    errors,
    disconnected: sum((r) => r.disconnected),
    ticksReceived: sum((r) => r.ticksReceived),
    ticksMissed: sum((r) => r.ticksMissed),
    ticksOutOfOrder: sum((r) => r.ticksOutOfOrder),
    ticksUnnumbered: sum((r) => r.ticksUnnumbered),
    minTicksPerSec: connected > 0 ? minTicksPerSec : 0,
    meanTicksPerSec: connected > 0 ? weightedRate / connected : 0,
    clockOffsetMs: offsets.length > 0 ? offsets.reduce((a, b) => a + b, 0) / offsets.length : null,
    latency: histogram.summary(),
  };
}

export function formatReport(report: LoadTestReport): string {
  const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v} ms`);
  const rows: [string, string][] = [
    ['target', report.url],
    ['clients (workers)', `${report.clients} (${report.workers === 0 ? 'in-process' : report.workers})`],
    ['measured for', `${report.durationSec} s`],
    ['connections made / failed', `${report.connected} / ${report.failed}`],
    ['dropped while measuring', String(report.disconnected)],
    ['ticks received', String(report.ticksReceived)],
    ['ticks missed (by seq)', String(report.ticksMissed)],
    ['ticks out of order', String(report.ticksOutOfOrder)],
    ['ticks per phone per s (min / mean)', `${report.minTicksPerSec.toFixed(1)} / ${report.meanTicksPerSec.toFixed(1)}`],
    ['clock offset (server − client)', report.clockOffsetMs === null ? 'no clock exchange' : `${report.clockOffsetMs.toFixed(1)} ms`],
    ['delivery latency p50 / p90 / p99 / max', `${ms(report.latency.p50Ms)} / ${ms(report.latency.p90Ms)} / ${ms(report.latency.p99Ms)} / ${ms(report.latency.maxMs)}`],
  ];
  if (report.ticksUnnumbered > 0) rows.push(['ticks without seq/serverTimeMs', `${report.ticksUnnumbered} (server predates the tick protocol)`]);
  for (const [message, count] of Object.entries(report.errors)) rows.push([`connect error × ${count}`, message]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
