/** The audience page as a person sees it, in Debian Chromium against the real server. */
import { afterAll, describe, expect, it } from 'vitest';
import { sharedBrowserHarness } from './harness.js';

const harness = sharedBrowserHarness();
afterAll(() => harness.dispose());

describe('audience view at /', () => {
  it('honestly shows that the concert has not started, with empty sections and no invented bar', async () => {
    const h = await harness.get();
    const page = await h.browser.newPage();
    await page.goto(`${h.server.url}/`);
    await page.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();
    await page.getByTestId('audience-count').getByText('1 listening').waitFor();
    const text = await page.locator('main').innerText();
    for (const heading of ['HARMONY', 'PROGRAM NOTES', 'INSTRUMENTS']) expect(text.toUpperCase()).toContain(heading);
    expect(text).toContain('No program notes have been published for this concert yet.');
    expect(await page.getByTestId('current-measure').count()).toBe(0);
    await page.close({ runBeforeUnload: true }); // as a person closes the tab: pagehide fires
  });

  it('updates the live audience count when a second phone joins and leaves', async () => {
    const h = await harness.get();
    const first = await h.browser.newPage();
    await first.goto(`${h.server.url}/`);
    await first.getByTestId('audience-count').getByText('1 listening').waitFor();

    const second = await h.browser.newPage();
    await second.goto(`${h.server.url}/`);
    await first.getByTestId('audience-count').getByText('2 listening').waitFor();
    await second.getByTestId('audience-count').getByText('2 listening').waitFor();

    await second.close({ runBeforeUnload: true });
    await first.getByTestId('audience-count').getByText('1 listening').waitFor();
    await first.close({ runBeforeUnload: true });
  });
});
