/**
 * GET /metrics in the Prometheus text format (prom-client), on its own registry so several servers
 * in one process (tests) do not mix. Values are read when scraped, not kept up on the hot path,
 * except the tick counter. Node's defaults come along: event-loop lag, heap, GC, CPU.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ConcertSession } from '../session/index.js';
import type { RecordingIndex } from '../session/recordingIndex.js';
import { tokenMatches } from './auth.js';
import type { TuttiNamespaces } from './namespaces.js';

/** What the live follower can tell (LiveFollowerSource.stats), when one is plugged in. */
export interface FollowerStatsView {
  readonly audioInSec: number;
  readonly droppedSec: number;
  readonly maxBacklogSec: number;
}

export interface MetricsDeps {
  readonly session: ConcertSession;
  readonly namespaces: TuttiNamespaces;
  readonly recordings?: RecordingIndex;
  readonly followerStats?: () => FollowerStatsView | undefined;
  /** Bytes written to the open recording. */
  readonly recordingBytes?: () => number;
}

export interface TuttiMetrics {
  readonly registry: Registry;
  /** Sockets disconnected by a limit or the stuck-socket reaper, by namespace and reason. */
  readonly disconnects: Counter<'namespace' | 'reason'>;
  readonly loginFailures: Counter;
  close(): void;
}

export function createMetrics(deps: MetricsDeps): TuttiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const ns = deps.namespaces;
  new Gauge({
    name: 'tutti_sockets',
    help: 'Connected sockets per namespace',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      for (const [name, n] of Object.entries(ns)) this.set({ namespace: name }, n.sockets.size);
    },
  });
  const ticks = new Counter({ name: 'tutti_ticks_sent_total', help: 'Position ticks sent to the phones (each goes to every audience socket)', registers: [registry] });
  const unsubscribe = deps.session.subscribe((event) => {
    if (event.type === 'position') ticks.inc();
  });
  new Gauge({
    name: 'tutti_follower_confidence',
    help: "The follower's confidence in its latest position (0..1; NaN when none)",
    registers: [registry],
    collect() {
      this.set(deps.session.snapshot().position?.confidence ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'tutti_follower_latency_seconds',
    help: 'Audio received minus audio accounted for by the latest position (how far the follower runs behind its input)',
    registers: [registry],
    collect() {
      const stats = deps.followerStats?.();
      const position = deps.session.snapshot().position;
      this.set(stats && position ? Math.max(0, stats.audioInSec - position.reportSec) : Number.NaN);
    },
  });
  new Gauge({
    name: 'tutti_follower_backlog_max_seconds',
    help: 'Largest audio backlog the follower had this session',
    registers: [registry],
    collect() {
      this.set(deps.followerStats?.()?.maxBacklogSec ?? 0);
    },
  });
  new Gauge({
    name: 'tutti_audio_dropped_seconds',
    help: 'Audio dropped this session because the follower fell behind',
    registers: [registry],
    collect() {
      this.set(deps.followerStats?.()?.droppedSec ?? 0);
    },
  });
  new Gauge({
    name: 'tutti_recording_bytes',
    help: 'Bytes written to the open recording',
    registers: [registry],
    collect() {
      this.set(deps.recordingBytes?.() ?? 0);
    },
  });
  new Gauge({
    name: 'tutti_recordings',
    help: 'Recordings in the data directory (from the index)',
    registers: [registry],
    collect() {
      this.set(deps.recordings?.page(0, 1).total ?? 0);
    },
  });
  const disconnects = new Counter({ name: 'tutti_socket_disconnects_total', help: 'Sockets disconnected for flooding, oversized events or not reading', labelNames: ['namespace', 'reason'], registers: [registry] });
  const loginFailures = new Counter({ name: 'tutti_login_failures_total', help: 'Wrong tokens and attempts refused during back-off', registers: [registry] });
  return { registry, disconnects, loginFailures, close: unsubscribe };
}

/**
 * Serves the metrics: to loopback (a Prometheus on the same machine, or the reverse proxy, which
 * should not pass /metrics on), or to anyone with `Authorization: Bearer <conductor token>`.
 */
export function serveMetrics(metrics: TuttiMetrics, token: string, req: IncomingMessage, res: ServerResponse): void {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!loopback && !tokenMatches(bearer, token)) {
    res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' });
    return void res.end('metrics need Authorization: Bearer <conductor token> (or a request from this machine)\n');
  }
  metrics.registry.metrics().then(
    (body) => {
      res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    },
    (err: Error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`metrics failed: ${err.message}\n`);
    },
  );
}
