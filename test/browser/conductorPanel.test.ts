/// <reference lib="dom" />
/**
 * The conductor panel at a laptop's width (1366×900) in Debian Chromium, against the real server running a
 * two-item programme over real scores; what each item's follower hears is pushed by the test (ScriptedSource).
 * Select, the mode switch and the cue keys, the follower's belief in manual mode, the tempo and confidence plots
 * (pixels actually drawn on their canvases), Stop with its confirm step, readouts cleared after Stop.
 * Screenshots go to os.tmpdir() (or to $TUTTI_SCREENSHOTS, which is how docs/img/ was made).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { at, twoChorales, type TwoChorales } from '../support/programmeFixture.js';
import { sharedBrowserHarness, type BrowserHarness } from './harness.js';

const SHOTS = process.env.TUTTI_SCREENSHOTS ?? join(tmpdir(), 'tutti-screenshots');
let fx: TwoChorales;
const harness = sharedBrowserHarness({
  server: {
    get programme() {
      return { title: 'Two chorales', items: fx.items, quietMs: 60_000 };
    },
    sessionOptions: { handoverAfterMs: 600, handbackAfterMs: 300, holdRepeatMs: 300 },
  },
});
afterAll(() => harness.dispose());

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

/** Pixels of a plot's canvas that are not background: a drawn line leaves some. */
async function inkOf(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    // The series colours: gold (tempo) and blue (confidence); axes and grid are grey.
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 30 || Math.abs(g - b) > 30 || Math.abs(r - b) > 30)) ink++;
    }
    return ink;
  });
}

function pushing(push: () => void): () => void {
  const timer = setInterval(push, 25);
  return () => clearInterval(timer);
}

describe('the conductor panel on a laptop', () => {
  it('selects, switches mode, cues with the keys, plots the follower, and asks before Stop', async () => {
    fx = await twoChorales();
    const h: BrowserHarness = await harness.get();
    const server = h.server;
    const panel = await h.browser.newPage();
    await panel.setViewportSize({ width: 1366, height: 900 });
    await panel.goto(`${server.url}/conductor`);
    await panel.getByLabel('Token').fill(server.token);
    await panel.getByRole('button', { name: 'Log in' }).click();
    await panel.getByTestId('session-state').getByText('waiting').waitFor();
    await panel.getByTestId('programme-item-chorale-1').getByText('now').waitFor();
    await panel.getByTestId('programme-item-chorale-2').getByText('next').waitFor();

    const phone = await h.browser.newPage();
    await phone.goto(`${server.url}/`);
    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Start session' }).click();
    await panel.getByTestId('session-state').getByText('live').waitFor();

    // The follower plays through the first chorale, its tempo and confidence moving: both plots are drawn.
    let k = 0;
    let stop = pushing(() => {
      k++;
      const p = at(fx.scores[0], Math.min(8, Math.floor(k / 20)), 'following', 0.5 + 0.4 * Math.sin(k / 9));
      fx.sources[0].push({ ...p, tempoBpm: 90 + 15 * Math.sin(k / 13) });
    });
    await panel.getByTestId('follower-state').getByText('following').waitFor();
    await panel.waitForFunction(() => Number(document.querySelector('[data-testid="tempo-plot"] .plot-host')?.getAttribute('data-points') ?? 0) >= 8, undefined, { timeout: 20_000 });
    expect(await inkOf(panel, 'tempo-plot')).toBeGreaterThan(50);
    expect(await inkOf(panel, 'confidence-plot')).toBeGreaterThan(50);
    await shot(panel, 'conductor-auto.png');

    // Select the second item: the panel marks it current, the phones are told.
    await panel.getByTestId('select-chorale-2').click();
    await panel.getByTestId('programme-item-chorale-2').getByText('now').waitFor();
    expect(server.app.namespaces).toBeDefined();
    stop();
    expect(fx.sources[1].calls).toEqual(['start']);

    // Manual mode: the operator drives; the keys move the cue; the follower's belief stays on the panel.
    await panel.getByTestId('mode-manual').click();
    await panel.getByTestId('cue-keys').waitFor();
    expect(await panel.getByTestId('mode-manual').getAttribute('aria-pressed')).toBe('true');
    await panel.getByLabel('Bar to jump to').fill('2');
    await panel.getByRole('button', { name: 'Cue bar' }).click();
    await panel.getByTestId('conductor-bar').getByText('2', { exact: true }).waitFor();
    await panel.locator('body').click({ position: { x: 5, y: 5 } }); // keys go to the page, not the bar field
    await panel.keyboard.press('ArrowRight');
    await panel.getByTestId('conductor-bar').getByText('3', { exact: true }).waitFor();
    await panel.keyboard.press('ArrowRight');
    await panel.keyboard.press('ArrowLeft');
    await panel.getByTestId('conductor-bar').getByText('3', { exact: true }).waitFor();
    await panel.keyboard.press('ArrowDown'); // next section: "Second line" starts at bar 4
    await panel.getByTestId('conductor-bar').getByText('4', { exact: true }).waitFor();
    expect(server.session.snapshot()).toMatchObject({ currentMeasure: '4', source: 'operator' });
    await phone.bringToFront();
    await phone.getByTestId('current-measure').getByText('4', { exact: true }).waitFor();
    await panel.bringToFront();
    // Whatever the follower hears (bar 9 of the second chorale), the phones keep the cue; the panel shows both.
    stop = pushing(() => fx.sources[1].push(at(fx.scores[1], 8)));
    await panel.getByTestId('belief-bar').getByText(/^bar 9,/).waitFor();
    await panel.getByTestId('conductor-bar').getByText('4', { exact: true }).waitFor();
    await shot(panel, 'conductor-manual.png');
    stop();

    // Back to automatic: the follower continues from the operator's bar.
    await panel.getByTestId('mode-auto').click();
    await panel.getByTestId('cue-keys').waitFor({ state: 'detached' });
    expect(fx.sources[1].calls.at(-1)).toBe('jump 4');

    // Stop asks first; Cancel keeps the concert going.
    await panel.getByRole('button', { name: 'Stop session' }).click();
    await panel.getByTestId('stop-confirm').waitFor();
    expect(server.session.snapshot().state).toBe('live');
    await shot(panel, 'conductor-stop-confirm.png');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByTestId('stop-confirm').waitFor({ state: 'detached' });
    expect(server.session.snapshot().state).toBe('live');
    await panel.getByRole('button', { name: 'Stop session' }).click();
    await panel.getByRole('button', { name: 'Yes, stop the concert' }).click();
    await panel.getByTestId('session-state').getByText('ended').waitFor();
    expect(server.session.snapshot().state).toBe('ended');
    // Nothing on the panel pretends the follower is still following.
    for (const id of ['follower-state', 'follower-confidence', 'follower-tempo', 'conductor-bar', 'belief-bar']) {
      expect(await panel.getByTestId(id).textContent()).toBe('—');
    }
    // Every command is in the panel's audit trail.
    const audit = await panel.getByTestId('audit-log').textContent();
    for (const line of ['start', 'select chorale-2', 'mode manual', 'cue bar 2', 'forward 1 bar', 'back 1 bar', 'forward 1 section', 'mode auto', 'stop']) expect(audit).toContain(line);
  });

  it('alerts the operator when the follower stays unsure, and offers to take over', async () => {
    const h = await harness.get();
    const panel = await h.browser.newPage();
    await panel.setViewportSize({ width: 1366, height: 900 });
    await panel.goto(`${h.server.url}/conductor`);
    await panel.getByLabel('Token').fill(h.server.token);
    await panel.getByRole('button', { name: 'Log in' }).click();
    await panel.getByTestId('session-state').getByText('ended').waitFor();
    await panel.getByRole('button', { name: 'Start session' }).click();
    await panel.getByTestId('session-state').getByText('live').waitFor();
    let confidence = 0.9;
    const stop = pushing(() => fx.sources[1].push(at(fx.scores[1], 3, confidence > 0.5 ? 'following' : 'lost', confidence)));
    try {
      await panel.getByTestId('follower-state').getByText('following').waitFor();
      confidence = 0.05;
      await panel.getByTestId('handover-alert').waitFor();
      await shot(panel, 'conductor-handover.png');
      await panel.getByTestId('handover-alert').getByRole('button', { name: 'Take over' }).click();
      await panel.getByTestId('cue-keys').waitFor();
      expect(h.server.session.oversight()).toEqual({ mode: 'manual', handover: false });
    } finally {
      stop();
    }
  });
});
