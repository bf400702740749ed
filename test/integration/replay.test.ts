/** A session is recorded to JSONL and streamed back over /replay, with real sockets. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult, ConductorCommand, Enrichment, Hello, ListResult, ReplayEnd, ReplayFrame, ReplayResult } from '../../server/protocol/index.js';
import { choraleEnrichment, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, nextEvent, replayClient } from '../support/sockets.js';

let server: TestServer;
const source = new ManualPositionSource();
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  closeAllClients();
  await server.dispose();
});

/** Plays a recording at top speed and collects its frames until the end. */
async function replayAll(url: string, id: string): Promise<{ result: ReplayResult; frames: ReplayFrame[] }> {
  const replay = replayClient(url);
  const frames: ReplayFrame[] = [];
  replay.on('frame', (f) => frames.push(f));
  const ended = nextEvent<ReplayEnd>(replay, 'end');
  const result: ReplayResult = await replay.timeout(5000).emitWithAck('play', { id, speed: 1000 });
  expect(await ended).toEqual({ recordingId: id, reason: 'finished' });
  return { result, frames };
}

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
    // state, programme, audit (start), jump, audit, jump, audit, audit (stop), state
    expect(info).toMatchObject({ id: started.session.sessionId, title: 'Round trip', eventCount: 9 });

    const frames: ReplayFrame[] = [];
    replay.on('frame', (f) => frames.push(f));
    const ended = nextEvent<ReplayEnd>(replay, 'end');
    const result: ReplayResult = await replay.timeout(5000).emitWithAck('play', { id: info.id, speed: 1000 });
    expect(result).toEqual({ ok: true, recording: info });
    expect(await ended).toEqual({ recordingId: info.id, reason: 'finished' });
    expect(frames.map((f) => f.recorded.event).filter((e) => e.type !== 'programme')).toEqual([
      { type: 'state', session: expect.objectContaining({ state: 'live' }) },
      { type: 'audit', atMs: expect.any(Number), by: expect.any(String), command: { type: 'start', title: 'Round trip' }, result: { ok: true } },
      { type: 'jump', jump: { sessionId: info.id, measure: '3' } },
      { type: 'audit', atMs: expect.any(Number), by: expect.any(String), command: { type: 'jump', measure: '3' }, result: { ok: true } },
      { type: 'jump', jump: { sessionId: info.id, measure: '9' } },
      { type: 'audit', atMs: expect.any(Number), by: expect.any(String), command: { type: 'jump', measure: '9' }, result: { ok: true } },
      { type: 'audit', atMs: expect.any(Number), by: expect.any(String), command: { type: 'stop' }, result: { ok: true } },
      { type: 'state', session: expect.objectContaining({ state: 'ended' }) },
    ]);
    const offsets = frames.map((f) => f.recorded.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('records the piece and the enrichment the phones were sent, and replays them in order', async () => {
    const { score, table } = await choraleEnrichment();
    const followed = await startTestServer({ positionSource: source, enrichment: table });
    try {
      const audience = audienceClient(followed.url);
      await nextEvent<Hello>(audience, 'hello');
      const sent: Enrichment[] = [];
      audience.on('enrichment', (e) => sent.push(e));
      const session = await followed.session.start('Chorale');
      const bar2 = nextEvent<Enrichment>(audience, 'enrichment');
      source.push(positionInMeasure(score, 1));
      await bar2;
      await new Promise((r) => setTimeout(r, 60)); // past the session's position interval
      const bar5 = nextEvent<Enrichment>(audience, 'enrichment');
      source.push(positionInMeasure(score, 4));
      await bar5;
      await followed.session.stop();

      const { result, frames } = await replayAll(followed.url, session.sessionId!);
      if (!result.ok) throw new Error(result.error);
      expect(result.recording.piece).toEqual({ title: score.title, composer: score.composer, programTitle: 'Ach Gott und Herr, in four voices' });
      // The audience count may be recorded anywhere in between, depending on when the phone's join is counted.
      const types = frames.map((f) => f.recorded.event.type).filter((type) => type !== 'audience' && type !== 'programme');
      expect(types).toEqual(['state', 'position', 'enrichment', 'position', 'enrichment', 'state']);
      const replayed = frames.flatMap((f) => (f.recorded.event.type === 'enrichment' ? [f.recorded.event.enrichment] : []));
      // Exactly what the audience was sent, in the same order.
      expect(replayed).toEqual(sent);
      expect(replayed.map((e) => e.measure)).toEqual([table.measures[1], table.measures[4]]);
      expect(replayed[1].measure.note?.text).toContain('second line');
    } finally {
      closeAllClients();
      await followed.dispose();
    }
  });

  it('answers an unknown recording with a reason naming it', async () => {
    const replay = replayClient(server.url);
    const result: ReplayResult = await replay.timeout(5000).emitWithAck('play', { id: 'no-such-session' });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/no-such-session\.jsonl: no such recording/) });
  });
});
