/** The conductor panel driving the audience page, both in Debian Chromium against the real server. */
import { afterAll, describe, expect, it } from 'vitest';
import { sharedBrowserHarness } from './harness.js';

const harness = sharedBrowserHarness();
afterAll(() => harness.dispose());

describe('conductor panel at /conductor', () => {
  it('refuses a wrong token, logs in, runs a session the audience sees, and replays it', async () => {
    const h = await harness.get();
    const conductor = await h.browser.newPage();
    await conductor.goto(`${h.server.url}/conductor`);
    await conductor.getByRole('heading', { name: 'Conductor login' }).waitFor();

    await conductor.getByLabel('Token').fill('not-the-token');
    await conductor.getByRole('button', { name: 'Log in' }).click();
    await conductor.getByRole('alert').getByText('Wrong token: access denied.').waitFor();

    await conductor.getByLabel('Token').fill(h.server.token);
    await conductor.getByRole('button', { name: 'Log in' }).click();
    await conductor.getByTestId('session-state').getByText('waiting').waitFor();

    const audience = await h.browser.newPage();
    await audience.goto(`${h.server.url}/`);
    await audience.getByRole('heading', { name: 'Waiting for the concert' }).waitFor();
    await conductor.getByTestId('conductor-audience').getByText('1 listening').waitFor();

    // One window, two tabs: switch back as a person would (a background tab paints no frames,
    // which makes every click wait for a stable element).
    await conductor.bringToFront();
    await conductor.getByLabel('Concert title').fill('Eroica');
    await conductor.getByRole('button', { name: 'Start session' }).click();
    await conductor.getByTestId('session-state').getByText('live').waitFor();
    await audience.getByRole('heading', { name: 'The concert has started' }).waitFor();
    await audience.getByText('Eroica').waitFor();

    await conductor.getByLabel('Bar to jump to').fill('12');
    await conductor.getByRole('button', { name: 'Jump to bar' }).click();
    await audience.getByTestId('current-measure').getByText('12', { exact: true }).waitFor();
    await conductor.getByTestId('conductor-bar').getByText('12', { exact: true }).waitFor();

    await conductor.getByRole('button', { name: 'Stop session' }).click();
    // Stop asks first: the concert goes on until the operator confirms.
    expect(h.server.session.snapshot().state).toBe('live');
    await conductor.getByRole('button', { name: 'Yes, stop the concert' }).click();
    await audience.getByRole('heading', { name: 'The concert has ended' }).waitFor();
    expect(h.server.session.snapshot().state).toBe('ended');

    // The session was recorded: /replay lists it and plays it back to the end.
    const replay = await h.browser.newPage();
    await replay.goto(`${h.server.url}/replay`);
    await replay.getByRole('listitem').filter({ hasText: 'Eroica' }).getByRole('button', { name: 'Play' }).click();
    await replay.getByTestId('replay-progress').getByText('finished').waitFor();
    await replay.getByRole('heading', { name: 'The concert has ended' }).waitFor();
  });
});
