/** A session is recorded to JSONL and streamed back over /replay, with real sockets. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult, ConductorCommand, Hello, ListResult, ReplayEnd, ReplayFrame, ReplayResult } from '../../server/protocol/index.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { closeAllClients, conductorClient, nextEvent, replayClient } from '../support/sockets.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  closeAllClients();
  await server.dispose();
});

describe('recording and replay', () => {
  it('lists a finished session and plays its events back in order', async () => {
    const conductor = conductorClient(server.url, server.token);
    await nextEvent<Hello>(conductor, 'hello');
    const send = (cmd: ConductorCommand) => conductor.timeout(5000).emitWithAck('command', cmd) as Promise<CommandResult>;
    const started = await send({ type: 'start', title: 'Round trip' });
    if (!started.ok) throw new Error(started.error);
    await send({ type: 'jump', measure: '3' });
    await send({ type: 'jump', measure: '9' });
    await send({ type: 'stop' });

    const replay = replayClient(server.url);
    const listed: ListResult = await replay.timeout(5000).emitWithAck('list');
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.recordings).toHaveLength(1);
    const [info] = listed.recordings;
    expect(info).toMatchObject({ id: started.session.sessionId, title: 'Round trip', eventCount: 4 });

    const frames: ReplayFrame[] = [];
    replay.on('frame', (f) => frames.push(f));
    const ended = nextEvent<ReplayEnd>(replay, 'end');
    const result: ReplayResult = await replay.timeout(5000).emitWithAck('play', { id: info.id, speed: 1000 });
    expect(result).toEqual({ ok: true, recording: info });
    expect(await ended).toEqual({ recordingId: info.id, reason: 'finished' });
    expect(frames.map((f) => f.recorded.event)).toEqual([
      { type: 'state', session: expect.objectContaining({ state: 'live' }) },
      { type: 'jump', jump: { sessionId: info.id, measure: '3' } },
      { type: 'jump', jump: { sessionId: info.id, measure: '9' } },
      { type: 'state', session: expect.objectContaining({ state: 'ended' }) },
    ]);
    const offsets = frames.map((f) => f.recorded.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('answers an unknown recording with a reason naming it', async () => {
    const replay = replayClient(server.url);
    const result: ReplayResult = await replay.timeout(5000).emitWithAck('play', { id: 'no-such-session' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/no-such-session\.jsonl: no such recording/) });
  });
});
