/// <reference lib="dom" />
/**
 * The engraved score on the phone: verovio in Chromium engraves the server's score around the followed bar,
 * highlights it and follows the server's position; the engraver is fetched only when a score is first shown.
 * Real server (bundled Eroica MusicXML, its real enrichment), the built client, 390×844.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnrichment } from '../../server/enrichment/load.js';
import { DEMO_SCORE_PATH } from '../../server/live/demo.js';
import { loadScore } from '../../server/score/load.js';
import type { Score } from '../../server/score/types.js';
import { keepReporting, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';
import { layoutShifts, observeLayoutShifts } from './pageProbes.js';

let harness: BrowserHarness | undefined;
afterAll(() => harness?.dispose());

const firstPass = (score: Score, label: string) => score.measures.findIndex((m) => m.number === label);

describe('the score on the phone', () => {
  it('engraves the bars around the followed one, highlights it, follows the server, and shows the full score on a tap', async () => {
    const score = await loadScore(DEMO_SCORE_PATH);
    const { table } = await loadEnrichment(score);
    const source = new ManualPositionSource();
    harness = await startBrowserHarness({ server: { positionSource: source, enrichment: table, score } });
    const page = await harness.browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await observeLayoutShifts(page);
    await page.goto(`${harness.server.url}/`);
    await page.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();
    await page.getByTestId('score').getByText('The score appears here once we have found our place.').waitFor();
    // The first paint does not carry the engraver.
    expect(requested.filter((p) => p.includes('verovio'))).toEqual([]);

    await harness.server.session.start('Eroica');
    // A follower holding still at the start of bar 57 (tempo 0: nothing to extrapolate).
    const at57 = { ...positionInMeasure(score, firstPass(score, '57')), tempoBpm: 0 };
    let reporting = keepReporting(source, at57);
    await page.getByTestId('current-measure').getByText('57', { exact: true }).waitFor();
    await page.locator('[data-testid="score-svg"] svg g.measure[data-n="57"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="score-bar-highlight"][data-measure="57"]').waitFor();
    expect(requested.some((p) => p.includes('verovio'))).toBe(true);
    // The highlight sits on bar 57 as verovio drew it.
    const overlap = await page.evaluate(() => {
      const hl = document.querySelector('[data-testid="score-bar-highlight"]')!.getBoundingClientRect();
      const bar = document.querySelector('[data-testid="score-svg"] g.measure[data-n="57"]')!.getBoundingClientRect();
      return { dx: Math.abs(hl.left - bar.left), width: hl.width, barWidth: bar.width };
    });
    expect(overlap.dx).toBeLessThan(overlap.barWidth / 2);
    // One or two staves by default (no main-tune annotations for this score: first violins and cellos).
    const defaultStaves = await page.locator('[data-testid="score-svg"] g.measure[data-n="57"] g.staff').count();
    expect(defaultStaves).toBeGreaterThanOrEqual(1);
    expect(defaultStaves).toBeLessThanOrEqual(2);

    // The music moves on: the engraving follows to another excerpt, the highlight with it.
    reporting.stop();
    reporting = keepReporting(source, { ...positionInMeasure(score, firstPass(score, '84')), tempoBpm: 0 });
    await page.locator('[data-testid="score-bar-highlight"][data-measure="84"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="score-svg"] g.measure[data-n="84"]').count()).toBe(1);

    // Between ticks it moves on at the reported tempo: reports near the end of bar 84 (3/4) at 600 bpm reach bar 85
    // within a few milliseconds each, though every report still names bar 84.
    reporting.stop();
    const bar84 = score.measures[firstPass(score, '84')];
    reporting = keepReporting(source, { ...positionInMeasure(score, bar84.index), scoreBeat: bar84.startBeat + bar84.durationBeat - 0.05, tempoBpm: 600 });
    await page.locator('[data-testid="score-bar-highlight"][data-measure="85"]').waitFor({ timeout: 30_000 });
    reporting.stop();

    // The full score, a tap away.
    await page.getByTestId('score-toggle').click();
    await page.getByRole('heading', { name: 'The full score' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="score-svg"] g.measure[data-n="85"] g.staff').length > 10, undefined, { timeout: 60_000 });
    expect((await layoutShifts(page)).worstMinute).toBeLessThanOrEqual(0.1);
    await page.close({ runBeforeUnload: true });
  });
});
