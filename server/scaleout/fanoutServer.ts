/**
 * `serve --role fanout`: a process that serves the client, /audience and the clock exchange to
 * phones, with no follower, no audio and no conductor. The leader's broadcasts reach its phones
 * through the Redis adapter (same ticks, same seq); its `hello` is the leader's, mirrored.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';
import { answerClock } from '../http/clock.js';
import { listen } from '../http/listen.js';
import { HEARTBEAT } from '../http/heartbeat.js';
import { reapStuckSockets } from '../http/flowControl.js';
import { tuttiNamespaces, type TuttiServer } from '../http/namespaces.js';
import { requestPathname } from '../http/requestPath.js';
import { DEFAULT_SOCKET_LIMITS, limitNamespace } from '../http/socketLimits.js';
import { createStaticHandler, sendText } from '../http/staticFiles.js';
import { PROTOCOL_VERSION } from '../protocol/index.js';
import { HelloMirror } from './helloMirror.js';
import { connectRedis } from './redisAdapter.js';

export interface FanoutOptions {
  readonly port: number;
  readonly host?: string;
  readonly redisUrl: string;
  readonly clientDir: string;
  readonly version: string;
  readonly log?: (line: string) => void;
}

export interface FanoutHealth {
  readonly status: 'ok' | 'degraded';
  readonly role: 'fanout';
  readonly version: string;
  readonly protocolVersion: number;
  readonly uptimeSec: number;
  /** Phones on this process. */
  readonly localAudience: number;
  readonly redisConnected: boolean;
  /** Milliseconds since the leader's last mirror; null if it was never heard. */
  readonly leaderAgeMs: number | null;
  readonly leaderSilent: boolean;
}

export interface RunningFanout {
  readonly port: number;
  readonly url: string;
  readonly processId: string;
  health(): FanoutHealth;
  close(): Promise<void>;
}

export async function startFanoutServer(options: FanoutOptions): Promise<RunningFanout> {
  const startedAtMs = Date.now();
  const processId = randomUUID();
  const redis = await connectRedis(options.redisUrl, { log: options.log });
  const mirror = new HelloMirror(options.version);
  const serveStatic = createStaticHandler(options.clientDir);
  const httpServer = createServer();

  const health = (): FanoutHealth => ({
    status: redis.ready() && !mirror.leaderSilent() ? 'ok' : 'degraded',
    role: 'fanout',
    version: options.version,
    protocolVersion: PROTOCOL_VERSION,
    uptimeSec: Math.round((Date.now() - startedAtMs) / 100) / 10,
    localAudience: audience.sockets.size,
    redisConnected: redis.ready(),
    leaderAgeMs: mirror.leaderAgeMs(),
    leaderSilent: mirror.leaderSilent(),
  });

  httpServer.on('request', (req, res) => {
    const pathname = requestPathname(req.url);
    if (pathname === null) return sendText(res, 400, 'bad request line\n');
    if (pathname === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(JSON.stringify(health()));
    }
    // The panel and the replay live on the leader only.
    if (pathname.startsWith('/conductor') || pathname.startsWith('/replay')) return sendText(res, 404, 'this is a fan-out process: the conductor panel and replay are on the leader\n');
    serveStatic(req, res, pathname).catch((err: Error) => {
      options.log?.(`http: ${req.method} ${pathname}: ${err.message}`);
      if (!res.headersSent) sendText(res, 500, 'internal error\n');
      else res.destroy();
    });
  });

  const io: TuttiServer = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024, ...HEARTBEAT, adapter: redis.adapter });
  const { audience } = tuttiNamespaces(io);
  limitNamespace(audience, DEFAULT_SOCKET_LIMITS.audience, { log: options.log });
  const stopReaper = reapStuckSockets([audience], { log: options.log });

  // Without a leader there is nothing true to show: phones are refused and let go, so each shows
  // "reconnecting" over its last state and is greeted afresh once the leader is heard again.
  audience.use((_socket, next) => (mirror.leaderSilent() ? next(new Error('the leader is away: reconnecting')) : next()));
  audience.on('mirror', (hello) => {
    // Phones that were greeted while the leader was away (or before a new session) are greeted again.
    if (mirror.receive(hello)) audience.local.emit('hello', hello);
  });
  audience.on('connection', (socket) => {
    socket.emit('hello', mirror.hello(audience.sockets.size));
    socket.on('clock', (request, ack) => answerClock(request, ack));
    shareSoon();
    socket.on('disconnect', shareSoon);
  });

  // This process's phones, told to the leader (which adds them to the audience count) on change and as a heartbeat.
  let shareTimer: NodeJS.Timeout | undefined;
  const share = () => audience.serverSideEmit('audienceShare', { processId, count: audience.sockets.size });
  function shareSoon(): void {
    shareTimer ??= setTimeout(() => {
      shareTimer = undefined;
      share();
    }, 250);
  }
  const heartbeat = setInterval(() => {
    share();
    if (mirror.checkSilence()) {
      options.log?.(`fanout: the leader has gone silent; letting ${audience.sockets.size} phones go (they show their last state, reconnecting)`);
      audience.local.disconnectSockets(true);
    }
  }, 500); // shares every 0.5 s (the leader forgets a share after SHARE_TTL_MS), silence checked as often

  const port = await listen(httpServer, options.port, options.host);
  let closing: Promise<void> | undefined;
  const shutDown = async () => {
    clearInterval(heartbeat);
    if (shareTimer) clearTimeout(shareTimer);
    stopReaper();
    // Tell the leader these phones are gone before going.
    audience.serverSideEmit('audienceShare', { processId, count: 0 });
    await new Promise<void>((done) => io.close(() => done()));
    await redis.close();
  };

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    processId,
    health,
    // Idempotent: a supervisor's signal and a test's clean-up may both close it.
    close: () => (closing ??= shutDown()),
  };
}
