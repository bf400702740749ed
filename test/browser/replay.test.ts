/** The replay page shows what the audience saw: the piece and each bar's harmony, instruments and program note. */
import { afterAll, describe, expect, it } from 'vitest';
import { choraleEnrichment, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';

let harness: BrowserHarness | undefined;
afterAll(() => harness?.dispose());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SECTIONS = ['harmony', 'instruments', 'program-note'] as const;

describe('replay at /replay', () => {
  it('shows the piece and the recorded enrichment exactly as the audience page showed it', async () => {
    const { score, table } = await choraleEnrichment();
    const source = new ManualPositionSource();
    harness = await startBrowserHarness({ server: { positionSource: source, enrichment: table } });
    const { server, browser } = harness;

    const audience = await browser.newPage();
    await audience.goto(`${server.url}/`);
    await audience.getByTestId('piece').getByText(score.title).waitFor();
    await server.session.start('Chorale replay');
    source.push(positionInMeasure(score, 1));
    await audience.getByTestId('program-note').getByText('The first line of the hymn').waitFor();
    await pause(500); // long enough for the replay (at 1×) to show this bar for a moment, even on a loaded machine
    source.push(positionInMeasure(score, 4));
    await audience.getByTestId('program-note').getByText('The second line answers the first').waitFor();
    const seenByAudience = await Promise.all(SECTIONS.map((id) => audience.getByTestId(id).innerText()));
    await pause(1000); // the replay (at 1×) shows this bar for as long before the end
    await server.session.stop();
    await audience.close({ runBeforeUnload: true });

    const replay = await browser.newPage();
    await replay.goto(`${server.url}/replay`);
    await replay.getByRole('listitem').filter({ hasText: 'Chorale replay' }).getByRole('button', { name: 'Play' }).click();
    // Mid-replay, the first bar's passage appears as it did on the phones.
    await replay.getByTestId('program-note').getByText('The first line of the hymn').waitFor();
    await replay.getByTestId('program-note').getByText('The second line answers the first').waitFor();
    const seenInReplay = await Promise.all(SECTIONS.map((id) => replay.getByTestId(id).innerText()));
    expect(seenInReplay).toEqual(seenByAudience);
    await replay.getByTestId('replay-progress').getByText('finished').waitFor();
    await replay.getByRole('heading', { name: 'The concert has ended' }).waitFor();
    expect(await replay.getByTestId('piece').innerText()).toContain(score.title);
    // As on the phones after the concert: a clear end, the last bar's harmony and notes gone.
    await replay.getByTestId('ended').waitFor();
    for (const id of SECTIONS) expect(await replay.getByTestId(id).count()).toBe(0);
    await replay.close({ runBeforeUnload: true });
  });
});
