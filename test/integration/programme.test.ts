/**
 * The programme and the operator's commands against a real server, with real socket.io clients: a two-item
 * programme over real scores whose followers are driven by the test (what the follower hears is what we push).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent, CommandResult, ConductorCommand, FollowerBelief, Hello, Jump, Notice, PositionTick, ProgrammeState } from '../../server/protocol/index.js';
import { readRecording } from '../../server/session/index.js';
import { at, twoChorales, type TwoChorales } from '../support/programmeFixture.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, eventMatching, nextEvent, type AudienceClient, type ConductorClient } from '../support/sockets.js';

let server: TestServer;
let fx: TwoChorales;

beforeEach(async () => {
  fx = await twoChorales();
  server = await startTestServer({
    programme: { title: 'Two chorales', items: fx.items, quietMs: 300 },
    sessionOptions: { holdRepeatMs: 150, handoverAfterMs: 300, handbackAfterMs: 200 },
  });
});
afterEach(async () => {
  closeAllClients();
  await server.dispose();
});

const send = (c: ConductorClient, cmd: ConductorCommand): Promise<CommandResult> => c.timeout(5000).emitWithAck('command', cmd);
async function ok(c: ConductorClient, cmd: ConductorCommand): Promise<Extract<CommandResult, { ok: true }>> {
  const result = await send(c, cmd);
  if (!result.ok) throw new Error(`${cmd.type} refused: ${result.error}`);
  return result;
}
async function conductor(): Promise<ConductorClient> {
  const c = conductorClient(server.url, server.token);
  await nextEvent<Hello>(c, 'hello');
  return c;
}
async function phone(): Promise<{ socket: AudienceClient; hello: Hello; ticks: PositionTick[]; programmes: ProgrammeState[]; jumps: Jump[]; messages: Notice[] }> {
  const socket = audienceClient(server.url);
  const ticks: PositionTick[] = [];
  const programmes: ProgrammeState[] = [];
  const jumps: Jump[] = [];
  const messages: Notice[] = [];
  socket.on('position', (t) => ticks.push(t));
  socket.on('programme', (p) => programmes.push(p));
  socket.on('jump', (j) => jumps.push(j));
  socket.on('message', (m) => messages.push(m));
  const hello = await nextEvent<Hello>(socket, 'hello');
  return { socket, hello, ticks, programmes, jumps, messages };
}
/** Pushes follower positions (as a follower does, ~50/s) until stopped. */
function keepPushing(push: () => void): () => void {
  const timer = setInterval(push, 20);
  return () => clearInterval(timer);
}
const until = async (what: string, condition: () => boolean, timeoutMs = 10_000) => {
  const t0 = Date.now();
  while (!condition()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the programme', () => {
  it('greets every client with the programme, and arms the first item when the session starts', async () => {
    const c = await conductor();
    const p = await phone();
    expect(p.hello.programme).toEqual({
      title: 'Two chorales',
      items: [
        { id: 'chorale-1', kind: 'piece', title: 'Chorale 1', composer: 'J. S. Bach', movement: null },
        { id: 'chorale-2', kind: 'piece', title: 'Chorale 2', composer: 'J. S. Bach', movement: null },
      ],
      currentItemId: 'chorale-1',
      nextItemId: 'chorale-2',
      mode: 'auto',
      phase: 'idle',
      handover: false,
      section: null,
    });
    const started = await ok(c, { type: 'start' });
    expect(started.programme).toMatchObject({ currentItemId: 'chorale-1', phase: 'between' });
    expect(fx.sources[0].calls).toEqual(['start']);
    // The follower locks: the item is playing, and the phones hear of its section.
    const stop = keepPushing(() => fx.sources[0].push(at(fx.scores[0], 1)));
    try {
      await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => s.phase === 'playing' && s.section?.title === 'First line');
    } finally {
      stop();
    }
  });

  it('select arms another item from a given bar; an unknown item or bar is refused and nothing changes', async () => {
    const c = await conductor();
    const p = await phone();
    await ok(c, { type: 'start' });
    expect(await send(c, { type: 'select', itemId: 'chorale-9' })).toEqual({ ok: false, error: 'select: the programme has no item "chorale-9" (items: chorale-1, chorale-2)' });
    expect(await send(c, { type: 'select', itemId: 'chorale-2', fromMeasure: '999' })).toEqual({ ok: false, error: 'select: "Chorale 2" has no bar "999"' });
    expect(fx.sources[1].calls).toEqual([]);
    const selected = await ok(c, { type: 'select', itemId: 'chorale-2', fromMeasure: '3' });
    expect(selected.programme).toMatchObject({ currentItemId: 'chorale-2', nextItemId: null, phase: 'between' });
    expect(fx.sources[0].calls).toEqual(['start', 'stop']);
    expect(fx.sources[1].calls).toEqual(['start', 'jump 3']);
    await until('the phone hears of the selection', () => p.programmes.some((s) => s.currentItemId === 'chorale-2'));
    // Bars are now checked against the second chorale.
    expect(await send(c, { type: 'jump', measure: String(fx.scores[1].measures.length + 5) })).toMatchObject({ ok: false, error: expect.stringMatching(/"Chorale 2" has no bar/) });
  });

  it('refuses a jump to a bar the score does not have: nothing reaches a phone or the recording as a jump', async () => {
    const c = await conductor();
    const phones = [await phone(), await phone()];
    await ok(c, { type: 'start' });
    const id = server.session.snapshot().sessionId!;
    const ticksBefore = phones.map((p) => p.ticks.length);
    for (const label of ['abc', '9999', '0']) {
      expect(await send(c, { type: 'jump', measure: label })).toEqual({ ok: false, error: `jump: "Chorale 1" has no bar "${label}"` });
    }
    expect(await send(c, { type: 'jump', measure: 'x'.repeat(200_000) } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/^jump: no bar is labelled "x+…/) });
    // A good jump after them is the only one anyone sees (and orders after the refused ones on every socket).
    await ok(c, { type: 'jump', measure: '5' });
    for (const p of phones) await until('the good jump', () => p.jumps.length > 0);
    for (const [i, p] of phones.entries()) {
      expect(p.jumps.map((j) => j.measure)).toEqual(['5']);
      expect(p.ticks.slice(ticksBefore[i]).map((t) => [t.source, t.position.measure])).toEqual([['operator', '5']]);
    }
    expect(fx.sources[0].calls).toEqual(['start', 'jump 5']);
    await ok(c, { type: 'stop' });
    const events = (await readRecording(server.dataDir, id)).events.map((e) => e.event);
    expect(events.filter((e) => e.type === 'jump')).toEqual([{ type: 'jump', jump: { sessionId: id, measure: '5' } }]);
    const audits = events.filter((e): e is AuditEvent => e.type === 'audit');
    expect(audits.map((a) => [a.command.type, a.result.ok])).toEqual([
      ['start', true],
      ['jump', false],
      ['jump', false],
      ['jump', false],
      ['invalid', false],
      ['jump', true],
      ['stop', true],
    ]);
  });

  it('in manual mode the operator’s cue holds on every phone, whatever the follower hears; the panel sees the follower', async () => {
    const c = await conductor();
    const beliefs: FollowerBelief[] = [];
    c.on('belief', (b) => beliefs.push(b));
    const phones = [await phone(), await phone(), await phone()];
    await ok(c, { type: 'start' });
    expect(await send(c, { type: 'cue', measure: '4' })).toMatchObject({ ok: false, error: expect.stringMatching(/switch to manual mode first/) });
    const manual = await ok(c, { type: 'mode', mode: 'manual' });
    expect(manual.programme.mode).toBe('manual');
    expect(await send(c, { type: 'cue', measure: 'zz' })).toEqual({ ok: false, error: 'cue: "Chorale 1" has no bar "zz"' });
    const cued = await ok(c, { type: 'cue', measure: '4' });
    expect(cued.session).toMatchObject({ currentMeasure: '4', source: 'operator' });
    const cueSeq = Math.max(...phones.map((p) => p.ticks.find((t) => t.position.measure === '4')?.seq ?? -1));

    // The follower hears the music elsewhere (bar 9, then bar 2), for a while.
    let bar = 8;
    const stop = keepPushing(() => fx.sources[0].push(at(fx.scores[0], (bar = bar === 8 ? 1 : 8))));
    try {
      for (const p of phones) await until('the cue repeated while it holds', () => p.ticks.filter((t) => t.seq >= cueSeq).length >= 4);
      await until('the follower’s belief on the panel', () => beliefs.length >= 3);
    } finally {
      stop();
    }
    for (const p of phones) {
      const after = p.ticks.filter((t) => t.seq >= cueSeq);
      expect(new Set(after.map((t) => `${t.source} ${t.position.measure}`))).toEqual(new Set(['operator 4']));
      expect(after.map((t) => t.seq)).toEqual([...after.map((t) => t.seq)].sort((a, b) => a - b));
    }
    expect(new Set(beliefs.map((b) => b.position.measure))).toEqual(new Set(['2', '9']));

    // The keys: next bar, previous bar, next section.
    expect((await ok(c, { type: 'step', unit: 'bar', by: 1 })).session.currentMeasure).toBe('5');
    expect((await ok(c, { type: 'step', unit: 'bar', by: -2 })).session.currentMeasure).toBe('3');
    expect((await ok(c, { type: 'step', unit: 'section', by: 1 })).session.currentMeasure).toBe('4');
    expect((await ok(c, { type: 'step', unit: 'section', by: 1 })).session.currentMeasure).toBe('7');
    for (const p of phones) await until('the last cue', () => p.ticks.at(-1)?.position.measure === '7');

    // Back to automatic: the follower continues from the operator's bar.
    await ok(c, { type: 'mode', mode: 'auto' });
    expect(fx.sources[0].calls.at(-1)).toBe('jump 7');
    const stop2 = keepPushing(() => fx.sources[0].push(at(fx.scores[0], 7)));
    try {
      for (const p of phones) await until('follower ticks again', () => p.ticks.at(-1)?.source === 'follower');
    } finally {
      stop2();
    }
  });

  it('offers a hand-over while the follower stays unsure, and withdraws it when it is sure again', async () => {
    const c = await conductor();
    const p = await phone();
    await ok(c, { type: 'start' });
    let confidence = 0.9;
    const stop = keepPushing(() => fx.sources[0].push(at(fx.scores[0], 2, confidence > 0.5 ? 'following' : 'uncertain', confidence)));
    try {
      await until('following', () => p.ticks.length > 3);
      expect(p.programmes.some((s) => s.handover)).toBe(false);
      confidence = 0.1;
      const panel = eventMatching<ProgrammeState>(c, 'programme', (s) => s.handover);
      await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => s.handover);
      await panel;
      confidence = 0.9;
      await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => !s.handover);
    } finally {
      stop();
    }
  });

  it('pauses for the interval and resumes where the music was', async () => {
    const c = await conductor();
    expect(await send(c, { type: 'pause' })).toEqual({ ok: false, error: 'pause needs a live session' });
    await ok(c, { type: 'start' });
    expect(await send(c, { type: 'resume' })).toEqual({ ok: false, error: 'resume: nothing is paused' });
    const stop = keepPushing(() => fx.sources[0].push(at(fx.scores[0], 5)));
    await until('bar 6 shown', () => server.session.snapshot().currentMeasure === '6');
    stop();
    const paused = await ok(c, { type: 'pause' });
    expect(paused.programme.phase).toBe('interval');
    expect(fx.sources[0].live).toBe(false);
    expect(await send(c, { type: 'pause' })).toMatchObject({ ok: false, error: expect.stringMatching(/already begun/) });
    const resumed = await ok(c, { type: 'resume' });
    expect(resumed.programme.phase).toBe('between');
    expect(fx.sources[0].calls).toEqual(['start', 'stop', 'start', 'jump 6']);
  });

  it('sends the operator’s notice to every phone, length-limited', async () => {
    const c = await conductor();
    const p = await phone();
    expect(await send(c, { type: 'message', text: 'x'.repeat(201) })).toEqual({ ok: false, error: 'message: "text" must be at most 200 characters' });
    await ok(c, { type: 'message', text: '  The second half begins in five minutes.  ' });
    await until('the notice', () => p.messages.length === 1);
    expect(p.messages[0]).toMatchObject({ text: 'The second half begins in five minutes.', sessionId: null });
    expect((await phone()).hello.message?.text).toBe('The second half begins in five minutes.');
  });

  it('finds the end of an item (final bar, then quiet) and arms the next, which plays when the follower locks', async () => {
    const c = await conductor();
    const p = await phone();
    await ok(c, { type: 'start' });
    const last = fx.scores[0].measures.length - 1;
    // The final bar, then the follower waits through applause: the item is over.
    let state: 'following' | 'waiting' = 'following';
    const stop = keepPushing(() => fx.sources[0].push(at(fx.scores[0], last, state, state === 'following' ? 0.9 : 0.1)));
    try {
      await until('the final bar', () => server.session.snapshot().currentMeasure === fx.scores[0].measures[last]!.number);
      state = 'waiting';
      await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => s.currentItemId === 'chorale-2' && s.phase === 'between');
    } finally {
      stop();
    }
    expect(fx.sources[0].live).toBe(false);
    expect(fx.sources[1].calls).toEqual(['start']);
    const stop2 = keepPushing(() => fx.sources[1].push(at(fx.scores[1], 0)));
    try {
      await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => s.currentItemId === 'chorale-2' && s.phase === 'playing');
    } finally {
      stop2();
    }
    // The input of the last item ends: the programme is over (it does not loop).
    fx.sources[1].end();
    await eventMatching<ProgrammeState>(p.socket, 'programme', (s) => s.phase === 'ended');
    expect(server.session.snapshot().state).toBe('live');
  });
});
