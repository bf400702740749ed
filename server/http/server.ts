/**
 * Starts a complete Tutti server: session, recorder, HTTP + socket.io, listening.
 * Used by `tutti serve` and by the integration and browser tests (port 0 = ephemeral).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { EnrichmentFeed, type EnrichmentFeedOptions } from '../enrichment/feed.js';
import type { EnrichmentTable } from '../enrichment/table.js';
import type { Score } from '../score/types.js';
import type { BrowserMicInput } from '../live/browserMicInput.js';
import { ConcertSession, SessionRecorder, type PositionSource, type SessionOptions } from '../session/index.js';
import { connectRedis } from '../scaleout/redisAdapter.js';
import { listen } from './listen.js';
import { ProgrammeRunner, type RunnerItem } from '../programme/runner.js';
import { createApplication, type Application } from './app.js';
import type { FollowerStatsView } from './metrics.js';
import { ensureWritableDataDir } from '../session/dataDir.js';
import { RecordingIndex } from '../session/recordingIndex.js';
import { findResumable } from '../session/resume.js';
import type { SessionSnapshot } from '../protocol/index.js';
import type { WatchedInput } from '../live/inputWatch.js';
import { SERVER_VERSION } from './version.js';

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface TuttiServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly dataDir: string;
  readonly conductorToken: string;
  /** When set, /replay needs `auth: { token }` with this token or the conductor's (TUTTI_REPLAY_TOKEN). */
  readonly replayToken?: string;
  readonly clientDir?: string;
  /** The follower, once the lead plugs it in; without it a live session has no positions. */
  readonly positionSource?: PositionSource;
  /**
   * Continue the session a crash left unfinished (its recording has no end, and stopped less than
   * 30 min ago): same id, same file, the last bar shown at once. `tutti serve` sets it.
   */
  readonly resume?: boolean;
  /** The live input, watched for stalls and its end (server/live/inputWatch.ts): its state goes into the session snapshot. */
  readonly inputWatch?: WatchedInput;
  /**
   * The browser microphone that /conductor sockets feed, when the position source listens to it
   * (see createBrowserMicLiveSource). Without it, the panel's microphone control says it is unavailable.
   */
  readonly micInput?: BrowserMicInput;
  /** The followed score's per-bar enrichment (harmony, instruments, program notes); without it phones show only the bar. */
  readonly enrichment?: EnrichmentTable;
  /** The followed score, engraved on the phones (MusicXML only); without it phones show no notation. */
  readonly score?: Score;
  /** How the enrichment feed reacts to a doubting follower (tests shorten the delay). */
  readonly enrichmentOptions?: EnrichmentFeedOptions;
  readonly audienceCountDelayMs?: number;
  /** Share rooms with fan-out processes (`serve --role fanout`) through this Redis (env REDIS_URL). */
  readonly redisUrl?: string;
  /**
   * The concert programme: its items' followers replace `positionSource`, their enrichment tables `enrichment`
   * (see server/programme/prepare.ts).
   */
  readonly programme?: ProgrammeSpec;
  /** Timing of the session (tick interval, hand-over thresholds; tests shorten them). */
  readonly sessionOptions?: Omit<SessionOptions, 'source'>;
  readonly log?: (line: string) => void;
}

export interface ProgrammeSpec {
  readonly title: string | null;
  readonly items: readonly RunnerItem[];
  readonly loop?: boolean;
  readonly gapMs?: number;
  /** How long the final bar must be followed by quiet to end an item (ms). */
  readonly quietMs?: number;
}

export interface RunningServer {
  readonly port: number;
  /** Base URL on the loopback interface, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly session: ConcertSession;
  readonly app: Application;
  /** The session continued after a crash, when there was one to continue. */
  readonly resumed: SessionSnapshot | null;
  /** Ends a live session (so its recording is complete), then closes everything. */
  close(): Promise<void>;
}

export async function startTuttiServer(options: TuttiServerOptions): Promise<RunningServer> {
  const session = new ConcertSession({ ...options.sessionOptions, source: options.positionSource });
  ensureWritableDataDir(options.dataDir);
  const recordings = await RecordingIndex.open(options.dataDir, { log: options.log });
  const recorder = new SessionRecorder(session, {
    dataDir: options.dataDir,
    onError: (err) => options.log?.(`recorder: ${err.message}`),
    onProgress: (entry) => recordings.update(entry),
  });
  const unwatchInput = options.inputWatch?.onState((state, detail) => {
    session.setInputState(state, detail);
    if (state !== 'receiving') options.log?.(`input: ${detail ?? state}`);
  });
  const spec = options.programme;
  const firstTable = spec ? spec.items.flatMap((i) => (i.kind === 'piece' && i.enrichment ? [i.enrichment] : []))[0] : options.enrichment;
  const enrichment = firstTable ? new EnrichmentFeed(session, firstTable, options.enrichmentOptions) : undefined;
  // Recordings carry what the phones were shown, so a replay shows it too.
  if (enrichment) recorder.recordEnrichment(enrichment);
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, { log: options.log }) : undefined;
  // After the recorder: a session's programme events follow its `live` state line into the recording.
  const programme = spec
    ? new ProgrammeRunner({ session, title: spec.title, items: spec.items, loop: spec.loop, gapMs: spec.gapMs, quietMs: spec.quietMs, enrichment, log: options.log })
    : undefined;
  if (programme) session.attachSource(programme);
  const httpServer = createServer();
  const app = createApplication(httpServer, {
    adapter: redis?.adapter,
    session,
    conductorToken: options.conductorToken,
    replayToken: options.replayToken,
    dataDir: options.dataDir,
    recordings,
    followerStats: () => (options.positionSource as { readonly stats?: FollowerStatsView } | undefined)?.stats,
    recordingBytes: () => recorder.bytesWritten,
    clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR,
    version: SERVER_VERSION,
    audienceCountDelayMs: options.audienceCountDelayMs,
    micInput: options.micInput,
    enrichment,
    score: options.score,
    programme,
    log: options.log,
  });

  // Before listening: the first phone to reconnect gets the resumed session's bar in its hello.
  let resumed: SessionSnapshot | null = null;
  const resumable = options.resume ? await findResumable(recordings) : null;
  if (resumable) {
    recorder.resume(resumable.from.sessionId, resumable);
    resumed = await session.resume(resumable.from);
    options.log?.(`resumed session ${resumable.from.sessionId} at bar ${resumable.from.currentMeasure ?? '(none yet)'}: its recording had no end (a crash)`);
  }

  const port = await listen(httpServer, options.port, options.host);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    session,
    app,
    resumed,
    close: async () => {
      if (session.snapshot().state === 'live') await session.stop();
      unwatchInput?.();
      recorder.close();
      await recordings.flush();
      enrichment?.close();
      await app.close();
      await redis?.close();
    },
  };
}
