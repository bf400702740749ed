/**
 * Leader and fan-out processes sharing rooms over a real Redis: a phone on either gets the same
 * hello and the same ticks (same seq); the fan-out's phones count in the audience; a Redis
 * restart during a broadcast loses no tick.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_DIR } from '../../server/http/server.js';
import type { Position } from '../../server/pipeline.js';
import type { CommandResult, Hello, PositionTick } from '../../server/protocol/index.js';
import { startFanoutServer, type RunningFanout } from '../../server/scaleout/fanoutServer.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';
import { io } from 'socket.io-client';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { audienceClient, closeAllClients, conductorClient, connected, nextEvent, type AudienceClient } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let redis: TestRedis;
let leader: TestServer;
let fanout: RunningFanout;
let sink: PositionSink | undefined;
let pusher: NodeJS.Timeout | undefined;
const source: PositionSource = { start: (s) => void (sink = s), stop: () => void (sink = undefined) };
const at = (beat: number): Position => ({ reportSec: beat / 2, scoreSec: beat / 2, scoreBeat: beat, measure: String(1 + Math.floor(beat / 4)), beatInMeasure: 1 + (beat % 4), tempoBpm: 120, confidence: 0.9, state: 'following' });

beforeAll(async () => {
  redis = await startTestRedis();
}, 20_000);
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  if (pusher) clearInterval(pusher);
  closeAllClients();
  await fanout?.close();
  await leader?.dispose();
});

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function liveConcert(): Promise<void> {
  leader = await startTestServer({ positionSource: source, redisUrl: redis.url });
  fanout = await startFanoutServer({ port: 0, host: '127.0.0.1', redisUrl: redis.url, clientDir: DEFAULT_CLIENT_DIR, version: 'test' });
  const conductor = conductorClient(leader.url, leader.token);
  await nextEvent<Hello>(conductor, 'hello');
  const started = (await conductor.timeout(5000).emitWithAck('command', { type: 'start', title: 'Scale-out' })) as CommandResult;
  expect(started.ok).toBe(true);
  let beat = 0;
  pusher = setInterval(() => sink?.position(at(beat++)), 20);
  await until('the fan-out hears the leader', () => fanout.health().leaderAgeMs !== null && !fanout.health().leaderSilent);
}

function collectTicks(phone: AudienceClient): Map<number, PositionTick> {
  const ticks = new Map<number, PositionTick>();
  phone.on('position', (tick) => ticks.set(tick.seq, tick));
  return ticks;
}

describe('scale-out over Redis', () => {
  it('greets and ticks a phone on a fan-out exactly as one on the leader, and counts it in the audience', async () => {
    await liveConcert();
    const onLeader = audienceClient(leader.url);
    const helloLeader = nextEvent<Hello>(onLeader, 'hello');
    const onFanout = audienceClient(fanout.url);
    const helloFanout = nextEvent<Hello>(onFanout, 'hello');
    const [a, b] = await Promise.all([helloLeader, helloFanout]);
    expect(b.session.sessionId).toBe(a.session.sessionId);
    expect(b.session.state).toBe('live');
    expect(b.programme).toEqual(a.programme);

    const leaderTicks = collectTicks(onLeader);
    const fanoutTicks = collectTicks(onFanout);
    await until('ticks on both', () => leaderTicks.size >= 20 && fanoutTicks.size >= 20);
    let shared = 0;
    for (const [seq, tick] of fanoutTicks) {
      expect(tick.sessionId).toBe(a.session.sessionId);
      const same = leaderTicks.get(seq);
      if (!same) continue;
      shared++;
      expect(tick).toEqual(same); // the same tick, same seq, same serverTimeMs, same position
    }
    expect(shared).toBeGreaterThanOrEqual(10);
    await until('the fan-out phone in the audience count', () => leader.session.audienceCount() === 2);

    onFanout.disconnect();
    await until('the fan-out phone gone from the count', () => leader.session.audienceCount() === 1);
  }, 40_000);

  it('lets its phones go when the leader dies, refuses them meanwhile, and greets them with the new session when a leader is back', async () => {
    await liveConcert();
    const phone = audienceClient(fanout.url);
    const first = await nextEvent<Hello>(phone, 'hello');
    const gone = nextEvent(phone, 'disconnect', 15_000);
    clearInterval(pusher);
    await leader.dispose();
    await gone;
    await expect(connected(audienceClient(fanout.url))).rejects.toThrow(/leader is away/);
    expect(fanout.health()).toMatchObject({ status: 'degraded', leaderSilent: true });

    leader = await startTestServer({ positionSource: source, redisUrl: redis.url });
    const conductor = conductorClient(leader.url, leader.token);
    await nextEvent<Hello>(conductor, 'hello');
    await conductor.timeout(5000).emitWithAck('command', { type: 'start', title: 'After the crash' });
    await until('the fan-out hears the new leader', () => !fanout.health().leaderSilent);
    const back = await nextEvent<Hello>(audienceClient(fanout.url), 'hello');
    expect(back.session).toMatchObject({ state: 'live', title: 'After the crash' });
    expect(back.session.sessionId).not.toBe(first.session.sessionId);
  }, 60_000);

  it('moves the phones of a killed fan-out to another one behind the proxy, resynced within 2 s', async () => {
    await liveConcert();
    const second = await startFanoutServer({ port: 0, host: '127.0.0.1', redisUrl: redis.url, clientDir: DEFAULT_CLIENT_DIR, version: 'test' });
    const proxy = await startTcpProxy(() => [fanout.port, second.port]);
    try {
      await until('the second fan-out hears the leader', () => !second.health().leaderSilent);
      // A phone as the client runs it: it reconnects by itself (socket.io's back-off, first try within 0.5–1.5 s).
      const phone = io(`${proxy.url}/audience`, { transports: ['websocket'], forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 2000 }) as AudienceClient;
      try {
        await nextEvent<Hello>(phone, 'hello');
        const ticks = collectTicks(phone);
        await until('ticks through the first fan-out', () => ticks.size >= 5);
        const killedAt = Date.now();
        const rehello = nextEvent<Hello>(phone, 'hello', 10_000);
        await fanout.close(); // its phones' connections drop, as with kill -9
        const hello = await rehello;
        const before = Math.max(...ticks.keys());
        await until('a tick through the second fan-out', () => Math.max(...ticks.keys()) > before, 10_000);
        const resyncMs = Date.now() - killedAt;
        expect(hello.session.state).toBe('live');
        expect(second.health().localAudience).toBe(1);
        expect(resyncMs).toBeLessThan(2000 + 1500); // 2 s to resync, plus the client's first back-off draw
      } finally {
        phone.close();
      }
    } finally {
      await proxy.close();
      await second.close();
    }
  }, 60_000);

  it('loses no tick when Redis restarts during the broadcast', async () => {
    await liveConcert();
    const phone = audienceClient(fanout.url);
    await nextEvent<Hello>(phone, 'hello');
    const onLeader = audienceClient(leader.url);
    await nextEvent<Hello>(onLeader, 'hello');
    const ticks = collectTicks(phone);
    const leaderTicks = collectTicks(onLeader);
    await until('ticks before the restart', () => ticks.size >= 10);
    const leaderBefore = leaderTicks.size;
    await redis.restart(1000);
    // The leader's own phones never wait for Redis: they kept getting ticks while it was down.
    expect(leaderTicks.size - leaderBefore).toBeGreaterThanOrEqual(10);
    const afterRestart = Math.max(...ticks.keys());
    await until('ticks well after the restart', () => Math.max(...ticks.keys()) > afterRestart + 40, 20_000);
    clearInterval(pusher);
    const seqs = [...ticks.keys()].sort((x, y) => x - y);
    const missing: number[] = [];
    for (let s = seqs[0]!; s <= seqs.at(-1)!; s++) if (!ticks.has(s)) missing.push(s);
    expect(missing).toEqual([]);
  }, 60_000);
});
