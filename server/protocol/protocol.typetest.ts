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

export function serverSide(
  audience: Namespace<AudienceClientToServer, AudienceServerToClient, InterServerEvents, Data>,
  conductor: ServerSocket<ConductorClientToServer, ConductorServerToClient, InterServerEvents, Data>,
  replay: ServerSocket<ReplayClientToServer, ReplayServerToClient, InterServerEvents, Data>,
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

  conductor.emit('level', { sessionId: 'x', rmsDb: -20, peakDb: -6 });
  // @ts-expect-error a string where the level is a number
  conductor.emit('level', { sessionId: 'x', rmsDb: '-20', peakDb: -6 });
  conductor.on('command', (command, ack) => {
    if (command.type === 'jump') ack({ ok: true, session: snapshot });
    // @ts-expect-error a failed result must say why
    ack({ ok: false });
  });
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
  // @ts-expect-error an unknown command type
  conductor.emit('command', { type: 'pause' }, () => undefined);

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
