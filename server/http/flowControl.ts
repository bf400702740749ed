/**
 * Flow control for sockets that read slower than we write. socket.io buffers every reliable
 * packet a socket cannot take yet, without limit; a phone that stops reading (or a replay asked
 * for 1000× speed) would grow the server's memory and delay the others.
 *
 * - `createFramePipe`: an outbox for one socket's stream (replay). It writes while the connection
 *   keeps up and queues when it does not; while queued, a droppable frame (a position, a level:
 *   superseded by the next) replaces a droppable frame right before it, so only the latest of a run
 *   waits, and reliable frames keep their order. Past `maxQueued` the oldest droppable frame goes.
 * - `reapStuckSockets`: a socket whose connection has not taken a packet for `maxStuckMs` is
 *   disconnected (its client reconnects and gets the current state in `hello`), logged in aggregate.
 */
import type { Namespace, Socket } from 'socket.io';

interface EngineConnection {
  readonly transport: { readonly writable: boolean };
  readonly writeBuffer?: readonly unknown[];
}

/** Packets waiting in the engine for this socket's connection (not yet handed to the transport). */
export function queuedPackets(socket: Socket): number {
  return (socket.conn as unknown as EngineConnection).writeBuffer?.length ?? 0;
}

function transportBusy(socket: Socket): boolean {
  return !(socket.conn as unknown as EngineConnection).transport.writable;
}

export interface FramePipeOptions<T> {
  /** Frames kept waiting at most; beyond, the oldest droppable one goes. Default 1000. */
  readonly maxQueued?: number;
  /** Engine packets waiting after which we hold frames back ourselves. Default 64. */
  readonly highWater?: number;
  /**
   * Frames sent per second at most (a burst of as many at once). A replay at 1000× would otherwise
   * encode 20,000 positions a second per socket that no screen can show. Default 50 (a replay at 1× sends ~30).
   */
  readonly maxFramesPerSec?: number;
  readonly now?: () => number;
  readonly droppable: (frame: T) => boolean;
}

export interface FramePipe<T> {
  push(frame: T): void;
  /** Stops sending; queued frames are discarded. */
  close(): void;
  readonly stats: { sent: number; dropped: number; queued: number };
}

export function createFramePipe<T>(socket: Socket, send: (frame: T) => void, options: FramePipeOptions<T>): FramePipe<T> {
  const maxQueued = options.maxQueued ?? 1000;
  const highWater = options.highWater ?? 64;
  const queue: T[] = [];
  const stats = { sent: 0, dropped: 0, queued: 0 };
  let timer: NodeJS.Timeout | undefined;
  let pollMs = 5;
  let closed = false;

  const rate = options.maxFramesPerSec ?? 50;
  const now = options.now ?? Date.now;
  let tokens = rate;
  let refilledAt = now();
  const congested = () => {
    const t = now();
    tokens = Math.min(rate, tokens + ((t - refilledAt) / 1000) * rate);
    refilledAt = t;
    return tokens < 1 || queuedPackets(socket) >= highWater;
  };
  const sendOne = (frame: T) => {
    tokens -= 1;
    send(frame);
    stats.sent++;
  };
  const pump = () => {
    timer = undefined;
    if (closed) return;
    while (queue.length > 0 && !congested()) sendOne(queue.shift()!);
    stats.queued = queue.length;
    if (queue.length === 0) {
      pollMs = 5;
      return;
    }
    // No event says "the engine took the packets": look again soon, less often while it stays stuck.
    timer = setTimeout(pump, pollMs);
    pollMs = Math.min(250, pollMs * 2);
  };

  return {
    stats,
    push(frame) {
      if (closed) return;
      if (queue.length === 0 && !congested()) return sendOne(frame);
      if (queue.length > 0 && options.droppable(frame) && options.droppable(queue[queue.length - 1]!)) {
        queue[queue.length - 1] = frame;
        stats.dropped++;
        return;
      }
      queue.push(frame);
      if (queue.length > maxQueued) {
        const i = queue.findIndex(options.droppable);
        queue.splice(i >= 0 ? i : 0, 1);
        stats.dropped++;
      }
      stats.queued = queue.length;
      timer ??= setTimeout(pump, pollMs);
    },
    close() {
      closed = true;
      queue.length = 0;
      if (timer) clearTimeout(timer);
    },
  };
}

export interface ReaperOptions {
  /** How long a connection may hold packets it does not take. Default 15 s. */
  readonly maxStuckMs?: number;
  readonly checkEveryMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly onReap?: (namespace: string) => void;
}

/** Returns a stop function. */
export function reapStuckSockets(namespaces: readonly Namespace[], options: ReaperOptions = {}): () => void {
  const maxStuckMs = options.maxStuckMs ?? 15_000;
  const now = options.now ?? Date.now;
  const stuckSince = new WeakMap<Socket, number>();
  const check = () => {
    const t = now();
    const reaped = new Map<string, number>();
    for (const ns of namespaces) {
      for (const socket of ns.sockets.values()) {
        if (!(transportBusy(socket) && queuedPackets(socket) > 0)) {
          stuckSince.delete(socket);
          continue;
        }
        const since = stuckSince.get(socket) ?? t;
        stuckSince.set(socket, since);
        if (t - since < maxStuckMs) continue;
        socket.disconnect(true);
        reaped.set(ns.name, (reaped.get(ns.name) ?? 0) + 1);
        options.onReap?.(ns.name);
      }
    }
    for (const [name, n] of reaped) options.log?.(`${name}: disconnected ${n} socket(s) that took nothing for ${maxStuckMs / 1000} s (they get the current state when they reconnect)`);
  };
  const timer = setInterval(check, options.checkEveryMs ?? 1000).unref();
  return () => clearInterval(timer);
}
