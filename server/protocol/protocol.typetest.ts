/**
 * Type-level test, checked by `npm run typecheck` (never run): every `@ts-expect-error` line
 * must fail to compile, so a wrong event name or payload on either side breaks the build.
 * If one of them starts compiling, tsc reports "Unused '@ts-expect-error' directive".
 */
import type { Namespace, Socket as ServerSocket } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import type {
  AudienceClientToServer,
  AudienceServerToClient,
  ConductorClientToServer,
  ConductorServerToClient,
  InterServerEvents,
  ReplayClientToServer,
  ReplayServerToClient,
  ProgrammeState,
  SessionSnapshot,
} from './index.js';

type Data = Record<never, never>;
const snapshot: SessionSnapshot = {
  state: 'waiting',
  sessionId: null,
  title: null,
  startedAtMs: null,
  endedAtMs: null,
  position: null,
  currentMeasure: null,
};
const programme: ProgrammeState = {
  title: 'An evening',
  items: [{ id: 'eroica-1', kind: 'piece', title: 'Symphony No. 3', composer: 'Beethoven', movement: 'I. Allegro con brio' }],
  currentItemId: 'eroica-1',
  nextItemId: null,
  mode: 'auto',
  phase: 'playing',
  handover: false,
  section: null,
};
const position = { reportSec: 1, scoreSec: 2, scoreBeat: 4, measure: '12', beatInMeasure: 1, tempoBpm: 120, confidence: 0.8, state: 'following' } as const;

export function serverSide(
  audience: Namespace<AudienceClientToServer, AudienceServerToClient, InterServerEvents, Data>,
  conductor: ServerSocket<ConductorClientToServer, ConductorServerToClient, InterServerEvents, Data>,
  replay: ServerSocket<ReplayClientToServer, ReplayServerToClient, InterServerEvents, Data>,
  phone: ServerSocket<AudienceClientToServer, AudienceServerToClient, InterServerEvents, Data>,
): void {
  audience.emit('session', snapshot);
  audience.emit('audience', { count: 3 });
  // @ts-expect-error a renamed field: `count` is required, `listeners` does not exist
  audience.emit('audience', { listeners: 3 });
  // @ts-expect-error an event the audience namespace does not have
  audience.emit('level', { sessionId: 'x', rmsDb: -20, peakDb: -6 });
  // @ts-expect-error a state outside waiting | live | ended
  audience.emit('session', { ...snapshot, state: 'paused' });
  // @ts-expect-error a position tick needs a sessionId and a Position, not a bare bar number
  audience.volatile.emit('position', { measure: '12' });
  audience.volatile.emit('position', { sessionId: 's', seq: 7, serverTimeMs: 1e12, source: 'follower', position });
  audience.emit('position', { sessionId: 's', seq: 8, serverTimeMs: 1e12, source: 'operator', position });
  // @ts-expect-error protocol 2: a tick without seq and serverTimeMs no longer compiles
  audience.volatile.emit('position', { sessionId: 's', source: 'follower', position });
  // @ts-expect-error a tick's source is the follower or the operator, nothing else
  audience.emit('position', { sessionId: 's', seq: 1, serverTimeMs: 1, source: 'audience', position });

  audience.emit('hello', { protocolVersion: 2, serverVersion: '0.1.0', session: snapshot, audienceCount: 0, programme, message: null });
  // @ts-expect-error protocol 2: hello carries the programme
  audience.emit('hello', { protocolVersion: 2, serverVersion: '0.1.0', session: snapshot, audienceCount: 0, message: null });
  audience.emit('programme', programme);
  // @ts-expect-error the mode is auto or manual
  audience.emit('programme', { ...programme, mode: 'autopilot' });
  // @ts-expect-error an item needs its title, composer and movement (null when none)
  audience.emit('programme', { ...programme, items: [{ id: 'x', kind: 'piece', title: 'T' }] });
  audience.emit('message', { sessionId: 's', text: 'The second half begins in 5 minutes', atMs: 1 });
  // @ts-expect-error the follower's belief is for the conductor only
  audience.emit('belief', { sessionId: 's', serverTimeMs: 1, position, candidates: [] });
  // @ts-expect-error the audit trail is for the conductor only
  audience.emit('audit', { type: 'audit', atMs: 1, by: 'x', command: { type: 'stop' }, result: { ok: true } });
  phone.on('clock', (request, ack) => ack({ clientSendMs: request.clientSendMs, serverTimeMs: Date.now() }));
  // @ts-expect-error the clock acknowledgement echoes the client's send time
  phone.on('clock', (_request, ack) => ack({ serverTimeMs: Date.now() }));

  conductor.emit('level', { sessionId: 'x', rmsDb: -20, peakDb: -6 });
  // @ts-expect-error a string where the level is a number
  conductor.emit('level', { sessionId: 'x', rmsDb: '-20', peakDb: -6 });
  conductor.on('command', (command, ack) => {
    if (command.type === 'jump') ack({ ok: true, session: snapshot, programme });
    if (command.type === 'select') ack({ ok: false, error: `no item ${command.itemId} from ${command.fromMeasure ?? '1'}` });
    // @ts-expect-error a failed result must say why
    ack({ ok: false });
    // @ts-expect-error protocol 2: an accepted command answers with the programme too
    ack({ ok: true, session: snapshot });
  });
  conductor.volatile.emit('belief', { sessionId: 's', serverTimeMs: 1, position, candidates: [{ measure: '12', scoreSec: 2, probability: 0.5 }] });
  conductor.emit('audit', { type: 'audit', atMs: 1, by: 'x', command: { type: 'jump', measure: '9999' }, result: { ok: false, error: 'no bar "9999"' } });
  conductor.emit('audit', { type: 'audit', atMs: 1, by: 'x', command: { type: 'invalid', raw: '{"type":"dance"}' }, result: { ok: false, error: 'unknown' } });
  // @ts-expect-error an audit line says the result
  conductor.emit('audit', { type: 'audit', atMs: 1, by: 'x', command: { type: 'stop' } });
  // @ts-expect-error the conductor does not send `start` as its own event
  conductor.on('start', () => undefined);

  const mic = { available: true, active: true, yours: false, listening: false, sampleRate: 48000, channels: 1, note: null };
  conductor.emit('mic', mic);
  conductor.emit('micError', { error: 'sample rate must be 8000..192000 Hz' });
  // @ts-expect-error the mic status needs every field (`yours` is missing)
  conductor.emit('mic', { available: true, active: true, listening: false, sampleRate: null, channels: null, note: null });
  // @ts-expect-error a mic error carries its message in `error`, not `message`
  conductor.emit('micError', { message: 'bad chunk' });
  // @ts-expect-error audio goes to the conductor only: the audience namespace has no mic events
  audience.emit('mic', mic);
  conductor.on('micChunk', (chunk) => chunk.sampleRate.toFixed());
  conductor.on('micStart', (claim, ack) => {
    ack({ ok: true, status: mic });
    // @ts-expect-error a refusal must say why
    ack({ ok: false });
  });

  const bar = { measureIndex: 44, measure: '45', instruments: [{ family: 'strings', parts: ['Viola'] }], tutti: false, harmony: [], note: null };
  audience.emit('enrichment', { sessionId: 's', measure: bar, searching: false });
  conductor.emit('enrichment', { sessionId: 's', measure: bar, searching: true });
  // @ts-expect-error enrichment must say whether the follower is searching
  audience.emit('enrichment', { sessionId: 's', measure: bar });
  // @ts-expect-error a harmony entry needs its key, chord, numeral, cadence and line (null when none)
  audience.emit('enrichment', { sessionId: 's', measure: { ...bar, harmony: [{ key: 'E♭ major', chord: 'E♭' }] }, searching: false });

  // Recordings replay the enrichment the phones were sent.
  replay.emit('frame', { recordingId: 'r', recorded: { offsetMs: 5, event: { type: 'enrichment', enrichment: { sessionId: 's', measure: bar, searching: false } } } });
  // @ts-expect-error a replayed enrichment event carries the Enrichment under "enrichment"
  replay.emit('frame', { recordingId: 'r', recorded: { offsetMs: 5, event: { type: 'enrichment', measure: bar } } });
  // @ts-expect-error the live namespaces have no "frame" event: enrichment reaches phones as "enrichment"
  audience.emit('frame', { recordingId: 'r', recorded: { offsetMs: 5, event: { type: 'enrichment', enrichment: { sessionId: 's', measure: bar, searching: false } } } });

  replay.emit('end', { recordingId: 'r', reason: 'finished' });
  // @ts-expect-error an end reason outside finished | stopped
  replay.emit('end', { recordingId: 'r', reason: 'crashed' });
}

export function clientSide(
  audience: ClientSocket<AudienceServerToClient, AudienceClientToServer>,
  conductor: ClientSocket<ConductorServerToClient, ConductorClientToServer>,
  replay: ClientSocket<ReplayServerToClient, ReplayClientToServer>,
): void {
  audience.on('audience', (a) => a.count.toFixed());
  // @ts-expect-error the audience namespace is read-only: phones cannot send commands
  audience.emit('command', { type: 'stop' }, () => undefined);
  // @ts-expect-error the payload's field is `count`
  audience.on('audience', (a) => a.listeners);

  conductor.emit('command', { type: 'jump', measure: '12' }, (result) => (result.ok ? result.session.state : result.error));
  conductor.emit('command', { type: 'start', title: 'Eroica' }, () => undefined);
  // @ts-expect-error a jump needs `measure`, not `bar`
  conductor.emit('command', { type: 'jump', bar: 12 }, () => undefined);
  conductor.emit('command', { type: 'pause' }, () => undefined);
  conductor.emit('command', { type: 'resume' }, () => undefined);
  conductor.emit('command', { type: 'select', itemId: 'eroica-1', fromMeasure: '40' }, () => undefined);
  conductor.emit('command', { type: 'mode', mode: 'manual' }, () => undefined);
  conductor.emit('command', { type: 'cue', measure: '41' }, () => undefined);
  conductor.emit('command', { type: 'step', unit: 'section', by: 1 }, () => undefined);
  conductor.emit('command', { type: 'message', text: 'Please silence your phones' }, () => undefined);
  // @ts-expect-error an unknown command type
  conductor.emit('command', { type: 'dance' }, () => undefined);
  // @ts-expect-error the mode is auto or manual
  conductor.emit('command', { type: 'mode', mode: 'semi' }, () => undefined);
  // @ts-expect-error select names the item by `itemId`
  conductor.emit('command', { type: 'select', item: 'eroica-1' }, () => undefined);
  // @ts-expect-error a step is by bars or sections
  conductor.emit('command', { type: 'step', unit: 'beat', by: 1 }, () => undefined);
  // @ts-expect-error a message carries `text`
  conductor.emit('command', { type: 'message', body: 'hi' }, () => undefined);
  audience.emit('clock', { clientSendMs: 1 }, (reply) => reply.serverTimeMs - reply.clientSendMs);
  // @ts-expect-error the clock request carries the client's send time as a number
  audience.emit('clock', { clientSendMs: '1' }, () => undefined);
  // @ts-expect-error the audience still cannot command
  audience.emit('command', { type: 'mode', mode: 'manual' }, () => undefined);
  conductor.on('programme', (p) => p.items.map((i) => i.movement ?? i.title));
  conductor.on('belief', (b) => b.candidates.map((c) => c.probability));

  const pcm = new Int16Array(960).buffer;
  conductor.emit('micStart', { deviceLabel: 'USB mic' }, (result) => (result.ok ? result.status.yours : result.error));
  conductor.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: pcm });
  conductor.emit('micChunk', { sampleRate: 44100, channels: 2, encoding: 'f32', data: new Uint8Array(8) });
  conductor.emit('micStop');
  // @ts-expect-error only f32 and s16 are encodings
  conductor.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 'u8', data: pcm });
  // @ts-expect-error the samples travel as binary, not as a JSON array
  conductor.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 'f32', data: [0.1, 0.2] });
  // @ts-expect-error a chunk must say its sample rate
  conductor.emit('micChunk', { channels: 1, encoding: 's16', data: pcm });
  // @ts-expect-error micStart answers through an ack
  conductor.emit('micStart', {});
  // @ts-expect-error the audience namespace cannot send audio
  audience.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: pcm });
  conductor.on('mic', (status) => status.listening);
  // @ts-expect-error the status says `yours`, not `mine`
  conductor.on('mic', (status) => status.mine);

  replay.emit('play', { id: 'r', speed: 4 }, (result) => (result.ok ? result.recording.durationMs : result.error));
  // @ts-expect-error the recording id is a string
  replay.emit('play', { id: 42 }, () => undefined);
  // @ts-expect-error list answers through an ack, it takes no filter argument
  replay.emit('list', { newest: true }, () => undefined);
}
