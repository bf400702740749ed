/**
 * The live side: /audience (read-only) and /conductor (token-authenticated).
 * Session events fan out to both; position ticks go volatile, state changes reliable;
 * every new socket gets a `hello` with the cached latest state at once.
 */
import type { EnrichmentFeed } from '../enrichment/feed.js';
import { PROTOCOL_VERSION, type CommandResult, type ConductorCommand, type Hello } from '../protocol/index.js';
import { SessionError, type ConcertSession } from '../session/index.js';
import { tokenMatches } from './auth.js';
import type { AudienceNamespace, ConductorNamespace } from './namespaces.js';

export interface LiveDeps {
  readonly session: ConcertSession;
  readonly conductorToken: string;
  readonly version: string;
  /** How long audience joins/leaves are gathered before one count update goes out. */
  readonly audienceCountDelayMs?: number;
  /** The followed score's per-bar enrichment; phones get it in `hello` and as reliable `enrichment` events. */
  readonly enrichment?: EnrichmentFeed;
  readonly log?: (line: string) => void;
}

export function wireLiveNamespaces(audience: AudienceNamespace, conductor: ConductorNamespace, deps: LiveDeps): () => void {
  const { session } = deps;
  const hello = (): Hello => ({
    protocolVersion: PROTOCOL_VERSION,
    serverVersion: deps.version,
    session: session.snapshot(),
    audienceCount: audience.sockets.size,
    piece: deps.enrichment?.piece ?? null,
    enrichment: deps.enrichment?.current() ?? null,
  });

  const unsubscribe = session.subscribe((event) => {
    switch (event.type) {
      case 'state':
        audience.emit('session', event.session);
        conductor.emit('session', event.session);
        break;
      case 'position':
        audience.volatile.emit('position', event.tick);
        conductor.volatile.emit('position', event.tick);
        break;
      case 'level':
        // Reliable (the session sends at most 10/s): sent volatile right behind a position
        // tick, it would always find the socket busy and be dropped.
        conductor.emit('level', event.level);
        break;
      case 'jump':
        audience.emit('jump', event.jump);
        conductor.emit('jump', event.jump);
        break;
      case 'audience':
        audience.emit('audience', event.audience);
        conductor.emit('audience', event.audience);
        break;
    }
  });

  const unsubscribeEnrichment = deps.enrichment?.subscribe((enrichment) => {
    audience.emit('enrichment', enrichment);
    conductor.emit('enrichment', enrichment);
  });

  // Joins come in bursts when the hall fills: gather them into one count update.
  let countTimer: NodeJS.Timeout | undefined;
  const scheduleCount = () => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      session.setAudienceCount(audience.sockets.size);
    }, deps.audienceCountDelayMs ?? 100);
  };

  audience.on('connection', (socket) => {
    socket.emit('hello', hello());
    scheduleCount();
    socket.on('disconnect', scheduleCount);
  });

  conductor.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (tokenMatches(auth?.token, deps.conductorToken)) return next();
    deps.log?.(`conductor: rejected a connection from ${socket.handshake.address} (wrong or missing token)`);
    next(new Error('unauthorized: wrong or missing conductor token'));
  });
  conductor.on('connection', (socket) => {
    socket.emit('hello', hello());
    socket.on('command', (command, ack) => {
      void runCommand(session, command).then((result) => {
        if (typeof ack === 'function') ack(result);
        else if (!result.ok) deps.log?.(`conductor: command failed without an ack to answer: ${result.error}`);
      });
    });
  });

  return () => {
    unsubscribe();
    unsubscribeEnrichment?.();
    if (countTimer) clearTimeout(countTimer);
  };
}

/** Commands come off the network: check their shape before trusting the type. */
async function runCommand(session: ConcertSession, command: unknown): Promise<CommandResult> {
  const checked = checkCommand(command);
  if (typeof checked === 'string') return { ok: false, error: checked };
  try {
    switch (checked.type) {
      case 'start':
        return { ok: true, session: await session.start(checked.title) };
      case 'stop':
        return { ok: true, session: await session.stop() };
      case 'jump':
        return { ok: true, session: session.jump(checked.measure) };
    }
  } catch (err) {
    if (err instanceof SessionError) return { ok: false, error: err.message };
    return { ok: false, error: `internal error: ${(err as Error).message}` };
  }
}

function checkCommand(value: unknown): ConductorCommand | string {
  if (typeof value !== 'object' || value === null) return 'command must be an object with a "type" field';
  const c = value as Record<string, unknown>;
  switch (c.type) {
    case 'start':
      if (c.title !== undefined && typeof c.title !== 'string') return 'start: "title" must be a string';
      return { type: 'start', title: c.title as string | undefined };
    case 'stop':
      return { type: 'stop' };
    case 'jump':
      if (typeof c.measure !== 'string' && typeof c.measure !== 'number') return 'jump: "measure" must be a measure label';
      return { type: 'jump', measure: String(c.measure) };
    default:
      return `unknown command type ${JSON.stringify(c.type)} (expected start, stop or jump)`;
  }
}
