/**
 * Live-path benchmark: plays an audio file as live into the real follower (as `tutti serve` does) and
 * reports CPU use, position rate, coalescing/backlog, and how late each position is on the wall clock
 * compared with the audio it reports on. Default: the bundled demo at real time.
 *
 *   npx tsx server/live/bench.ts [--score <file>] [--audio <file>] [--speed <x>] [--seconds <n>]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDefaultLiveSource } from './defaultLiveSource.js';

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function bench(): Promise<void> {
  const { values } = parseArgs({ options: { score: { type: 'string' }, audio: { type: 'string' }, speed: { type: 'string' }, seconds: { type: 'string' } } });
  const speed = Number(values.speed ?? 1);
  const source = await createDefaultLiveSource({ scorePath: values.score, audioPath: values.audio, speed, log: (l) => console.error(`[live] ${l}`) });
  const limitSec = values.seconds === undefined ? Infinity : Number(values.seconds);
  const lagsMs: number[] = [];
  let levels = 0;
  const states = new Map<string, number>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // The input starts playing as start() resolves (after the follower is built).
  let playing = Infinity;
  await source.start({
    position: (p) => {
      // Audio time that has really elapsed on the wall clock, minus the time the position claims.
      lagsMs.push((performance.now() - playing) * speed - p.reportSec * 1000);
      states.set(p.state, (states.get(p.state) ?? 0) + 1);
    },
    level: () => levels++,
  });
  playing = performance.now();
  const buildSec = (playing - t0) / 1000;
  while (!source.stats.ended && (performance.now() - t0) / 1000 < limitSec) await new Promise((r) => setTimeout(r, 50));
  const wallSec = (performance.now() - playing) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await source.close();

  const s = source.stats;
  const sorted = [...lagsMs].sort((a, b) => a - b);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  console.log(`input        ${source.input.description}`);
  console.log(`audio        ${s.audioInSec.toFixed(1)} s in ${wallSec.toFixed(1)} s wall (speed ${speed})`);
  console.log(`cpu          ${cpuSec.toFixed(2)} s = ${((100 * cpuSec) / (wallSec + buildSec)).toFixed(1)} % of one core (whole process, follower build ${buildSec.toFixed(2)} s included)`);
  console.log(`positions    ${s.positions} (${(s.positions / s.audioInSec).toFixed(1)} per audio second); states ${[...states].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`levels       ${levels} (${(levels / wallSec).toFixed(1)} per wall second)`);
  console.log(`pushes       ${s.pushes} for ${s.chunksIn} chunks; coalesced ${s.coalescedChunks}; max backlog ${(s.maxBacklogSec * 1000).toFixed(0)} ms; dropped ${s.droppedSec.toFixed(2)} s`);
  console.log(`wall lag ms  (audio-time now − reportSec at emission) median ${quantile(sorted, 0.5).toFixed(1)}, p95 ${quantile(sorted, 0.95).toFixed(1)}, max ${(sorted.at(-1) ?? NaN).toFixed(1)}`);
}

bench().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
