import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PcmChunk } from '../pipeline.js';
import { AudioInputError } from './audioInput.js';
import { stdinPcmInput } from './streamPcmInput.js';

/** Feeds `bytes` into a PassThrough cut at the given offsets, and collects what the input delivers. */
async function feed(bytes: Uint8Array, cuts: readonly number[], options: { sampleRate: number; channels: number; format: 's16le' | 'f32le' }) {
  const stream = new PassThrough();
  const input = stdinPcmInput({ ...options, stream });
  const chunks: PcmChunk[] = [];
  const ended = new Promise<Error | undefined>((done) => input.start((c) => chunks.push(c), done));
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    stream.write(bytes.subarray(from, to));
    from = to;
    // Let each write arrive as its own 'data' event.
    await new Promise((r) => setImmediate(r));
  }
  stream.end();
  const err = await ended;
  const samples = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  let at = 0;
  for (const c of chunks) {
    expect(c.samples.length % options.channels).toBe(0);
    expect(c.sampleRate).toBe(options.sampleRate);
    expect(c.channels).toBe(options.channels);
    samples.set(c.samples, at);
    at += c.samples.length;
  }
  return { err, chunks, samples };
}

describe('stdinPcmInput', () => {
  it('decodes s16le stereo split inside samples and frames', async () => {
    const values = [0, 1, -1, 32767, -32768, 12345, -2222, 7];
    const bytes = new Uint8Array(values.length * 2);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setInt16(i * 2, v, true));
    // Cuts at odd offsets split samples; cut 6 splits a stereo frame between its channels.
    const { err, chunks, samples } = await feed(bytes, [1, 3, 6, 11], { sampleRate: 48000, channels: 2, format: 's16le' });
    expect(err).toBeUndefined();
    expect(chunks.length).toBeGreaterThan(1);
    expect(Array.from(samples)).toEqual(values.map((v) => v / 32768));
  });

  it('decodes f32le mono split at every byte', async () => {
    const values = Float32Array.from([0.5, -0.25, 1, -1, 0.125, 0]);
    const bytes = new Uint8Array(values.buffer.slice(0));
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    const { err, samples } = await feed(bytes, cuts, { sampleRate: 22050, channels: 1, format: 'f32le' });
    expect(err).toBeUndefined();
    expect(Array.from(samples)).toEqual(Array.from(values));
  });

  it('reports a stream that ends inside a frame', async () => {
    const bytes = new Uint8Array(4 * 3 + 2); // three stereo s16 frames + half a frame
    const { err, samples } = await feed(bytes, [5], { sampleRate: 44100, channels: 2, format: 's16le' });
    expect(samples.length).toBe(6);
    expect(err).toBeInstanceOf(AudioInputError);
    expect(err!.message).toMatch(/ended inside a frame \(2 trailing bytes/);
  });

  it('ends with an error on non-finite floats, hinting at the format', async () => {
    const bytes = new Uint8Array(Float32Array.from([0.1, NaN, 0.2]).buffer);
    const { err } = await feed(bytes, [], { sampleRate: 16000, channels: 1, format: 'f32le' });
    expect(err?.message).toMatch(/non-finite sample.*is the format really f32le/);
  });

  it('rejects bad options with the option named', () => {
    const stream = new PassThrough();
    expect(() => stdinPcmInput({ stream, sampleRate: 0, channels: 1, format: 's16le' })).toThrow(/sample rate.*got 0/);
    expect(() => stdinPcmInput({ stream, sampleRate: 44100.5, channels: 1, format: 's16le' })).toThrow(/sample rate/);
    expect(() => stdinPcmInput({ stream, sampleRate: 44100, channels: 0, format: 's16le' })).toThrow(/channels.*got 0/);
    expect(() => stdinPcmInput({ stream, sampleRate: 44100, channels: 2, format: 'u8' as 's16le' })).toThrow(/format must be one of s16le, f32le, got "u8"/);
  });

  it('stops delivering after stop(), and a consumed stream ends at once on restart', async () => {
    const stream = new PassThrough();
    const input = stdinPcmInput({ stream, sampleRate: 8000, channels: 1, format: 's16le' });
    const got: PcmChunk[] = [];
    let ended = 0;
    input.start((c) => got.push(c), () => ended++);
    stream.write(new Uint8Array(4));
    await new Promise((r) => setImmediate(r));
    expect(got).toHaveLength(1);
    input.stop();
    stream.write(new Uint8Array(4));
    stream.end();
    await new Promise((r) => setImmediate(r));
    expect(got).toHaveLength(1);
    expect(ended).toBe(0);

    const drained = new PassThrough();
    drained.resume();
    drained.end();
    await new Promise((r) => drained.once('end', r));
    const again = stdinPcmInput({ stream: drained, sampleRate: 8000, channels: 1, format: 's16le' });
    const err = await new Promise<Error | undefined>((done) => again.start(() => {}, done));
    expect(err?.message).toMatch(/already ended/);
  });
});
