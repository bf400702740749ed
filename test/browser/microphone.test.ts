/**
 * The conductor's "Use this microphone" control in Debian Chromium, with a fake capture device that
 * plays a WAV synthesised under os.tmpdir() (a 440 Hz tone): the server's BrowserMicInput receives
 * that tone, and sending resumes by itself after the connection drops.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wavBytes16 } from '../../server/dataset/wav.js';
import { BrowserMicInput } from '../../server/live/browserMicInput.js';
import type { PcmChunk } from '../../server/pipeline.js';
import { sharedBrowserHarness } from './harness.js';

const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.5;

/** 16-bit mono PCM WAV of a sine tone (Chromium's fake capture device plays 16-bit PCM). */
function toneWav(seconds: number, sampleRate = 48000): Uint8Array {
  const tone = Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / sampleRate));
  return wavBytes16(tone, sampleRate);
}

const dir = mkdtempSync(join(tmpdir(), 'tutti-mic-'));
const wavPath = join(dir, 'tone.wav');
writeFileSync(wavPath, toneWav(2));

const mic = new BrowserMicInput();
const harness = sharedBrowserHarness({
  chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wavPath}`],
  server: { micInput: mic },
});
afterAll(async () => {
  mic.stop();
  await harness.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the input has delivered `seconds` of audio, then returns it (first channel). */
async function receive(got: PcmChunk[], seconds: number, timeoutMs = 15000): Promise<{ samples: Float32Array; sampleRate: number }> {
  const deadline = Date.now() + timeoutMs;
  const frames = () => got.reduce((n, c) => n + c.samples.length / c.channels, 0);
  while (got.length === 0 || frames() < seconds * got[0]!.sampleRate) {
    if (Date.now() > deadline) throw new Error(`the server received ${frames()} frames of microphone audio in ${timeoutMs} ms, wanted ${seconds} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const samples = new Float32Array(frames());
  let at = 0;
  for (const c of got) for (let i = 0; i < c.samples.length; i += c.channels) samples[at++] = c.samples[i]!;
  return { samples, sampleRate: got[0]!.sampleRate };
}

describe('browser microphone on /conductor', () => {
  it('sends the fake device’s tone to the server, and resumes after the connection drops', async () => {
    const h = await harness.get();
    const got: PcmChunk[] = [];
    mic.start((c) => got.push(c), () => undefined); // as a live session's follower would

    const page = await h.browser.newPage();
    await page.goto(`${h.server.url}/conductor`);
    await page.getByLabel('Token').fill(h.server.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('mic-state').getByText('Off.').waitFor();

    await page.getByRole('button', { name: 'Use this microphone' }).click();
    await page.getByTestId('mic-state').getByText(/^Sending \d+ Hz, [12] ch: the follower is listening\.$/).waitFor();
    await page.getByTestId('mic-level').getByText(/^-?\d+\.\d dB/).waitFor();

    const { samples, sampleRate } = await receive(got, 1.5);
    expect(sampleRate).toBeGreaterThanOrEqual(8000);
    // 40-ms chunks from the AudioWorklet (the ScriptProcessor fallback would send 2048 frames).
    for (const c of got) expect(c.samples.length / c.channels).toBe(Math.round(0.04 * c.sampleRate));
    // From the first audible sample (the device may start with silence), half a second of tone.
    const onset = samples.findIndex((x) => Math.abs(x) > 0.05);
    expect(onset, 'the server received only silence').toBeGreaterThanOrEqual(0);
    expect(samples.length - onset, 'less than 0.5 s of tone arrived').toBeGreaterThanOrEqual(0.5 * sampleRate);
    const tail = samples.subarray(onset, onset + Math.round(0.5 * sampleRate));
    const rms = Math.sqrt(tail.reduce((s, x) => s + x * x, 0) / tail.length);
    expect(20 * Math.log10(rms)).toBeGreaterThan(-20); // a 0.5-amplitude sine is −9 dBFS
    let crossings = 0;
    for (let i = 1; i < tail.length; i++) if (tail[i - 1]! < 0 && tail[i]! >= 0) crossings++;
    expect(crossings / (tail.length / sampleRate)).toBeGreaterThan(TONE_HZ * 0.95);
    expect(crossings / (tail.length / sampleRate)).toBeLessThan(TONE_HZ * 1.05);

    // Drop the connection under the page (as a network glitch would): socket.io reconnects, the
    // panel claims the microphone again and the audio flows again, from the new socket.
    const owner = mic.state().ownerId;
    for (const socket of h.server.app.namespaces.conductor.sockets.values()) socket.conn.close();
    await page.getByTestId('mic-state').getByText('Disconnected from the server: sending resumes when the connection is back.').waitFor();
    await expect.poll(() => mic.state().ownerId === null || mic.state().ownerId === owner, { timeout: 15000 }).toBe(false);
    got.length = 0;
    await receive(got, 0.3);
    await page.getByTestId('mic-state').getByText(/^Sending/).waitFor();

    await page.getByRole('button', { name: 'Stop microphone' }).click();
    await expect.poll(() => mic.state().ownerId).toBeNull();
    await page.getByRole('button', { name: 'Use this microphone' }).waitFor();
    await page.close();
  });
});

describe('browser microphone refused by the browser', () => {
  const denied = sharedBrowserHarness({
    // tutti.test: a LAN-like name for the loopback server, so the page is not a secure context.
    chromiumArgs: ['--use-fake-device-for-media-stream', '--deny-permission-prompts', '--host-resolver-rules=MAP tutti.test 127.0.0.1'],
    server: { micInput: new BrowserMicInput() },
  });
  afterAll(() => denied.dispose());

  it('explains that a plain-http LAN address cannot use a microphone', async () => {
    const h = await denied.get();
    const page = await h.browser.newPage();
    await page.goto(`http://tutti.test:${h.server.port}/conductor`);
    await page.getByLabel('Token').fill(h.server.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Use this microphone' }).click();
    await page.getByTestId('mic-state').getByText('This page is not secure enough for a microphone.').waitFor();
    await page.getByTestId('mic-message').getByText(/open this panel over https, or on localhost/).waitFor();
    await page.close();
  });

  it('says so and offers the control again', async () => {
    const h = await denied.get();
    const page = await h.browser.newPage();
    await page.goto(`${h.server.url}/conductor`);
    await page.getByLabel('Token').fill(h.server.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Use this microphone' }).click();
    await page.getByTestId('mic-state').getByText('Permission denied.').waitFor();
    await page.getByTestId('mic-message').getByText(/allow the microphone for this site/).waitFor();
    await page.getByRole('button', { name: 'Use this microphone' }).waitFor();
    await page.close();
  });
});
