/**
 * `npm run bench -- redisAdapters`: the two Socket.IO Redis adapters side by side, as Tutti uses
 * them — process A broadcasts a 20-Hz tick, 200 clients on process B receive it — first steady, then
 * across a Redis restart (SIGKILL, 500 ms down). Prints delivery latency and ticks missed by seq.
 * Why the streams adapter: a broadcast made while Redis is away is kept and delivered, where
 * Pub/Sub drops it (and the figures say what each costs in latency).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter as createPubSubAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { LatencyHistogram } from '../../server/loadtest/latencyHistogram.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const CLIENTS = 200;
const TICK_MS = 50;

type AdapterKind = 'streams' | 'pubsub';

async function adapterFor(kind: AdapterKind, url: string): Promise<{ adapter: ReturnType<typeof createStreamsAdapter>; close: () => Promise<void> }> {
  const quiet = (c: ReturnType<typeof createClient>) => c.on('error', () => undefined);
  const pub = quiet(createClient({ url, socket: { reconnectStrategy: (n) => Math.min(50 * 2 ** n, 500) } }));
  await pub.connect();
  if (kind === 'streams') return { adapter: createStreamsAdapter(pub, { blockTimeInMs: 1000 }), close: async () => void (await pub.close()) };
  const sub = quiet(pub.duplicate());
  await sub.connect();
  return { adapter: createPubSubAdapter(pub, sub) as unknown as ReturnType<typeof createStreamsAdapter>, close: async () => void (await Promise.all([pub.close(), sub.close()])) };
}

async function listen(adapter: ReturnType<typeof createStreamsAdapter>): Promise<{ io: Server; port: number }> {
  const http = createServer();
  const io = new Server(http, { adapter });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { io, port: (http.address() as AddressInfo).port };
}

async function measure(kind: AdapterKind, redis: TestRedis, restart: boolean): Promise<string> {
  const a = await adapterFor(kind, redis.url);
  const b = await adapterFor(kind, redis.url);
  const serverA = await listen(a.adapter);
  const serverB = await listen(b.adapter);
  const histogram = new LatencyHistogram();
  const seen: Set<number>[] = [];
  const clients: Socket[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const got = new Set<number>();
    seen.push(got);
    const c = connect(`http://127.0.0.1:${serverB.port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    c.on('tick', (t: { seq: number; sentMs: number }) => {
      got.add(t.seq);
      histogram.add(Date.now() - t.sentMs);
    });
    clients.push(c);
  }
  await Promise.all(clients.map((c) => new Promise((r) => c.connected ? r(null) : c.once('connect', () => r(null)))));
  await new Promise((r) => setTimeout(r, 500)); // the adapters' subscriptions settle
  let seq = 0;
  const timer = setInterval(() => serverA.io.emit('tick', { seq: seq++, sentMs: Date.now() }), TICK_MS);
  await new Promise((r) => setTimeout(r, 2000));
  if (restart) await redis.restart(500);
  await new Promise((r) => setTimeout(r, 3000));
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 1500));
  const sent = seq;
  let missed = 0;
  for (const got of seen) for (let s = 0; s < sent; s++) if (!got.has(s)) missed++;
  for (const c of clients) c.close();
  await new Promise<void>((r) => serverA.io.close(() => r()));
  await new Promise<void>((r) => serverB.io.close(() => r()));
  await a.close().catch(() => undefined);
  await b.close().catch(() => undefined);
  const s = histogram.summary();
  return `${kind.padEnd(8)} ${restart ? 'restart' : 'steady '}  ticks ${String(sent).padStart(3)}  missed ${String(missed).padStart(6)} of ${sent * CLIENTS}  latency p50 ${s.p50Ms} / p90 ${s.p90Ms} / p99 ${s.p99Ms} / max ${s.maxMs} ms`;
}

export async function runBench(): Promise<void> {
  const redis = await startTestRedis();
  // An adapter's in-flight command rejected by the SIGKILL must not end the bench.
  const ignore = () => undefined;
  process.on('unhandledRejection', ignore);
  try {
    console.log(`${CLIENTS} clients on process B, a tick every ${TICK_MS} ms from process A, for 5 s`);
    for (const kind of ['streams', 'pubsub'] as const) {
      console.log(await measure(kind, redis, false));
      console.log(await measure(kind, redis, true));
    }
  } finally {
    process.off('unhandledRejection', ignore);
    await redis.stop();
  }
}
