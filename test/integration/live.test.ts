/** The live namespaces against a real server on an ephemeral port, with real socket.io clients. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Position } from '../../server/pipeline.js';
import { PROTOCOL_VERSION, type AudienceCount, type CommandResult, type ConductorCommand, type Health, type Hello, type Jump, type PositionTick, type SessionSnapshot } from '../../server/protocol/index.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, connected, eventMatching, nextEvent, type ConductorClient } from '../support/sockets.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let server: TestServer;
afterEach(async () => {
  closeAllClients();
  await server.dispose();
});

function command(conductor: ConductorClient, cmd: ConductorCommand): Promise<CommandResult> {
  return conductor.timeout(5000).emitWithAck('command', cmd);
}

async function loggedInConductor(): Promise<ConductorClient> {
  const conductor = conductorClient(server.url, server.token);
  await nextEvent<Hello>(conductor, 'hello');
  return conductor;
}

describe('without a position source', () => {
  beforeEach(async () => {
    server = await startTestServer();
  });

  it('answers /healthz with status, version and protocol version', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as Health;
    expect(body).toMatchObject({ status: 'ok', version: packageVersion, protocolVersion: PROTOCOL_VERSION, sessionState: 'waiting', audienceCount: 0 });
    expect(body.uptimeSec).toBeGreaterThanOrEqual(0);
  });

  it('greets the audience with the waiting state and keeps everyone told of the audience count', async () => {
    const conductor = await loggedInConductor();
    const conductorSeesOne = eventMatching<AudienceCount>(conductor, 'audience', (a) => a.count === 1); // listen before the join
    const first = audienceClient(server.url);
    const hello = await nextEvent<Hello>(first, 'hello');
    expect(hello.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(hello.session).toMatchObject({ state: 'waiting', sessionId: null, position: null, currentMeasure: null });
    expect(hello.audienceCount).toBe(1);
    await conductorSeesOne;

    const second = audienceClient(server.url);
    await Promise.all([
      eventMatching<AudienceCount>(first, 'audience', (a) => a.count === 2),
      eventMatching<AudienceCount>(conductor, 'audience', (a) => a.count === 2),
      nextEvent<Hello>(second, 'hello'),
    ]);
    second.disconnect();
    await eventMatching<AudienceCount>(conductor, 'audience', (a) => a.count === 1);
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as Health).audienceCount).toBe(1);
  });

  it('rejects the conductor without a token or with a wrong one, and accepts the right one', async () => {
    await expect(connected(conductorClient(server.url))).rejects.toThrow(/unauthorized/);
    await expect(connected(conductorClient(server.url, 'wrong'))).rejects.toThrow(/unauthorized/);
    const conductor = conductorClient(server.url, server.token);
    const hello = nextEvent<Hello>(conductor, 'hello'); // listen first: hello follows connect at once
    await connected(conductor);
    expect((await hello).session.state).toBe('waiting');
  });

  it('carries start, jump and stop from the conductor to the audience; late joiners get the cached state', async () => {
    const conductor = await loggedInConductor();
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');

    const live = nextEvent<SessionSnapshot>(audience, 'session');
    const started = await command(conductor, { type: 'start', title: 'Eroica' });
    expect(started.ok).toBe(true);
    expect(await live).toMatchObject({ state: 'live', title: 'Eroica', position: null });
    expect(((await (await fetch(`${server.url}/healthz`)).json()) as Health).sessionState).toBe('live');

    const jumped = nextEvent<Jump>(audience, 'jump');
    expect((await command(conductor, { type: 'jump', measure: '42' })).ok).toBe(true);
    expect((await jumped).measure).toBe('42');

    const late = audienceClient(server.url);
    const lateHello = await nextEvent<Hello>(late, 'hello');
    expect(lateHello.session).toMatchObject({ state: 'live', title: 'Eroica', currentMeasure: '42' });

    expect(await command(conductor, { type: 'start' })).toMatchObject({ ok: false, error: expect.stringMatching(/already live/) });
    const ended = nextEvent<SessionSnapshot>(late, 'session');
    expect((await command(conductor, { type: 'stop' })).ok).toBe(true);
    expect((await ended).state).toBe('ended');
    expect(await command(conductor, { type: 'stop' })).toMatchObject({ ok: false, error: expect.stringMatching(/no session is live/) });
  });

  it('answers malformed commands with a reason and ignores commands on the read-only audience namespace', async () => {
    const conductor = await loggedInConductor();
    const bad = (await conductor.timeout(5000).emitWithAck('command', { type: 'dance' } as never)) as CommandResult;
    expect(bad).toEqual({ ok: false, error: 'unknown command type "dance" (expected start, stop, jump, cue, step, select, mode, pause, resume, message)' });

    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    (audience as unknown as ConductorClient).emit('command', { type: 'start' }, () => undefined);
    // A round trip on the conductor socket orders after the audience's emit has been read.
    expect(await command(conductor, { type: 'stop' })).toMatchObject({ ok: false });
    expect(server.session.snapshot().state).toBe('waiting');
  });
});

describe('with a position source plugged in', () => {
  let sink: PositionSink | undefined;
  const source: PositionSource = {
    start: (s) => void (sink = s),
    stop: () => void (sink = undefined),
  };
  const at = (measure: string): Position => ({ reportSec: 1, scoreSec: 1, scoreBeat: 2, measure, beatInMeasure: 2, tempoBpm: 88, confidence: 0.75, state: 'following' });

  beforeEach(async () => {
    server = await startTestServer({ positionSource: source });
  });

  it('streams positions to the audience and levels to the conductor', async () => {
    const conductor = await loggedInConductor();
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    await command(conductor, { type: 'start' });
    expect(sink).toBeDefined();

    // Ticks are volatile (dropped while a socket is still busy writing) and levels thinned to
    // 10 per second, so the source keeps pushing, as a live follower does, until both arrive.
    const tick = nextEvent<PositionTick>(audience, 'position');
    const level = nextEvent(conductor, 'level');
    const pusher = setInterval(() => {
      sink?.position(at('17'));
      sink?.level(-23.5, -9);
    }, 20);
    try {
      expect((await tick).position).toMatchObject({ measure: '17', tempoBpm: 88, confidence: 0.75 });
      expect(await level).toMatchObject({ rmsDb: -23.5, peakDb: -9 });
    } finally {
      clearInterval(pusher);
    }

    const late = audienceClient(server.url);
    expect((await nextEvent<Hello>(late, 'hello')).session.position?.measure).toBe('17');
    await command(conductor, { type: 'stop' });
    expect(sink).toBeUndefined();
  });
});
