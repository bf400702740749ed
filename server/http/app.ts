/**
 * The Tutti web application on a given HTTP server: static client, /healthz, and the
 * socket.io namespaces. Everything stateful comes in through deps, so tests build it on an
 * ephemeral port with their own session and data dir.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { EnrichmentFeed } from '../enrichment/feed.js';
import type { BrowserMicInput } from '../live/browserMicInput.js';
import type { Score } from '../score/types.js';
import type { ProgrammeControl } from '../programme/control.js';
import type { ConcertSession } from '../session/index.js';
import type { RecordingIndex } from '../session/recordingIndex.js';
import { requireToken } from './auth.js';
import { reapStuckSockets } from './flowControl.js';
import { HEARTBEAT } from './heartbeat.js';
import { health } from './health.js';
import { wireLiveNamespaces } from './live.js';
import { LoginGuard } from './loginGuard.js';
import { createMetrics, serveMetrics, type FollowerStatsView } from './metrics.js';
import { wireMicrophone } from './microphone.js';
import { tuttiNamespaces, type TuttiNamespaces, type TuttiServer } from './namespaces.js';
import { wireReplayNamespace } from './replay.js';
import { requestPathname } from './requestPath.js';
import { DEFAULT_SOCKET_LIMITS, limitNamespace } from './socketLimits.js';
import { createClientHandler } from './static.js';
import { sendText } from './staticFiles.js';

export interface AppDeps {
  readonly session: ConcertSession;
  readonly conductorToken: string;
  /** When set, /replay needs `auth: { token }` with this token or the conductor's. */
  readonly replayToken?: string;
  /** Where session recordings are read from for replay. */
  readonly dataDir: string;
  /** The recordings as written, listed for replay. */
  readonly recordings: RecordingIndex;
  /** For /metrics: the live follower's counters and the open recording's size. */
  readonly followerStats?: () => FollowerStatsView | undefined;
  readonly recordingBytes?: () => number;
  /** The built client (client/dist). */
  readonly clientDir: string;
  readonly version: string;
  readonly startedAtMs?: number;
  readonly audienceCountDelayMs?: number;
  /** The browser microphone, when it is the session's input: /conductor sockets feed it. */
  readonly micInput?: BrowserMicInput;
  /** Per-bar enrichment of the followed score, pushed to /audience and /conductor. */
  readonly enrichment?: EnrichmentFeed;
  /** Rooms shared with other processes (RedisLink.adapter): set on a leader that has fan-outs. */
  readonly adapter?: ServerOptions['adapter'];
  /** The followed score, served to the phones' engraver (static.ts, scoreApi.ts). */
  readonly score?: Score;
  /** The concert programme (select, pause, resume); without it the server follows its one score, or none. */
  readonly programme?: ProgrammeControl;
  readonly log?: (line: string) => void;
}

export interface Application {
  readonly io: TuttiServer;
  readonly namespaces: TuttiNamespaces;
  /** Disconnects every socket and closes the HTTP server. */
  close(): Promise<void>;
}

export function createApplication(httpServer: HttpServer, deps: AppDeps): Application {
  const startedAtMs = deps.startedAtMs ?? Date.now();
  const serveStatic = createClientHandler(deps.clientDir, deps.score);

  // Registered before socket.io attaches: engine.io wraps existing request listeners and
  // answers /socket.io/ itself.
  httpServer.on('request', (req, res) => {
    const pathname = requestPathname(req.url);
    if (pathname === null) return sendText(res, 400, 'bad request line\n');
    if (pathname === '/metrics') return serveMetrics(metrics, deps.conductorToken, req, res);
    if (pathname === '/healthz') {
      const body = JSON.stringify(health(deps.session, deps.version, startedAtMs));
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(body);
    }
    serveStatic(req, res, pathname).catch((err: Error) => {
      deps.log?.(`http: ${req.method} ${pathname}: ${err.message}`);
      if (!res.headersSent) sendText(res, 500, 'internal error\n');
      else res.destroy();
    });
  });

  // One message of at most 512 KB (a 250-ms stereo microphone chunk at 192 kHz is 384 KB); per-event limits below.
  const io: TuttiServer = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 512 * 1024, ...HEARTBEAT, ...(deps.adapter ? { adapter: deps.adapter } : {}) });
  const namespaces = tuttiNamespaces(io);
  const metrics = createMetrics({ session: deps.session, namespaces, recordings: deps.recordings, followerStats: deps.followerStats, recordingBytes: deps.recordingBytes });
  const logins = new LoginGuard({ log: deps.log, onFailure: () => metrics.loginFailures.inc() });
  logins.start();
  requireToken(namespaces.conductor, [deps.conductorToken], logins, 'conductor');
  // Replay behind a login when a replay token is set (the conductor's token works there too).
  if (deps.replayToken) requireToken(namespaces.replay, [deps.replayToken, deps.conductorToken], logins, 'replay');
  for (const name of ['audience', 'conductor', 'replay'] as const) {
    limitNamespace(namespaces[name], DEFAULT_SOCKET_LIMITS[name], { log: deps.log, onViolation: (ns, reason) => metrics.disconnects.inc({ namespace: ns, reason }) });
  }
  const stopReaper = reapStuckSockets([namespaces.audience, namespaces.conductor, namespaces.replay], {
    log: deps.log,
    onReap: (ns) => metrics.disconnects.inc({ namespace: ns, reason: 'stuck' }),
  });
  const unwireLive = wireLiveNamespaces(namespaces.audience, namespaces.conductor, { ...deps, clustered: deps.adapter !== undefined });
  // After the live wiring: a conductor gets its hello before the microphone's status.
  const unwireMic = wireMicrophone(namespaces.conductor, deps.micInput);
  wireReplayNamespace(namespaces.replay, deps);

  return {
    io,
    namespaces,
    close: () =>
      new Promise<void>((done) => {
        unwireLive();
        unwireMic();
        logins.stop();
        stopReaper();
        metrics.close();
        io.close(() => done());
      }),
  };
}
