/// <reference lib="dom" />
/** The audience page showing enrichment pushed by a real server (bundled Eroica: real analysis, bundled program notes). */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnrichment } from '../../server/enrichment/load.js';
import { DEMO_SCORE_PATH } from '../../server/live/demo.js';
import { loadScore } from '../../server/score/load.js';
import type { Score } from '../../server/score/types.js';
import { keepReporting, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';

let harness: BrowserHarness | undefined;
afterAll(() => harness?.dispose());

const firstPass = (score: Score, label: string) => score.measures.findIndex((m) => m.number === label);

describe('audience enrichment at /', () => {
  it('shows the piece, then harmony, instruments and program note of the followed bar, and says when it is finding its place', async () => {
    const score = await loadScore(DEMO_SCORE_PATH);
    const { table } = await loadEnrichment(score);
    const source = new ManualPositionSource();
    harness = await startBrowserHarness({ server: { positionSource: source, enrichment: table, enrichmentOptions: { searchingAfterMs: 100 } } });
    const page = await harness.browser.newPage();
    // The reader chose the curious level (the paragraphs) on an earlier visit.
    await page.addInitScript(() => localStorage.setItem('tutti.settings', JSON.stringify({ level: 'curious' })));
    await page.goto(`${harness.server.url}/`);
    await page.getByTestId('piece').getByText(score.title).waitFor();
    expect(await page.getByTestId('piece').innerText()).toContain('Beethoven');
    // Before the concert: the honest empty states.
    expect(await page.locator('main').innerText()).toContain('No program notes have been published for this concert yet.');

    await harness.server.session.start('Eroica');
    let reporting = keepReporting(source, positionInMeasure(score, firstPass(score, '3')));
    await page.getByTestId('current-measure').getByText('3', { exact: true }).waitFor();
    await page.getByTestId('program-note').getByText('The main theme, quietly, in the cellos').waitFor();
    const instruments = await page.getByTestId('instruments').innerText();
    expect(instruments).toContain('Strings');
    expect(instruments).toContain('Violoncello');
    expect(instruments).not.toContain('Woodwinds');
    expect(await page.getByTestId('harmony').innerText()).toContain('E♭ major');
    expect(await page.getByTestId('program-note').innerText()).toContain('Bars 3–14');

    reporting.stop();
    reporting = keepReporting(source, positionInMeasure(score, firstPass(score, '84')));
    await page.getByTestId('program-note').getByText('the woodwinds alone play a calm, chorale-like theme').waitFor();
    const winds = await page.getByTestId('instruments').innerText();
    expect(winds).toContain('Woodwinds');
    expect(winds).toContain('Oboe 1');
    expect(winds).not.toContain('Strings');
    expect(await page.getByTestId('harmony').innerText()).toContain('B♭ major');

    // The conductor panel sees in one line what the phones show.
    const conductor = await harness.browser.newPage();
    await conductor.goto(`${harness.server.url}/conductor`);
    await conductor.getByLabel('Token').fill(harness.server.token);
    await conductor.getByRole('button', { name: 'Log in' }).click();
    await conductor.getByTestId('conductor-now').getByText('bar 84: B♭ major').waitFor();
    expect(await conductor.getByTestId('conductor-now').innerText()).toContain('note bars 84–98');
    await conductor.close({ runBeforeUnload: true });

    reporting.stop();
    reporting = keepReporting(source, positionInMeasure(score, firstPass(score, '300'), 'lost'));
    // One calm line instead of the bar, and the last sure passage stays, dimmed: nothing invented from the doubtful position.
    await page.getByRole('heading', { name: 'Finding our place' }).waitFor();
    expect(await page.getByTestId('current-measure').count()).toBe(0);
    await page.locator('[data-testid="program-note"][data-stale="true"]').waitFor();
    expect(await page.getByTestId('program-note').innerText()).toContain('chorale-like');
    reporting.stop();
    await page.close({ runBeforeUnload: true });
  });
});
