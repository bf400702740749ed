/** `tutti loadtest` against a real server: connections, ticks by seq, latency from serverTimeMs, the clock exchange. */
import { afterEach, describe, expect, it } from 'vitest';
import { runLoadTest } from '../../server/loadtest/loadTest.js';
import type { Position } from '../../server/pipeline.js';
import type { CommandResult, Hello } from '../../server/protocol/index.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';
import { closeAllClients, conductorClient, nextEvent } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let server: TestServer;
let pusher: NodeJS.Timeout | undefined;
afterEach(async () => {
  if (pusher) clearInterval(pusher);
  closeAllClients();
  await server.dispose();
});

async function liveServer(): Promise<void> {
  let sink: PositionSink | undefined;
  const source: PositionSource = { start: (s) => void (sink = s), stop: () => void (sink = undefined) };
  server = await startTestServer({ positionSource: source });
  const conductor = conductorClient(server.url, server.token);
  await nextEvent<Hello>(conductor, 'hello');
  expect(((await conductor.timeout(5000).emitWithAck('command', { type: 'start' })) as CommandResult).ok).toBe(true);
  let beat = 0;
  const at = (b: number): Position => ({ reportSec: b / 2, scoreSec: b / 2, scoreBeat: b, measure: String(1 + Math.floor(b / 4)), beatInMeasure: 1 + (b % 4), tempoBpm: 120, confidence: 0.9, state: 'following' });
  pusher = setInterval(() => sink?.position(at(beat++)), 20);
}

describe('loadtest', () => {
  it.each([0, 2])('measures phones against a live server (%i worker threads)', async (workers) => {
    await liveServer();
    const report = await runLoadTest({ url: server.url, clients: 12, durationSec: 1.5, workers, rampPerSec: 200 });
    expect(report).toMatchObject({ clients: 12, connected: 12, failed: 0, disconnected: 0, ticksUnnumbered: 0, ticksOutOfOrder: 0 });
    expect(report.ticksReceived).toBeGreaterThan(12 * 5);
    expect(report.latency.count).toBe(report.ticksReceived);
    expect(report.latency.p50Ms).toBeLessThanOrEqual(report.latency.p99Ms);
    expect(report.clockOffsetMs).not.toBeNull(); // the /audience clock exchange answered
    expect(Math.abs(report.clockOffsetMs!)).toBeLessThan(1000); // same machine, same clock
    expect(report.meanTicksPerSec).toBeGreaterThan(3);
  }, 60_000);

  it('counts what it could not connect, and refuses any address but loopback before connecting', async () => {
    await expect(runLoadTest({ url: 'http://10.1.2.3:3000', clients: 1, durationSec: 1, workers: 0, rampPerSec: 10 })).rejects.toThrow(/refusing to load-test 10\.1\.2\.3/);
    await expect(runLoadTest({ url: 'http://127.0.0.1:1', clients: 1, durationSec: 0.2, workers: 0, rampPerSec: 10 })).resolves.toMatchObject({ connected: 0, failed: 1 });
    server = await startTestServer();
  }, 30_000);
});
