/**
 * The bundled Haydn 104/i through a real server: what phones receive from its cue sheet and main-tune
 * annotations — the structure timeline and glossary in hello, then per bar the section and the passage note at
 * both levels, the spotlight and who has the tune.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnrichment } from '../../server/enrichment/load.js';
import type { EnrichmentTable } from '../../server/enrichment/table.js';
import type { Enrichment, Hello } from '../../server/protocol/index.js';
import { BUNDLED_SCORES_DIR } from '../../server/repertoire/bundled.js';
import { loadScore } from '../../server/score/load.js';
import type { Score } from '../../server/score/types.js';
import { ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { audienceClient, closeAllClients, eventMatching, nextEvent } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let score: Score;
let table: EnrichmentTable;
let server: TestServer;
const source = new ManualPositionSource();

beforeAll(async () => {
  score = await loadScore(join(BUNDLED_SCORES_DIR, 'haydn-symphony104-mvt1', 'Haydn_104_1.mxl'));
  table = (await loadEnrichment(score)).table;
  server = await startTestServer({ positionSource: source, enrichment: table });
}, 120_000);
afterEach(() => closeAllClients());
afterAll(() => server.dispose());

/** Performance-order index of the first pass of a printed bar. */
const firstPass = (label: string): number => score.measures.findIndex((m) => m.number === label);

describe('cue-sheet enrichment on the wire', () => {
  it('sends the timeline, glossary and about facts in hello, then section and passage notes at both levels, spotlights and the tune', async () => {
    const audience = audienceClient(server.url);
    const hello = await nextEvent<Hello>(audience, 'hello');
    expect(hello.piece?.sections?.map((s) => s.name)).toEqual(['Introduction', 'Exposition', 'Development', 'Recapitulation']);
    // The exposition repeat: the phone's timeline knows the section is entered twice.
    expect(hello.piece?.sections?.[1].measureIndices).toEqual(score.measures.flatMap((m, k) => (m.number === '18' ? [k] : [])));
    expect(hello.piece?.glossary?.find((g) => g.key === 'monothematic')?.term).toBe('Monothematic');
    expect(hello.piece?.about?.recording.kind).toBe('rendered');
    expect(hello.piece?.about?.attributions.some((a) => a.includes('CC BY-SA'))).toBe(true);

    await server.session.start('Haydn');
    const bar66 = eventMatching<Enrichment>(audience, 'enrichment', (e) => e.measure.measure === '66');
    source.push(positionInMeasure(score, firstPass('66')));
    const got = (await bar66).measure;
    expect(got.section).toMatchObject({ name: 'Exposition', from: '18', to: '124' });
    expect(got.section?.short).toMatch(/^The Allegro begins softly/);
    expect(got.section?.long).toContain('monothematic');
    expect(got.section?.terms).toEqual(['tutti', 'monothematic']);
    expect(got.note).toMatchObject({ from: '66', to: '80', title: 'The main theme in a new key' });
    expect(got.note?.short).toBe('The flute brings back the main theme, now in A major.');
    expect(got.note?.long).toContain('gives the flute and oboe the main theme again');
    expect(got.spotlights).toEqual([expect.objectContaining({ instrument: 'the flute', parts: ['Flute 1'] })]);
    expect(got.mainTune).toEqual({ partId: expect.any(String), part: 'Flute 1', label: 'b', theme: 'The main theme', since: { measure: '66', beat: 1 } });
    expect(got).toEqual(table.measures[firstPass('66')]);

    // Later in the Allegro the tune has moved to the first violins, with the closing theme.
    const bar82 = eventMatching<Enrichment>(audience, 'enrichment', (e) => e.measure.measure === '82');
    await new Promise((r) => setTimeout(r, 60));
    source.push(positionInMeasure(score, firstPass('82')));
    const later = (await bar82).measure;
    expect(later.mainTune).toMatchObject({ part: 'Violin 1', label: 'f', theme: 'The closing theme', since: { measure: '81', beat: 1 } });
    expect(later.spotlights).toEqual([]);
    await server.session.stop();
  });
});
