/**
 * The whole browser-microphone chain, as a person would run it: Debian Chromium's fake capture device
 * plays a Bach10 recording into the conductor panel, the panel sends it over /conductor, the real
 * follower follows it in the MIDI score, and an audience socket counts the positions. Real time (~30 s).
 *
 *   npx tsx server/http/microphoneFollow.bench.ts [--piece ../shared/eval/bach10/01-AchGottundHerr]
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Position, PositionTick } from '../protocol/index.js';
import { startBrowserHarness } from '../../test/browser/harness.js';
import { audienceClient, closeAllClients } from '../../test/support/sockets.js';
import { createBrowserMicLiveSource } from './browserMicSource.js';

const { values } = parseArgs({ options: { piece: { type: 'string', default: '../shared/eval/bach10/01-AchGottundHerr' } } });
const dir = resolve(values.piece);
const name = basename(dir);
const wav = resolve(dir, `${name}.wav`);
const mid = resolve(dir, `${name}.mid`);
for (const file of [wav, mid]) if (!existsSync(file)) throw new Error(`${file} is missing (the Bach10 data lives in ../shared/eval/bach10)`);

const { micInput, positionSource } = await createBrowserMicLiveSource({ scorePath: mid });
const h = await startBrowserHarness({
  chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`],
  server: { micInput, positionSource },
});
try {
  const positions: Position[] = [];
  audienceClient(h.server.url).on('position', (tick: PositionTick) => positions.push(tick.position));
  const page = await h.browser.newPage();
  await page.goto(`${h.server.url}/conductor`);
  await page.getByLabel('Token').fill(h.server.token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByTestId('session-state').getByText('live').waitFor();
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Use this microphone' }).click();
  await page.getByTestId('mic-state').getByText(/^Sending/).waitFor();
  console.log(`panel: "${await page.getByTestId('mic-state').innerText()}" ${(performance.now() - t0).toFixed(0)} ms after the click`);
  // Until the recording has played (the fake device then sends silence).
  while (micInput.stats.audioInSec < 26) await new Promise((r) => setTimeout(r, 250));
  const following = positions.filter((p) => p.state === 'following').length;
  const measures = [...new Set(positions.map((p) => p.measure))];
  console.log(`${micInput.stats.audioInSec.toFixed(1)} s of audio in ${micInput.stats.chunksIn} chunks (${micInput.stats.chunksRejected} rejected)`);
  console.log(`audience: ${positions.length} positions, ${following} 'following', measures ${measures.join(',')}`);
  const s = positionSource.stats;
  console.log(`follower: ${s.pushes} pushes, ${s.coalescedChunks} chunks coalesced, ${s.droppedSec.toFixed(2)} s dropped, ${s.levels} levels`);
} finally {
  closeAllClients();
  await h.dispose();
  await positionSource.close();
}
