/// <reference lib="dom" />
/**
 * The phone never shows a bar it is not sure of, never jumps under the reader's thumb, stays readable,
 * says within seconds when the link is gone, and clears the passage when the concert ends.
 * Real server, real socket.io, the built client in Debian Chromium at 390×844.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { choraleEnrichment, keepReporting, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startFreezableProxy } from '../support/freezableProxy.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';
import { layoutShifts, observeLayoutShifts, textContrasts } from './pageProbes.js';

const harnesses: BrowserHarness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.dispose();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the audience screen stays honest and still', () => {
  it('shows no bar before the first lock or while unsure, one calm line instead, and a clear end', async () => {
    const { score, table } = await choraleEnrichment();
    const source = new ManualPositionSource();
    const h = await startBrowserHarness({ server: { positionSource: source, enrichment: table, enrichmentOptions: { searchingAfterMs: 100 } } });
    harnesses.push(h);
    const page = await h.browser.newPage();
    await observeLayoutShifts(page);
    await page.goto(`${h.server.url}/`);
    await page.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();

    await h.server.session.start('Chorale');
    // The follower is listening but not sure yet: it names bar 1, the phone shows no bar.
    const listening = keepReporting(source, positionInMeasure(score, 0, 'waiting'));
    await page.getByRole('heading', { name: 'The concert has started' }).waitFor();
    await pause(500);
    expect(await page.getByTestId('current-measure').count()).toBe(0);
    listening.stop();

    let reporting = keepReporting(source, positionInMeasure(score, 1));
    await page.getByTestId('current-measure').getByText(score.measures[1].number, { exact: true }).waitFor();
    expect(await page.getByTestId('source-mark').innerText()).toBe('Bar from the listening machine · sure');
    await page.getByTestId('program-note').waitFor();
    const following = await textContrasts(page);

    // A long doubt: the bar goes, one calm line comes, the last sure passage stays dimmed.
    reporting.stop();
    reporting = keepReporting(source, positionInMeasure(score, 5, 'lost'));
    await page.getByRole('heading', { name: 'Finding our place' }).waitFor();
    expect(await page.getByTestId('current-measure').count()).toBe(0);
    await page.locator('[data-testid="program-note"][data-stale="true"]').waitFor();
    expect(await page.getByTestId('program-note').innerText()).toContain('The first line of the hymn');
    const unsure = await textContrasts(page);

    reporting.stop();
    reporting = keepReporting(source, positionInMeasure(score, 4));
    await page.getByTestId('current-measure').getByText(score.measures[4].number, { exact: true }).waitFor();
    reporting.stop();

    await h.server.session.stop();
    await page.getByRole('heading', { name: 'The concert has ended' }).waitFor();
    await page.getByTestId('ended').waitFor();
    for (const id of ['harmony', 'program-note', 'instruments', 'current-measure']) expect(await page.getByTestId(id).count(), id).toBe(0);
    const ended = await textContrasts(page);

    for (const findings of [following, unsure, ended]) {
      expect(findings.length).toBeGreaterThan(3);
      expect(findings[0].ratio, JSON.stringify(findings[0])).toBeGreaterThanOrEqual(4.5);
    }
    // The state changes above moved nothing below them.
    expect((await layoutShifts(page)).worstMinute).toBeLessThanOrEqual(0.1);

    // The second language, switched on the page.
    await page.getByTestId('menu').click();
    await page.getByTestId('language').selectOption('de');
    await page.getByTestId('menu-close').click();
    await page.getByRole('heading', { name: 'Das Konzert ist zu Ende' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.close({ runBeforeUnload: true });
  });

  it('shows a silently dropped connection within 5 s and recovers by itself', async () => {
    const h = await startBrowserHarness();
    harnesses.push(h);
    const proxy = await startFreezableProxy(h.server.port);
    try {
      const page = await h.browser.newPage();
      await page.goto(`${proxy.url}/`);
      await page.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();
      await pause(500);
      // The page notes, on the shared system clock, when the warning appears.
      await page.evaluate(() => {
        const el = document.querySelector('[data-testid="connection"]')!;
        new MutationObserver(() => {
          const w = window as unknown as { __lostAt?: number };
          if (el.textContent?.trim() && w.__lostAt === undefined) w.__lostAt = Date.now();
        }).observe(el, { childList: true, subtree: true, characterData: true });
      });
      const frozenAt = Date.now();
      proxy.freeze();
      await page.getByTestId('connection').getByText('Connection lost').waitFor({ timeout: 15_000 });
      const lostAt = await page.evaluate(() => (window as unknown as { __lostAt?: number }).__lostAt);
      expect(lostAt! - frozenAt).toBeLessThanOrEqual(5000);

      proxy.thaw();
      await h.server.session.start('After the drop');
      await page.getByRole('heading', { name: 'The concert has started' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('connection').getByText('Connection lost').waitFor({ state: 'detached', timeout: 30_000 });
      await page.close({ runBeforeUnload: true });
    } finally {
      await proxy.close();
    }
  });
});
