/**
 * One load agent: opens its share of audience sockets at a bounded rate, then for the measuring
 * window records every position tick — missed ticks by `seq`, delivery latency from the tick's
 * `serverTimeMs` to its receipt. It runs in a worker thread (see loadTest.ts) or in-process.
 */
import { io, type Socket } from 'socket.io-client';
import { LatencyHistogram } from './latencyHistogram.js';
import { TickLedger } from './tickLedger.js';

export interface AgentConfig {
  /** Base URL of the server, already checked to be loopback. */
  readonly url: string;
  readonly clients: number;
  readonly durationSec: number;
  /** Connections opened per second (bounded so the ramp itself does not look like an attack). */
  readonly rampPerSec: number;
  /** How long a connection may take before it counts as failed. */
  readonly connectTimeoutMs: number;
}

export interface AgentResult {
  readonly attempted: number;
  readonly connected: number;
  readonly failed: number;
  /** Failure reasons and how often each happened. */
  readonly errors: Record<string, number>;
  /** Sockets that dropped during the measuring window. */
  readonly disconnected: number;
  readonly ticksReceived: number;
  readonly ticksMissed: number;
  readonly ticksOutOfOrder: number;
  readonly ticksUnnumbered: number;
  /** Ticks per second per connected socket over the window: lowest and mean. */
  readonly minTicksPerSec: number;
  readonly meanTicksPerSec: number;
  readonly windowSec: number;
  /** Server clock minus this agent's clock, from the /audience clock exchange (null: the server has none). */
  readonly clockOffsetMs: number | null;
  readonly latency: { readonly bins: Uint32Array; readonly count: number; readonly maxMs: number };
}

interface Phone {
  readonly socket: Socket;
  readonly ledger: TickLedger;
  ticksInWindow: number;
}

export async function runLoadAgent(config: AgentConfig, now: () => number = Date.now): Promise<AgentResult> {
  const phones: Phone[] = [];
  const errors: Record<string, number> = {};
  const histogram = new LatencyHistogram();
  let measuring = false;
  let disconnected = 0;
  let clockOffsetMs: number | null = null;
  const baseline = new Map<TickLedger, { received: number; missed: number; outOfOrder: number; unnumbered: number }>();

  const open = (): Promise<Phone | null> =>
    new Promise((settle) => {
      const socket = io(`${config.url}/audience`, { transports: ['websocket'], reconnection: false, timeout: config.connectTimeoutMs, forceNew: true });
      const phone: Phone = { socket, ledger: new TickLedger(), ticksInWindow: 0 };
      socket.on('position', (tick: unknown) => {
        const t = tick as { sessionId?: unknown; seq?: unknown; serverTimeMs?: unknown };
        phone.ledger.record(String(t.sessionId), typeof t.seq === 'number' ? t.seq : undefined);
        if (!measuring) return;
        phone.ticksInWindow++;
        if (typeof t.serverTimeMs === 'number') histogram.add(now() + (clockOffsetMs ?? 0) - t.serverTimeMs);
      });
      socket.once('connect', () => settle(phone));
      socket.once('connect_error', (err: Error) => {
        errors[err.message] = (errors[err.message] ?? 0) + 1;
        socket.close();
        settle(null);
      });
      socket.on('disconnect', () => {
        if (measuring) disconnected++;
      });
    });

  // Ramp: a batch every 50 ms so the rate holds without a timer per socket.
  const perBatch = Math.max(1, Math.round(config.rampPerSec / 20));
  const pending: Promise<Phone | null>[] = [];
  for (let opened = 0; opened < config.clients; opened += perBatch) {
    for (let i = opened; i < Math.min(config.clients, opened + perBatch); i++) pending.push(open());
    await sleep(50);
  }
  for (const phone of await Promise.all(pending)) if (phone) phones.push(phone);

  clockOffsetMs = await measureClockOffset(phones.slice(0, 5), now);
  for (const phone of phones) baseline.set(phone.ledger, { ...phone.ledger });
  measuring = true;
  const windowStart = now();
  await sleep(config.durationSec * 1000);
  measuring = false;
  const windowSec = (now() - windowStart) / 1000;

  let received = 0;
  let missed = 0;
  let outOfOrder = 0;
  let unnumbered = 0;
  let minRate = Number.POSITIVE_INFINITY;
  let rateSum = 0;
  for (const phone of phones) {
    const before = baseline.get(phone.ledger) ?? { received: 0, missed: 0, outOfOrder: 0, unnumbered: 0 };
    received += phone.ledger.received - before.received;
    missed += phone.ledger.missed - before.missed;
    outOfOrder += phone.ledger.outOfOrder - before.outOfOrder;
    unnumbered += phone.ledger.unnumbered - before.unnumbered;
    const rate = phone.ticksInWindow / windowSec;
    minRate = Math.min(minRate, rate);
    rateSum += rate;
    phone.socket.close();
  }
  const failed = config.clients - phones.length;
  return {
    attempted: config.clients,
    connected: phones.length,
    failed,
    errors,
    disconnected,
    ticksReceived: received,
    ticksMissed: missed,
    ticksOutOfOrder: outOfOrder,
    ticksUnnumbered: unnumbered,
    minTicksPerSec: phones.length > 0 ? minRate : 0,
    meanTicksPerSec: phones.length > 0 ? rateSum / phones.length : 0,
    windowSec,
    clockOffsetMs,
    latency: { bins: histogram.bins, count: histogram.count, maxMs: histogram.maxMs },
  };
}

/**
 * NTP-style: offset = serverTime − (send + receive) / 2, from the exchange with the shortest round
 * trip. Null when the server has no clock exchange (it never acknowledges).
 */
async function measureClockOffset(phones: readonly Phone[], now: () => number): Promise<number | null> {
  let best: { rtt: number; offset: number } | null = null;
  for (const phone of phones) {
    for (let i = 0; i < 3; i++) {
      const clientSendMs = now();
      try {
        const ack = (await phone.socket.timeout(1000).emitWithAck('clock', { clientSendMs })) as { serverTimeMs?: unknown };
        const receivedMs = now();
        if (typeof ack.serverTimeMs !== 'number') return null;
        const rtt = receivedMs - clientSendMs;
        if (!best || rtt < best.rtt) best = { rtt, offset: ack.serverTimeMs - (clientSendMs + receivedMs) / 2 };
      } catch {
        return null;
      }
    }
  }
  return best?.offset ?? null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
