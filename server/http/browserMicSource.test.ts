/**
 * `serve --input mic` end to end: the real follower (score, ONNX pitch model) listening to PCM that a
 * conductor sends over /conductor; positions reach the audience and levels the conductor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hello, InputLevel, MicResult, PositionTick } from '../protocol/index.js';
import { audienceClient, closeAllClients, conductorClient, nextEvent } from '../../test/support/sockets.js';
import { UserError } from '../cli/command.js';
import { createBrowserMicLiveSource } from './browserMicSource.js';
import { startTuttiServer, type RunningServer } from './server.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  closeAllClients();
  for (const step of cleanup.reverse()) await step();
});

describe('createBrowserMicLiveSource', () => {
  it('follows the audio a conductor sends: positions to the audience, levels to the conductor', async () => {
    const { micInput, positionSource } = await createBrowserMicLiveSource();
    cleanup.push(() => positionSource.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'tutti-mic-source-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server: RunningServer = await startTuttiServer({ port: 0, host: '127.0.0.1', dataDir, conductorToken: 't', micInput, positionSource });
    cleanup.push(() => server.close());

    const conductor = conductorClient(server.url, 't');
    await nextEvent<Hello>(conductor, 'hello');
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    expect(((await conductor.timeout(5000).emitWithAck('micStart', {})) as MicResult).ok).toBe(true);
    expect(((await conductor.timeout(5000).emitWithAck('command', { type: 'start' })) as { ok: boolean }).ok).toBe(true);

    const position = nextEvent<PositionTick>(audience, 'position', 20000);
    const level = nextEvent<InputLevel>(conductor, 'level', 20000);
    // Two seconds of a 0.25-amplitude A4 (−15 dBFS RMS) in 40-ms chunks at 16 kHz.
    const rate = 16000;
    for (let chunk = 0; chunk < 50; chunk++) {
      const samples = new Int16Array(640);
      for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8192 * Math.sin((2 * Math.PI * 440 * (chunk * 640 + i)) / rate));
      conductor.emit('micChunk', { sampleRate: rate, channels: 1, encoding: 's16', data: samples.buffer });
    }
    expect((await level).rmsDb).toBeCloseTo(-15, 0);
    const tick = await position;
    expect(tick.sessionId).toBe(server.session.snapshot().sessionId);
    expect(tick.position.reportSec).toBeGreaterThan(0);
    expect(tick.position.reportSec).toBeLessThanOrEqual(2.5);
    expect(micInput.stats).toMatchObject({ chunksRejected: 0, chunksDropped: 0 });
  });

  it('names a bad score file as a UserError before the concert', async () => {
    const missing = join(tmpdir(), 'tutti-no-such-score.mxl');
    const attempt = createBrowserMicLiveSource({ scorePath: missing });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(missing);
  });
});
