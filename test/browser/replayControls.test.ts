/// <reference lib="dom" />
/**
 * The replay after rehearsal, behind its login: refused without the token, then it lists a session by a
 * readable name, plays it, draws the tempo and confidence curves, pauses and seeks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { choraleEnrichment, keepReporting, ManualPositionSource, positionInMeasure } from '../support/enrichmentFixture.js';
import { startBrowserHarness, type BrowserHarness } from './harness.js';

let harness: BrowserHarness | undefined;
afterAll(() => harness?.dispose());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('replay controls at /replay', () => {
  it('refuses without a login, then plays, plots the tempo curve, pauses and seeks', async () => {
    const { score, table } = await choraleEnrichment();
    const source = new ManualPositionSource();
    harness = await startBrowserHarness({ server: { positionSource: source, enrichment: table, replayToken: 'replay-secret' } });
    const { server, browser } = harness;

    // An untitled rehearsal: two passages at two tempi.
    await server.session.start();
    let reporting = keepReporting(source, { ...positionInMeasure(score, 1), tempoBpm: 90 });
    await pause(1500);
    reporting.stop();
    reporting = keepReporting(source, { ...positionInMeasure(score, 4), tempoBpm: 130 });
    await pause(1500);
    reporting.stop();
    await server.session.stop();

    const page = await browser.newPage();
    await page.goto(`${server.url}/replay`);
    await page.getByTestId('replay-login').waitFor();
    await page.getByLabel('Token').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong token: access denied.').waitFor();
    await page.getByLabel('Token').fill('replay-secret');
    await page.getByRole('button', { name: 'Log in' }).click();
    // Listed by when it started, not by its raw id.
    const item = page.getByRole('listitem').filter({ hasText: 'Session of' });
    await item.waitFor();
    expect(await item.innerText()).not.toContain(server.session.snapshot().sessionId!);
    await item.getByRole('button', { name: 'Play' }).click();

    await page.locator('[data-testid="replay-plot"] canvas').waitFor();
    await page.getByTestId('program-note').getByText('The second line answers the first').waitFor();
    await page.getByTestId('replay-pause').click();
    await page.getByTestId('replay-resume').waitFor();
    // Seek back to the first passage: the screen shows what the phones showed then.
    await page.getByTestId('replay-seek').evaluate((el: HTMLInputElement) => {
      el.value = '700';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.getByTestId('program-note').getByText('The first line of the hymn').waitFor();
    expect(await page.getByTestId('current-measure').innerText()).toBe(score.measures[1].number);
    await page.getByTestId('replay-resume').click();
    await page.getByTestId('replay-progress').getByText('finished').waitFor();
    await page.close({ runBeforeUnload: true });
  });
});
