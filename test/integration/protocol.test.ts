/** Protocol 2 against a real server with real socket.io clients: tick numbering and time, the clock exchange, the audit trail. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Position } from '../../server/pipeline.js';
import type { AuditEvent, ClockReply, CommandResult, ConductorCommand, Hello, PositionTick } from '../../server/protocol/index.js';
import { readRecording, type PositionSink, type PositionSource } from '../../server/session/index.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, eventMatching, nextEvent, type ConductorClient } from '../support/sockets.js';

let server: TestServer;
let sink: PositionSink | undefined;
const source: PositionSource = { start: (s) => void (sink = s), stop: () => void (sink = undefined) };
const at = (measure: string, reportSec: number): Position => ({ reportSec, scoreSec: reportSec, scoreBeat: reportSec * 2, measure, beatInMeasure: 1, tempoBpm: 120, confidence: 0.9, state: 'following' });

beforeEach(async () => {
  server = await startTestServer({ positionSource: source });
});
afterEach(async () => {
  closeAllClients();
  await server.dispose();
});

async function loggedInConductor(): Promise<ConductorClient> {
  const conductor = conductorClient(server.url, server.token);
  await nextEvent<Hello>(conductor, 'hello');
  return conductor;
}
const command = (c: ConductorClient, cmd: ConductorCommand): Promise<CommandResult> => c.timeout(5000).emitWithAck('command', cmd);

describe('protocol 2', () => {
  it('numbers every tick of a session from 1 up by exactly 1 and stamps it with the server clock', async () => {
    const conductor = await loggedInConductor();
    const audience = audienceClient(server.url);
    const hello = await nextEvent<Hello>(audience, 'hello');
    expect(hello.programme).toMatchObject({ items: [], currentItemId: null, mode: 'auto', phase: 'idle' });
    await command(conductor, { type: 'start' });
    const ticks: PositionTick[] = [];
    audience.on('position', (t) => ticks.push(t));
    // Ticks are volatile: keep feeding (as a follower does) until enough have arrived; the session sends one per 50 ms.
    let t = 0;
    const before = Date.now();
    const feeder = setInterval(() => sink?.position(at(String(1 + Math.floor(t / 2)), (t += 0.06))), 20);
    try {
      await eventMatching<PositionTick>(audience, 'position', () => ticks.length >= 8, 15_000);
    } finally {
      clearInterval(feeder);
    }
    const after = Date.now();
    // A volatile tick may be dropped on a busy socket: the numbers then skip, never repeat or go back.
    const seqs = ticks.map((x) => x.seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    for (const x of ticks) {
      expect(x.source).toBe('follower');
      expect(x.serverTimeMs).toBeGreaterThanOrEqual(before);
      expect(x.serverTimeMs).toBeLessThanOrEqual(after);
    }
    expect(ticks.map((x) => x.serverTimeMs)).toEqual([...ticks.map((x) => x.serverTimeMs)].sort((a, b) => a - b));

    // The recording holds every tick sent: there the numbers rise by exactly one from 1.
    const id = server.session.snapshot().sessionId!;
    await command(conductor, { type: 'stop' });
    const recorded = (await readRecording(server.dataDir, id)).events.flatMap((e) => (e.event.type === 'position' ? [e.event.tick] : []));
    expect(recorded.length).toBeGreaterThanOrEqual(ticks.length);
    expect(recorded.map((x) => x.seq)).toEqual(recorded.map((_, i) => i + 1));
    for (const x of ticks) expect(recorded.find((r) => r.seq === x.seq)).toEqual(x);
  });

  it('answers the clock exchange on /audience and /conductor with the client time and the server time', async () => {
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    const before = Date.now();
    const reply: ClockReply = await audience.timeout(5000).emitWithAck('clock', { clientSendMs: 123.5 });
    expect(reply.clientSendMs).toBe(123.5);
    expect(reply.serverTimeMs).toBeGreaterThanOrEqual(before);
    expect(reply.serverTimeMs).toBeLessThanOrEqual(Date.now());
    const conductor = await loggedInConductor();
    expect((await conductor.timeout(5000).emitWithAck('clock', { clientSendMs: 7 })).clientSendMs).toBe(7);
    // A request without its send time is not answered (there is no round trip to measure).
    await expect(audience.timeout(300).emitWithAck('clock', { clientSendMs: 'soon' } as never)).rejects.toThrow();
  });

  it('writes every command, accepted or refused, to the audit trail: every conductor and the recording', async () => {
    const conductor = await loggedInConductor();
    const other = await loggedInConductor();
    const seen: AuditEvent[] = [];
    other.on('audit', (a) => seen.push(a));
    await command(conductor, { type: 'start', title: 'Audit' });
    const id = server.session.snapshot().sessionId!;
    await command(conductor, { type: 'mode', mode: 'manual' });
    await command(conductor, { type: 'mode', mode: 'auto' });
    await command(conductor, { type: 'message', text: 'Welcome' });
    expect(await command(conductor, { type: 'select', itemId: 'nope' })).toMatchObject({ ok: false, error: expect.stringMatching(/no programme/) });
    expect(await conductor.timeout(5000).emitWithAck('command', { type: 'jump', measure: 'x'.repeat(200_000) } as never)).toMatchObject({ ok: false });
    await command(conductor, { type: 'stop' });
    await eventMatching(other, 'audit', () => seen.length === 7);
    expect(seen.map((a) => [a.command.type, a.result.ok])).toEqual([
      ['start', true],
      ['mode', true],
      ['mode', true],
      ['message', true],
      ['select', false],
      ['invalid', false],
      ['stop', true],
    ]);
    // The huge label is refused by its shape and kept short in the trail.
    expect(seen[5]!.command).toEqual({ type: 'invalid', raw: expect.stringMatching(/^\{"type":"jump","measure":"x+… \(200028 characters\)$/) });
    expect(seen[5]!.result).toEqual({ ok: false, error: expect.stringMatching(/^jump: no bar is labelled "x+… \(200002 characters\)$/) });
    for (const a of seen) expect(a.by).toMatch(/ from /);

    const audits = (await readRecording(server.dataDir, id)).events.flatMap((e) => (e.event.type === 'audit' ? [e.event] : []));
    expect(audits).toEqual(seen);
  });
});
