/** Enrichment delivery against a real server: positions in different bars reach phones as reliable `enrichment` events. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Enrichment, Hello } from '../../server/protocol/index.js';
import { choraleEnrichment, ManualPositionSource, positionInMeasure, type ChoraleEnrichment } from '../support/enrichmentFixture.js';
import { audienceClient, closeAllClients, conductorClient, nextEvent } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let chorale: ChoraleEnrichment;
let server: TestServer;
const source = new ManualPositionSource();
const SEARCHING_AFTER_MS = 150;

beforeAll(async () => {
  chorale = await choraleEnrichment();
  server = await startTestServer({ positionSource: source, enrichment: chorale.table, enrichmentOptions: { searchingAfterMs: SEARCHING_AFTER_MS } });
});
afterEach(() => closeAllClients());
afterAll(() => server.dispose());

/** Collects every `enrichment` event a socket receives. */
function collect(socket: ReturnType<typeof audienceClient>): Enrichment[] {
  const got: Enrichment[] = [];
  socket.on('enrichment', (e) => got.push(e));
  return got;
}

describe('enrichment events', () => {
  it('sends the piece in hello, one event per change of bar content, the last one to late joiners, and marks a lost follower', async () => {
    const audience = audienceClient(server.url);
    const hello = await nextEvent<Hello>(audience, 'hello');
    expect(hello.piece).toEqual({ title: chorale.score.title, composer: chorale.score.composer, programTitle: 'Ach Gott und Herr, in four voices' });
    expect(hello.enrichment).toBeNull();
    const conductor = conductorClient(server.url, server.token);
    await nextEvent<Hello>(conductor, 'hello');
    const seen = collect(audience);
    const seenByConductor = collect(conductor);

    const session = await server.session.start('Chorale');
    const first = nextEvent<Enrichment>(audience, 'enrichment');
    source.push(positionInMeasure(chorale.score, 1));
    const bar2 = await first;
    expect(bar2).toEqual({ sessionId: session.sessionId, measure: chorale.table.measures[1], searching: false });
    expect(bar2.measure.note?.text).toContain('first line of the hymn');
    expect(bar2.measure.instruments.flatMap((g) => g.parts)).toHaveLength(chorale.score.parts.length);
    expect(bar2.measure.harmony.length).toBeGreaterThan(0);

    // More ticks in the same bar change nothing; the next bar's content goes out once.
    source.push({ ...positionInMeasure(chorale.score, 1), scoreBeat: chorale.score.measures[1].startBeat + 1.5 });
    const second = nextEvent<Enrichment>(audience, 'enrichment');
    await new Promise((r) => setTimeout(r, 60)); // past the session's 50-ms position interval
    source.push(positionInMeasure(chorale.score, 4));
    const bar5 = await second;
    expect(bar5.measure).toEqual(chorale.table.measures[4]);
    expect(bar5.measure.note?.text).toContain('second line');

    const late = audienceClient(server.url);
    const lateHello = await nextEvent<Hello>(late, 'hello');
    expect(lateHello.enrichment).toEqual(bar5);

    // A brief doubt that recovers in time changes nothing on the phones.
    await new Promise((r) => setTimeout(r, 60));
    source.push(positionInMeasure(chorale.score, 7, 'lost'));
    await new Promise((r) => setTimeout(r, 60));
    source.push(positionInMeasure(chorale.score, 4));
    await new Promise((r) => setTimeout(r, SEARCHING_AFTER_MS + 50));
    expect(seen).toHaveLength(2);

    // Staying lost: keep the passage on screen, marked, rather than jump to the doubtful position's bar.
    const lost = nextEvent<Enrichment>(audience, 'enrichment');
    source.push(positionInMeasure(chorale.score, 7, 'lost'));
    expect(await lost).toEqual({ ...bar5, searching: true });

    await new Promise((r) => setTimeout(r, 100));
    expect(seen.map((e) => [e.measure.measure, e.searching])).toEqual([['2', false], ['5', false], ['5', true]]);
    expect(seenByConductor).toEqual(seen);
    await server.session.stop();
  });

  it('follows an operator jump to the bar asked for', async () => {
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    await server.session.start('Chorale again');
    // A new session starts without the previous one's passage.
    const joiner = audienceClient(server.url);
    expect((await nextEvent<Hello>(joiner, 'hello')).enrichment).toBeNull();
    const jumped = nextEvent<Enrichment>(audience, 'enrichment');
    server.session.jump('3');
    expect((await jumped).measure.measure).toBe('3');
    await server.session.stop();
  });
});
