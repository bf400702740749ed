/** `tutti serve`: the concert server (audience, conductor, replay) until Ctrl-C. */
import { networkInterfaces } from 'node:os';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConductorToken, type ConductorToken } from '../http/auth.js';
import { createBrowserMicLiveSource } from '../http/browserMicSource.js';
import { isWatchedInput } from '../live/inputWatch.js';
import { createServeLogger } from './logger.js';
import { startTuttiServer } from '../http/server.js';
import { createServeLiveSource, LIVE_ARG_OPTIONS, LIVE_OPTIONS_HELP, liveArgsFromValues, type LiveArgs, type LiveArgValues } from '../live/serveOptions.js';
import type { StdinPcmOptions } from '../live/streamPcmInput.js';
import type { RunnerItem } from '../programme/runner.js';
import { defaultDataDir, ensureWritableDataDir } from '../session/dataDir.js';
import { RecordingError } from '../session/errors.js';
import type { EnrichmentTable } from '../enrichment/table.js';
import type { Score } from '../score/types.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';

const help = `Usage: npm run tutti -- serve [options]

Start the Tutti server: the audience view at /, the conductor panel at /conductor,
replay at /replay, and GET /healthz. Serves the built client from client/dist
(\`npm run build:client\`; \`npm start\` builds it for you).

Options:
  --port <n>        TCP port (default: env PORT, else 3000; 0 picks a free port)
  --host <addr>     Interface to listen on (default: env HOST, else 0.0.0.0 so phones on the LAN can join)
  --data-dir <dir>  Where session recordings are written and replayed from
                    (default: env TUTTI_DATA_DIR, else <os tmpdir>/tutti/sessions)
  --autostart       Go live as soon as the server is up, without waiting for the
                    conductor (\`npm start\` uses it so the bundled demo plays at once)
  --input mic       Listen to the conductor panel's microphone instead of a file or stdin
                    (the browser needs https or localhost); --score picks the score (default: the demo)
  --role <r>        leader (default: follows, serves the panel, replay and phones) or fanout
                    (serves phones only, relaying a leader's ticks; needs --redis or REDIS_URL)
  --redis <url>     Share rooms with other Tutti processes through this Redis (default: env REDIS_URL)
  --programme <f>   Follow a concert programme (YAML, docs/programme.md): its pieces item after item.
                    The followers listen to --stdin-pcm or --input mic when given, else to each
                    item's recording played as live (--speed, and --loop to loop the programme).
                    Without --programme and without --score/--audio/--stdin-pcm/--input mic: the bundled
                    demo programme (programmes/demo.yaml), recordings played as live.
  -h, --help        Show this help

${LIVE_OPTIONS_HELP}

Environment:
  TUTTI_CONDUCTOR_TOKEN  The conductor panel's login token; if unset, a random token
                         is generated at start (printed to a terminal, else written to
                         <data dir>/conductor-token, mode 0600).
  TUTTI_REPLAY_TOKEN     When set, /replay needs this token (or the conductor's) to list
                         and play recordings.`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start the Tutti server (audience, conductor, replay).',
  help,
  async run(argv) {
    const options = parseServeArgs(argv);
    if (options.role === 'fanout') return (await import('./serveFanout.js')).runFanout({ port: options.port, host: options.host, redisUrl: options.redisUrl! });
    // Before the score and the model load (seconds): a bad --data-dir is one line and exit 1 at once.
    try {
      ensureWritableDataDir(options.dataDir);
    } catch (err) {
      if (err instanceof RecordingError) throw new UserError(`${err.message} (choose another with --data-dir or TUTTI_DATA_DIR)`);
      throw err;
    }
    const token = resolveConductorToken();
    const { log } = await createServeLogger();
    if (options.programme) return serveProgramme(options, options.programme, token, log);
    const mic = options.mic ? await createBrowserMicLiveSource({ scorePath: options.mic.scorePath, log }) : undefined;
    const positionSource = mic?.positionSource ?? (await createServeLiveSource(options.live, log));
    let server;
    try {
      const enrichment = await loadServeEnrichment(positionSource.score, log);
      server = await startTuttiServer({ port: options.port, host: options.host, dataDir: options.dataDir, conductorToken: token.token, log, positionSource, micInput: mic?.micInput, enrichment, redisUrl: options.redisUrl, score: positionSource.score, inputWatch: isWatchedInput(positionSource.input) ? positionSource.input : undefined, resume: true, replayToken: process.env.TUTTI_REPLAY_TOKEN?.trim() || undefined });
    } catch (err) {
      await positionSource.close();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UserError(`port ${options.port} is already in use; pick another with --port or PORT`);
      if (code === 'EACCES') throw new UserError(`not allowed to listen on ${options.host}:${options.port}`);
      if (err instanceof RecordingError) throw new UserError(`${err.message} (choose another with --data-dir or TUTTI_DATA_DIR)`);
      if (err instanceof Error && (err.name === 'ProgramNotesError' || err.name === 'RepertoireError')) throw new UserError(err.message);
      throw err;
    }
    for (const line of banner(server.port, options.host, options.dataDir, tokenLine(token, options.dataDir))) console.log(line);
    console.log(`Live input: ${positionSource.input.description}`);
    if (mic) console.log('Open the conductor panel (on https or localhost) and press "Use this microphone".');
    await goLive(server, options.autostart);
    await untilSignal(server, () => positionSource.close(), log);
    return 0;
  },
};

type Running = Awaited<ReturnType<typeof startTuttiServer>>;

async function goLive(server: Running, autostart: boolean): Promise<void> {
  if (server.resumed) {
    console.log(`Resumed session ${server.resumed.sessionId} at bar ${server.resumed.currentMeasure ?? '(none yet)'}: the server had stopped without ending it.`);
  } else if (autostart) {
    await server.session.start();
    console.log('Session is live (--autostart): the follower is listening now.');
  } else {
    console.log('The follower listens when the conductor starts a session.');
  }
}

/** Ctrl-C (SIGINT) or SIGTERM: end a live session (its recording complete), close, release the inputs. */
function untilSignal(server: Running, release: () => Promise<void>, log: (line: string) => void): Promise<void> {
  return new Promise<void>((stopped) => {
    const shutdown = (signal: string) => {
      console.log(`\n${signal}: stopping the server…`);
      server
        .close()
        .then(release)
        .then(stopped, (err: Error) => {
          log(`error while stopping: ${err.message}`);
          stopped();
        });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

/** `--programme` (or the demo programme): every item prepared before the server listens. */
async function serveProgramme(options: ServeOptions, programme: ProgrammeArgs, token: ReturnType<typeof resolveConductorToken>, log: (line: string) => void): Promise<number> {
  const { loadServeProgramme } = await import('../programme/serveProgramme.js');
  const micInput = programme.mic ? new (await import('../live/browserMicInput.js')).BrowserMicInput({ log: (line) => log(`live: ${line}`) }) : undefined;
  if (programme.stdin && !programme.stdin.stream && process.stdin.isTTY) throw new UserError('--stdin-pcm: stdin is a terminal; pipe raw PCM into it (see --help)');
  const input = micInput ?? (programme.stdin ? (await import('../live/streamPcmInput.js')).stdinPcmInput(programme.stdin) : undefined);
  const loaded = await loadServeProgramme({ file: programme.file, input, speed: programme.speed, loop: programme.loop, log });
  let server: Running;
  try {
    server = await startTuttiServer({
      port: options.port,
      host: options.host,
      dataDir: options.dataDir,
      conductorToken: token.token,
      log,
      micInput,
      programme: { title: loaded.title, items: loaded.items, loop: loaded.loop, gapMs: loaded.gapMs },
      redisUrl: options.redisUrl,
      // The phones' engraver serves one score for the whole run: give it only when the programme has one piece.
      score: onlyScore(loaded.items),
      resume: true,
      replayToken: process.env.TUTTI_REPLAY_TOKEN?.trim() || undefined,
    });
  } catch (err) {
    await loaded.close();
    throw listenError(err, options);
  }
  for (const line of banner(server.port, options.host, options.dataDir, tokenLine(token, options.dataDir))) console.log(line);
  console.log(`Programme: "${loaded.title}" (${loaded.file}), ${loaded.items.length} items`);
  console.log(`Live input: ${loaded.inputDescription}`);
  if (micInput) console.log('Open the conductor panel (on https or localhost) and press "Use this microphone".');
  await goLive(server, options.autostart);
  await untilSignal(server, () => loaded.close(), log);
  return 0;
}

function onlyScore(items: readonly RunnerItem[]): Score | undefined {
  const pieces = items.flatMap((i) => (i.kind === 'piece' ? [i] : []));
  return pieces.length === 1 ? pieces[0]!.score : undefined;
}

function listenError(err: unknown, options: ServeOptions): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserError(`port ${options.port} is already in use; pick another with --port or PORT`);
  if (code === 'EACCES') return new UserError(`not allowed to listen on ${options.host}:${options.port}`);
  if (err instanceof RecordingError) return new UserError(`${err.message} (choose another with --data-dir or TUTTI_DATA_DIR)`);
  return err;
}

/** The followed score's harmony, instruments and program notes per bar, computed once before the concert. */
async function loadServeEnrichment(score: Score, log: (line: string) => void): Promise<EnrichmentTable> {
  const { loadEnrichment } = await import('../enrichment/load.js');
  const loaded = await loadEnrichment(score);
  if (loaded.harmonyError) log(`enrichment: ${loaded.harmonyError}; phones show instruments and program notes without harmony`);
  const notes = loaded.programNotesPath ? `notes from ${loaded.programNotesPath}` : 'no cue sheet (add piece.yaml and cues.yaml beside the score: docs/repertoire.md)';
  log(`enrichment: ${score.measures.length} bars, harmony ${loaded.timing.analysisMs.toFixed(0)} ms, table ${loaded.timing.tableMs.toFixed(0)} ms; ${notes}`);
  return loaded.table;
}

interface ServeOptions {
  /** leader: follows and serves everything; fanout: phones only, over Redis. */
  readonly role: 'leader' | 'fanout';
  readonly redisUrl?: string;
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly autostart: boolean;
  readonly live: LiveArgs;
  /** `--input mic`: the conductor panel's microphone, followed in this score (default: the demo). */
  readonly mic?: { readonly scorePath?: string };
  /** `--programme` (file given) or the demo programme (no input options at all). */
  readonly programme?: ProgrammeArgs;
}

interface ProgrammeArgs {
  /** Undefined: the bundled demo programme. */
  readonly file?: string;
  /** Recordings' playback speed. */
  readonly speed?: number;
  readonly loop: boolean;
  readonly stdin?: StdinPcmOptions;
  readonly mic?: boolean;
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const { values } = parseCommandArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      autostart: { type: 'boolean' },
      input: { type: 'string' },
      programme: { type: 'string' },
      role: { type: 'string' },
      redis: { type: 'string' },
      ...LIVE_ARG_OPTIONS,
    },
    allowPositionals: false,
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || port > 65535) {
    throw new UsageError(`${values.port !== undefined ? '--port' : 'PORT'} must be an integer 0..65535, got "${portText}"`);
  }
  if (values.input !== undefined && values.input !== 'mic') throw new UsageError(`--input must be "mic" (the conductor panel's microphone), got "${values.input}"`);
  const mic = values.input === 'mic';
  if (mic && (['audio', 'stdin-pcm', 'speed', 'loop', 'rate', 'channels', 'format'] as const).some((flag) => values[flag] !== undefined)) {
    throw new UsageError('--input mic listens to the conductor panel: it cannot be combined with --audio, --stdin-pcm, --speed, --loop, --rate, --channels or --format');
  }
  const role = values.role ?? 'leader';
  if (role !== 'leader' && role !== 'fanout') throw new UsageError(`--role must be "leader" or "fanout", got "${role}"`);
  const redisUrl = values.redis ?? (env.REDIS_URL || undefined);
  if (role === 'fanout') {
    if (redisUrl === undefined) throw new UsageError('--role fanout relays a leader over Redis: give --redis <url> or set REDIS_URL');
    const inputFlags = Object.keys(values).filter((flag) => !['port', 'host', 'role', 'redis'].includes(flag));
    if (inputFlags.length > 0) throw new UsageError(`--role fanout has no follower, session or recordings: it cannot take ${inputFlags.map((f) => `--${f}`).join(', ')}`);
  }
  const common = { role: role as ServeOptions['role'], redisUrl, port, host: values.host ?? env.HOST ?? '0.0.0.0', dataDir: values['data-dir'] ?? defaultDataDir(env), autostart: values.autostart === true };
  const programme = role === 'fanout' ? undefined : programmeArgs(values, mic);
  if (programme) return { ...common, live: undefined, programme };
  return { ...common, live: mic ? undefined : liveArgsFromValues(values), mic: mic ? { scorePath: values.score } : undefined };
}

/** A programme: `--programme <file>`, or the demo programme when no input or score is named at all. */
function programmeArgs(values: LiveArgValues & { programme?: string }, mic: boolean): ProgrammeArgs | undefined {
  const file = values.programme;
  if (file === undefined && (mic || values.score !== undefined || values.audio !== undefined || values['stdin-pcm'] === true)) return undefined;
  if (file !== undefined && file.trim() === '') throw new UsageError('--programme needs a file (a programme YAML, see docs/programme.md)');
  if (values.score !== undefined || values.audio !== undefined) {
    throw new UsageError('--programme names the scores and recordings itself: it cannot be combined with --score or --audio');
  }
  const live = liveArgsFromValues(values);
  return {
    ...(file !== undefined ? { file } : {}),
    ...(live?.speed !== undefined ? { speed: live.speed } : {}),
    loop: live?.loop === true,
    ...(live?.stdin ? { stdin: live.stdin } : {}),
    ...(mic ? { mic: true } : {}),
  };
}

/**
 * The token goes to a terminal only: stdout redirected to a log would keep it in a world-readable
 * file. Not a terminal, a generated token is written to <data dir>/conductor-token, mode 0600.
 */
export function tokenLine(token: ConductorToken, dataDir: string, stdout: { isTTY?: boolean } = process.stdout): string {
  if (token.source === 'env') return 'Conductor token: from TUTTI_CONDUCTOR_TOKEN (not shown)';
  if (stdout.isTTY) return `Conductor token: ${token.token}  (generated; set TUTTI_CONDUCTOR_TOKEN to choose one)`;
  const file = join(dataDir, TOKEN_FILE);
  writeFileSync(file, token.token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600); // an older file keeps its mode otherwise
  return `Conductor token: written to ${file} (mode 0600; not printed, stdout is not a terminal)`;
}

export const TOKEN_FILE = 'conductor-token';

function banner(port: number, host: string, dataDir: string, tokenText: string): string[] {
  const hosts = host === '0.0.0.0' || host === '::' ? ['localhost', ...lanAddresses()] : [host];
  const base = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
  return [
    `Tutti is listening on ${host}:${port}`,
    ...hosts.map((h) => `  audience   ${base(h)}/`),
    `  conductor  ${base(hosts[0])}/conductor`,
    `  replay     ${base(hosts[0])}/replay`,
    `  health     ${base(hosts[0])}/healthz`,
    tokenText,
    `Recordings: ${dataDir}`,
    'Press Ctrl-C to stop.',
  ];
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}
