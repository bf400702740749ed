/// <reference lib="dom" />
/**
 * Levels, glossary and language on the phone: the bundled Eroica with its cue sheet (two levels of notes,
 * glossary with German translations) and its real harmony analysis, pushed by the real server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnrichment } from '../../server/enrichment/load.js';
import { DEMO_SCORE_PATH } from '../../server/live/demo.js';
import { loadScore } from '../../server/score/load.js';
import { keepReporting, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';
import { textContrasts } from './pageProbes.js';

let harness: BrowserHarness | undefined;
afterAll(() => harness?.dispose());

describe('levels, glossary and languages', () => {
  it('gives a newcomer a line and plain harmony, the curious a paragraph and a glossary, the expert numerals; German on a switch', async () => {
    const score = await loadScore(DEMO_SCORE_PATH);
    const { table } = await loadEnrichment(score);
    const source = new ManualPositionSource();
    harness = await startBrowserHarness({ server: { positionSource: source, enrichment: table } });
    const page = await harness.browser.newPage();
    await page.goto(`${harness.server.url}/`);
    await page.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();
    await harness.server.session.start('Eroica');
    const reporting = keepReporting(source, positionInMeasure(score, score.measures.findIndex((m) => m.number === '41')));
    await page.getByTestId('current-measure').getByText('41', { exact: true }).waitFor();

    // Newcomer (the default): the one-line note, harmony in words, no chord symbols or numerals.
    await page.getByTestId('program-note').getByText('The theme in full, with trumpets and timpani.').waitFor();
    expect(await page.getByTestId('program-note').innerText()).toContain('Exposition');
    expect(await page.getByTestId('harmony-words').innerText()).toMatch(/\w+ \w+/);
    expect(await page.getByTestId('harmony-chords').count()).toBe(0);
    expect(await page.getByTestId('timeline').getAttribute('data-current')).toBe('Exposition');

    await page.getByTestId('menu').click();
    await page.getByTestId('about').getByText('How this works').waitFor();
    expect(await page.getByTestId('about-recording').innerText()).toContain('Recording (real)');
    await page.getByTestId('level').selectOption('curious');
    await page.getByTestId('menu-close').click();
    // The curious: the paragraph, chord names without numerals, and the glossary term it uses.
    await page.getByTestId('program-note').getByText('the new key of this part of the movement', { exact: false }).waitFor();
    const chords = await page.getByTestId('harmony-chords').innerText();
    expect(chords).not.toMatch(/\(/);
    const term = page.getByTestId('glossary-term').filter({ hasText: 'Key' });
    await term.locator('summary').click();
    expect(await term.innerText()).toMatch(/home note|scale|key/i);

    await page.getByTestId('menu').click();
    await page.getByTestId('level').selectOption('expert');
    await page.getByTestId('language').selectOption('de');
    await page.getByTestId('menu-close').click();
    // The expert: numerals; and everything in German, keys spelt the German way.
    await page.getByTestId('harmony-chords').getByText('(', { exact: false }).waitFor();
    await page.getByText('Takt', { exact: true }).waitFor();
    expect(await page.getByTestId('harmony').innerText()).toMatch(/Es-Dur|B-Dur|c-Moll|f-Moll/);
    expect(await page.getByRole('heading', { name: 'Harmonik' }).count()).toBe(1);
    const contrasts = await textContrasts(page);
    expect(contrasts[0].ratio, JSON.stringify(contrasts[0])).toBeGreaterThanOrEqual(4.5);
    reporting.stop();
    await page.close({ runBeforeUnload: true });
  });
});
