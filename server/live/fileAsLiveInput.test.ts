import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PcmChunk } from '../pipeline.js';
import { fileAsLiveInput } from './fileAsLiveInput.js';
import { makeTempDir, writeFloatWav, type TempDir } from './testAudio.testkit.js';

const RATE = 16000;
const SECONDS = 1;
let dir: TempDir;
let wavPath: string;
let left: Float32Array;
let right: Float32Array;

beforeAll(async () => {
  dir = await makeTempDir();
  wavPath = join(dir.path, 'tone.wav');
  const n = RATE * SECONDS;
  left = Float32Array.from({ length: n }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE));
  // A ramp on the right channel makes any reordering or interleaving mistake visible.
  right = Float32Array.from({ length: n }, (_, i) => i / n - 0.5);
  await writeFloatWav(wavPath, [left, right], RATE);
});

afterAll(() => dir.remove());

function collect(input: ReturnType<typeof fileAsLiveInput>): Promise<{ chunks: PcmChunk[]; err: Error | undefined; wallMs: number }> {
  const chunks: PcmChunk[] = [];
  const t0 = performance.now();
  return new Promise((done) => input.start((c) => chunks.push(c), (err) => done({ chunks, err, wallMs: performance.now() - t0 })));
}

describe('fileAsLiveInput', () => {
  it('delivers the whole file in order, in chunkMs chunks, paced by the clock', async () => {
    const speed = 20;
    const input = fileAsLiveInput(wavPath, { speed, chunkMs: 20 });
    await input.load(); // decode outside the timed part
    const { chunks, err, wallMs } = await collect(input);
    expect(err).toBeUndefined();
    expect(chunks).toHaveLength(SECONDS * 50);
    const frames = chunks.reduce((n, c) => n + c.samples.length / c.channels, 0);
    expect(frames).toBe(RATE * SECONDS);
    let at = 0;
    for (const c of chunks) {
      expect(c).toMatchObject({ sampleRate: RATE, channels: 2 });
      for (let i = 0; i < c.samples.length; i += 2, at++) {
        if (c.samples[i] !== left[at] || c.samples[i + 1] !== right[at]) throw new Error(`sample frame ${at} out of place`);
      }
    }
    // Paced, loosely: not delivered all at once, and not far slower than duration / speed (a loaded box).
    const expectedMs = (SECONDS * 1000) / speed;
    expect(wallMs).toBeGreaterThanOrEqual(expectedMs * 0.9);
    expect(wallMs).toBeLessThan(expectedMs + 1500);
  });

  it('loops until stopped, and stays silent after stop()', async () => {
    const input = fileAsLiveInput(wavPath, { speed: 100, chunkMs: 50, loop: true });
    const chunks: PcmChunk[] = [];
    let ended = false;
    input.start(
      (c) => chunks.push(c),
      () => (ended = true),
    );
    // 1.5 passes of the file at 100× speed take 15 ms; wait until they have arrived.
    while (chunks.reduce((n, c) => n + c.samples.length / 2, 0) < RATE * 1.5) await new Promise((r) => setTimeout(r, 5));
    input.stop();
    const count = chunks.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(chunks.length).toBe(count);
    expect(ended).toBe(false);
    // The second pass starts again at the first sample.
    const perPass = RATE / (RATE * 0.05);
    expect(chunks[perPass]!.samples[1]).toBe(right[0]);
  });

  it('reports a missing file through onEnd, naming it', async () => {
    const missing = join(dir.path, 'nope.wav');
    const { chunks, err } = await collect(fileAsLiveInput(missing));
    expect(chunks).toHaveLength(0);
    expect(err?.message).toContain(missing);
    expect(err?.message).toMatch(/not found/);
  });

  it('rejects bad options', () => {
    expect(() => fileAsLiveInput(wavPath, { speed: 0 })).toThrow(/speed.*got 0/);
    expect(() => fileAsLiveInput(wavPath, { speed: Number.NaN })).toThrow(/speed/);
    expect(() => fileAsLiveInput(wavPath, { chunkMs: 0.1 })).toThrow(/chunk length/);
  });
});
