/**
 * A live input that stalls or ends, through the real follower (demo score, ONNX model) and a real
 * server: the phones are told "no input" / "input ended" in the session snapshot, and "receiving"
 * again when audio comes back. The latency is printed; its bound (≤ 600 ms of watch logic) is proven
 * with fake timers in server/live/inputWatch.test.ts.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWatchedInput } from '../../server/live/inputWatch.js';
import { createDefaultLiveSource } from '../../server/live/defaultLiveSource.js';
import type { LiveFollowerSource } from '../../server/live/liveFollowerSource.js';
import type { InputState, SessionSnapshot } from '../../server/protocol/index.js';
import { audienceClient, closeAllClients, connected, eventMatching, type AudienceClient } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

const RATE = 16000;
let stream: PassThrough;
let source: LiveFollowerSource;
let server: TestServer;
let phone: AudienceClient;
let feeding: NodeJS.Timeout | undefined;
let lastWriteMs = 0;

/** 20-ms chunks of a quiet A4, paced by the clock as a sound card would deliver them. */
function feed(): void {
  let n = 0;
  feeding = setInterval(() => {
    const chunk = Buffer.alloc((RATE / 50) * 2);
    for (let i = 0; i < RATE / 50; i++) chunk.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * n++) / RATE)), i * 2);
    stream.write(chunk);
    lastWriteMs = Date.now();
  }, 20);
}
function pause(): void {
  if (feeding) clearInterval(feeding);
  feeding = undefined;
}

const inputState = (state: InputState) => eventMatching<SessionSnapshot>(phone, 'session', (s) => s.input?.state === state, 30_000);

beforeAll(async () => {
  stream = new PassThrough();
  source = await createDefaultLiveSource({ stdin: { stream, sampleRate: RATE, channels: 1, format: 's16le' } });
  if (!isWatchedInput(source.input)) throw new Error('the default live source should watch its input');
  server = await startTestServer({ positionSource: source, inputWatch: source.input });
  phone = audienceClient(server.url);
  await connected(phone);
});

afterAll(async () => {
  pause();
  closeAllClients();
  await server.dispose();
  await source.close();
});

describe('a live input that stalls or ends', () => {
  it('is shown to the phones as receiving, no input, receiving again, then input ended', async () => {
    const receiving = inputState('receiving');
    await server.session.start('Input faults');
    feed();
    expect((await receiving).input).toMatchObject({ state: 'receiving', detail: null });

    const stalled = inputState('no input');
    pause();
    const stoppedAt = lastWriteMs;
    const noInput = await stalled;
    console.log(`no input announced ${Date.now() - stoppedAt} ms after the last chunk (server: ${noInput.input!.sinceMs - stoppedAt} ms)`);
    expect(noInput.state).toBe('live');
    expect(noInput.input!.detail).toMatch(/^no audio for \d\.\d s from PCM stream/);

    const back = inputState('receiving');
    feed();
    await back;

    const ended = inputState('input ended');
    pause();
    stream.end();
    const snapshot = await ended;
    expect(snapshot.input!.detail).toBe('PCM stream (raw s16le, 16000 Hz, 1 ch) ended');
    expect(server.session.snapshot().input?.state).toBe('input ended');
  });
});
