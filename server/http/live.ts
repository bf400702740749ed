/**
 * The live side: /audience (phones listen, and ask the server's clock) and /conductor (token-authenticated).
 * Session events fan out to both; follower ticks go volatile, operator ticks and state changes reliable;
 * every new socket gets a `hello` with the cached latest state at once.
 */
import type { EnrichmentFeed } from '../enrichment/feed.js';
import { fixedProgramme, type ProgrammeControl } from '../programme/control.js';
import { PROTOCOL_VERSION, type Hello } from '../protocol/index.js';
import type { ConcertSession } from '../session/index.js';
import { LeaderRelay } from '../scaleout/leaderRelay.js';
import { phoneBroadcast } from '../scaleout/phoneBroadcast.js';
import { answerClock } from './clock.js';
import { handleCommand } from './conductorCommands.js';
import type { AudienceNamespace, ConductorNamespace } from './namespaces.js';

export interface LiveDeps {
  readonly session: ConcertSession;
  readonly conductorToken: string;
  readonly version: string;
  /** How long audience joins/leaves are gathered before one count update goes out. */
  readonly audienceCountDelayMs?: number;
  /** The followed score's per-bar enrichment; phones get it in `hello` and as reliable `enrichment` events. */
  readonly enrichment?: EnrichmentFeed;
  /** The concert programme; without one the server follows its one score (or none) and `select` is refused. */
  readonly programme?: ProgrammeControl;
  /** Set when the rooms are shared over Redis: fan-out processes mirror this one's hello and report their phones. */
  readonly clustered?: boolean;
  readonly log?: (line: string) => void;
}

export function wireLiveNamespaces(audience: AudienceNamespace, conductor: ConductorNamespace, deps: LiveDeps): () => void {
  const { session } = deps;
  const programme = deps.programme ?? fixedProgramme(session, null);
  const hello = (): Hello => ({
    protocolVersion: PROTOCOL_VERSION,
    serverVersion: deps.version,
    session: session.snapshot(),
    audienceCount: audienceTotal(),
    piece: deps.enrichment?.piece ?? null,
    enrichment: deps.enrichment?.current() ?? null,
    programme: programme.state(),
    message: session.currentNotice(),
  });

  // Joins come in bursts when the hall fills: gather them into one count update, at most one a
  // second by default (each goes to every phone and into the recording).
  let countTimer: NodeJS.Timeout | undefined;
  const scheduleCount = () => {
    countTimer ??= setTimeout(() => {
      countTimer = undefined;
      session.setAudienceCount(audienceTotal());
    }, deps.audienceCountDelayMs ?? 1000);
  };
  const relay = deps.clustered ? new LeaderRelay(audience, hello, scheduleCount) : undefined;
  const toPhones = phoneBroadcast(audience, deps.clustered ?? false);
  function audienceTotal(): number {
    return audience.sockets.size + (relay?.audienceElsewhere() ?? 0);
  }

  const unsubscribe = session.subscribe((event) => {
    relay?.changed(event.type !== 'position' && event.type !== 'level' && event.type !== 'belief');
    switch (event.type) {
      case 'state':
        toPhones.send('session', event.session);
        conductor.emit('session', event.session);
        break;
      case 'position':
        // An operator's cue is a decision: it must reach every phone. Follower ticks are replaced by the next.
        if (event.tick.source === 'operator') {
          toPhones.send('position', event.tick);
          conductor.emit('position', event.tick);
        } else {
          toPhones.sendVolatile('position', event.tick);
          conductor.volatile.emit('position', event.tick);
        }
        break;
      case 'belief':
        conductor.volatile.emit('belief', event.belief);
        break;
      case 'programme':
        toPhones.send('programme', event.programme);
        conductor.emit('programme', event.programme);
        break;
      case 'message':
        toPhones.send('message', event.message);
        conductor.emit('message', event.message);
        break;
      case 'audit':
        conductor.emit('audit', event);
        break;
      case 'level':
        // Reliable (the session sends at most 10/s): sent volatile right behind a position
        // tick, it would always find the socket busy and be dropped.
        conductor.emit('level', event.level);
        break;
      case 'jump':
        toPhones.send('jump', event.jump);
        conductor.emit('jump', event.jump);
        break;
      case 'audience':
        toPhones.send('audience', event.audience);
        conductor.emit('audience', event.audience);
        break;
    }
  });

  const unsubscribeEnrichment = deps.enrichment?.subscribe((enrichment) => {
    relay?.changed(true);
    toPhones.send('enrichment', enrichment);
    conductor.emit('enrichment', enrichment);
  });

  audience.on('connection', (socket) => {
    socket.emit('hello', hello());
    socket.on('clock', (request, ack) => answerClock(request, ack));
    scheduleCount();
    socket.on('disconnect', scheduleCount);
  });

  // The token check (and its guess limit) is handshake middleware set up in app.ts.
  conductor.on('connection', (socket) => {
    socket.emit('hello', hello());
    socket.on('clock', (request, ack) => answerClock(request, ack));
    const by = `${socket.id} from ${socket.handshake.address}`;
    socket.on('command', (command: unknown, ack: unknown) => {
      void handleCommand({ session, programme }, command, by).then((result) => {
        if (typeof ack === 'function') (ack as (r: typeof result) => void)(result);
        else if (!result.ok) deps.log?.(`conductor: command failed without an ack to answer: ${result.error}`);
      });
    });
  });

  return () => {
    unsubscribe();
    unsubscribeEnrichment?.();
    relay?.close();
    if (countTimer) clearTimeout(countTimer);
  };
}
