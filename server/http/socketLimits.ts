/**
 * Per-socket limits on what a client may send, on every namespace: events per second (a token
 * bucket) and bytes per event. Anyone on the hall's Wi-Fi can open a socket; one that floods is
 * disconnected (its whole connection) and logged once, not once per message.
 */
import type { Namespace, Socket } from 'socket.io';

export interface SocketLimit {
  /** Sustained events per second. */
  readonly eventsPerSec: number;
  /** Events allowed in a burst above the sustained rate. */
  readonly burst: number;
  /** Largest event payload, bytes (binary attachments counted by length, the rest as JSON). */
  readonly maxEventBytes: number;
}

/** Phones send nothing today; replay asks for lists and plays; the conductor streams its microphone (≤ 50 chunks/s of ≤ 250 ms). */
export const DEFAULT_SOCKET_LIMITS = {
  audience: { eventsPerSec: 5, burst: 30, maxEventBytes: 4 * 1024 },
  replay: { eventsPerSec: 5, burst: 20, maxEventBytes: 4 * 1024 },
  conductor: { eventsPerSec: 100, burst: 200, maxEventBytes: 400 * 1024 },
} as const satisfies Record<string, SocketLimit>;

export interface LimitOptions {
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Told of every socket disconnected for a limit (metrics). */
  readonly onViolation?: (namespace: string, reason: 'rate' | 'size') => void;
}

/** Approximate wire size of an event's arguments; stops counting once past `cap`. */
export function eventBytes(args: readonly unknown[], cap: number): number {
  let total = 0;
  for (const arg of args) {
    if (typeof arg === 'function') continue;
    total += sizeOf(arg, cap - total);
    if (total > cap) return total;
  }
  return total;
}

function sizeOf(value: unknown, cap: number): number {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 8;
  let total = 2;
  const record = value as Record<string, unknown>;
  for (const k in record) {
    total += k.length + 4 + sizeOf(record[k], cap - total);
    if (total > cap) return total;
  }
  return total;
}

/** A token bucket: `take()` is false once the socket has spent its burst faster than the rate refills it. */
export function tokenBucket(limit: SocketLimit, now: () => number): { take(): boolean } {
  let tokens = limit.burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(limit.burst, tokens + ((t - last) / 1000) * limit.eventsPerSec);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export function limitSocket(socket: Socket, namespace: string, limit: SocketLimit, options: LimitOptions = {}): void {
  const bucket = tokenBucket(limit, options.now ?? Date.now);
  let cut = false;
  const disconnect = (reason: 'rate' | 'size', detail: string) => {
    if (cut) return;
    cut = true;
    options.log?.(`${namespace}: disconnected ${socket.handshake.address} (${detail})`);
    options.onViolation?.(namespace, reason);
    socket.disconnect(true);
  };
  socket.use((packet, next) => {
    if (cut) return;
    if (!bucket.take()) return disconnect('rate', `more than ${limit.burst} events at once or ${limit.eventsPerSec}/s sustained`);
    const bytes = eventBytes(packet.slice(1), limit.maxEventBytes);
    if (bytes > limit.maxEventBytes) return disconnect('size', `a "${String(packet[0])}" event of over ${limit.maxEventBytes} bytes`);
    next();
  });
}

/** Applies a limit to every socket that joins the namespace. */
export function limitNamespace(namespace: Namespace, limit: SocketLimit, options: LimitOptions = {}): void {
  namespace.on('connection', (socket) => limitSocket(socket, namespace.name, limit, options));
}
