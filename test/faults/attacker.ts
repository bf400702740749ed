/**
 * The hostile client of the fault tests, run as its own process so its work does not run on the
 * server's event loop: `node --import tsx test/faults/attacker.ts <kind> <url>`. Every loop is
 * bounded; it prints one JSON line with what it saw, then waits for SIGTERM (the non-reading kinds
 * keep their sockets open until then).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

const [kind, url, extra] = process.argv.slice(2);
const opts = { transports: ['websocket'], forceNew: true, reconnection: false };
const report = (value: unknown) => console.log(JSON.stringify(value));
const connected = (s: Socket) => new Promise<void>((ok, fail) => (s.once('connect', () => ok()), s.once('connect_error', fail)));

async function flood(): Promise<void> {
  const s = io(`${url}/audience`, opts);
  await connected(s);
  let sent = 0;
  let disconnected = false;
  s.on('disconnect', () => (disconnected = true));
  // 20,000 events in bursts of 500, yielding between bursts so the socket writes them.
  for (let burst = 0; burst < 40 && !disconnected; burst++) {
    for (let i = 0; i < 500; i++) {
      (s.emit as (ev: string, ...a: unknown[]) => void)('clock', { clientSendMs: Date.now(), pad: 'x'.repeat(50) });
      sent++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 500));
  report({ sent, disconnected });
}

async function guess(): Promise<void> {
  const attempts = Number(extra ?? 300);
  const reasons = new Map<string, number>();
  for (let i = 0; i < attempts; i++) {
    const s = io(`${url}/conductor`, { ...opts, auth: { token: `guess-${i}` } });
    const reason = await new Promise<string>((done) => {
      s.once('connect', () => done('ACCEPTED'));
      s.once('connect_error', (err) => done(err.message.replace(/\d+ s$/, 'N s')));
    });
    s.disconnect();
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  report({ attempts, reasons: Object.fromEntries(reasons) });
}

async function listStorm(): Promise<void> {
  const sockets = Array.from({ length: 10 }, () => io(`${url}/replay`, opts));
  await Promise.all(sockets.map(connected));
  let answered = 0;
  // 200 listings at once: 20 per socket, within each socket's burst.
  await Promise.all(
    sockets.flatMap((s) =>
      Array.from({ length: 20 }, () =>
        (s.timeout(20_000).emitWithAck as (ev: string) => Promise<{ ok: boolean }>)('list').then((r) => {
          if (r.ok) answered++;
        }),
      ),
    ),
  );
  report({ answered });
}

/** Sockets that join and then never read: raw WebSockets speaking just enough engine.io to join a namespace. */
async function stall(): Promise<void> {
  const [audienceCount, replayCount] = (extra ?? '50,20').split(',').map(Number);
  const join = (namespace: string, play?: string) =>
    new Promise<WebSocket>((ok, fail) => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
      ws.once('error', fail);
      ws.once('close', () => fail(new Error(`${namespace}: closed by the server before it could stop reading`)));
      // Stop reading: the kernel buffers fill and the server's writes back up.
      const stopReading = () => {
        (ws as unknown as { _socket: { pause(): void } })._socket.pause();
        ok(ws);
      };
      ws.on('message', (data) => {
        const text = data.toString();
        if (text === '2') ws.send('3'); // engine.io ping, answered until the socket stops reading
        else if (text.startsWith('0')) ws.send(`40${namespace},`);
        else if (text.startsWith(`40${namespace},`)) {
          if (play === undefined) return stopReading();
          ws.send(`42${namespace},1["play",{"id":"${play}","speed":1000}]`);
        } else if (text.startsWith(`43${namespace},1`)) {
          // The play's answer: the stream has begun.
          if (text.includes('"ok":true')) stopReading();
          else fail(new Error(`play refused: ${text}`));
        }
      });
    });
  const sockets = await Promise.all([
    ...Array.from({ length: audienceCount }, () => join('/audience')),
    ...Array.from({ length: replayCount }, () => join('/replay', process.env.REPLAY_ID)),
  ]);
  report({ open: sockets.length });
}

const kinds: Record<string, () => Promise<void>> = { flood, guess, listStorm, stall };
await kinds[kind]!();
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1 << 30);
