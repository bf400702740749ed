/** The browser-microphone input without the network: payload checks, one owner, pause on release. */
import { describe, expect, it } from 'vitest';
import type { PcmChunk } from '../pipeline.js';
import { AudioInputError } from './audioInput.js';
import { BrowserMicInput, decodeMicChunk, type BrowserMicState } from './browserMicInput.js';

function s16Bytes(values: readonly number[], byteOffset = 0): Uint8Array {
  const bytes = new Uint8Array(byteOffset + values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setInt16(byteOffset + 2 * i, v, true));
  return bytes.subarray(byteOffset);
}

function f32Bytes(values: readonly number[], byteOffset = 0): Uint8Array {
  const bytes = new Uint8Array(byteOffset + values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(byteOffset + 4 * i, v, true));
  return bytes.subarray(byteOffset);
}

describe('decodeMicChunk', () => {
  it('decodes s16 and f32 little-endian, interleaved, from any byte offset', () => {
    const s16 = decodeMicChunk({ sampleRate: 48000, channels: 2, encoding: 's16', data: s16Bytes([0, 16384, -32768, 32767], 1) });
    expect(s16.sampleRate).toBe(48000);
    expect(s16.channels).toBe(2);
    expect(Array.from(s16.samples)).toEqual([0, 0.5, -1, 32767 / 32768]);

    const values = [0.25, -0.125, 0.7071067690849304];
    const f32 = decodeMicChunk({ sampleRate: 8000, channels: 1, encoding: 'f32', data: f32Bytes(values, 3) });
    expect(Array.from(f32.samples)).toEqual(values);
    // A plain ArrayBuffer works too (what a browser sends).
    const fromBuffer = decodeMicChunk({ sampleRate: 192000, channels: 1, encoding: 'f32', data: new Float32Array(values).buffer });
    expect(Array.from(fromBuffer.samples)).toEqual(values);
  });

  it('refuses bad payloads, naming the field and what was expected', () => {
    const ok = { sampleRate: 48000, channels: 1, encoding: 's16', data: s16Bytes([1, 2]) };
    const cases: [unknown, RegExp][] = [
      [null, /must be an object/],
      [{ ...ok, sampleRate: 7999 }, /sampleRate must be an integer from 8000 to 192000 Hz, got 7999/],
      [{ ...ok, sampleRate: 192001 }, /sampleRate .* got 192001/],
      [{ ...ok, sampleRate: 44100.5 }, /sampleRate/],
      [{ ...ok, sampleRate: '48000' }, /sampleRate .* got "48000"/],
      [{ ...ok, channels: 0 }, /channels must be 1 or 2, got 0/],
      [{ ...ok, channels: 3 }, /channels must be 1 or 2, got 3/],
      [{ ...ok, encoding: 'u8' }, /encoding must be "f32" or "s16", got "u8"/],
      [{ ...ok, data: [1, 2] }, /data must be binary/],
      [{ ...ok, data: new Uint8Array(0) }, /whole frames of 2 bytes .* got 0 bytes/],
      [{ ...ok, channels: 2, data: s16Bytes([1]) }, /whole frames of 4 bytes \(s16, 2 ch\), got 2 bytes/],
      [{ ...ok, data: new Uint8Array(2 * 12001) }, /at most 250 ms \(12000 frames at 48000 Hz\) per chunk, got 12001 frames/],
      [{ ...ok, encoding: 'f32', data: f32Bytes([0.1, Number.NaN]) }, /sample 1 is not finite \(NaN\)/],
      [{ ...ok, encoding: 'f32', data: f32Bytes([Number.POSITIVE_INFINITY]) }, /sample 0 is not finite/],
    ];
    for (const [payload, message] of cases) {
      expect(() => decodeMicChunk(payload), JSON.stringify(payload)).toThrow(AudioInputError);
      expect(() => decodeMicChunk(payload)).toThrow(message);
    }
    // The bound itself passes: 250 ms at 48 kHz.
    expect(decodeMicChunk({ ...ok, data: new Uint8Array(2 * 12000) }).samples.length).toBe(12000);
  });
});

describe('BrowserMicInput', () => {
  const chunk = (values: readonly number[], sampleRate = 48000, channels = 1) => ({ sampleRate, channels, encoding: 's16', data: s16Bytes(values) });

  it('delivers the owner’s chunks while started, drops them while idle, refuses everyone else', () => {
    const mic = new BrowserMicInput();
    const states: BrowserMicState[] = [];
    mic.subscribe((s) => states.push(s));
    const got: PcmChunk[] = [];

    expect(() => mic.push('a', chunk([1]))).toThrow(/claim the microphone \(micStart\) before sending audio/);
    mic.claim('a', 'USB mic');
    expect(() => mic.claim('b')).toThrow(/another conductor's microphone \(USB mic\) is already the input/);
    expect(() => mic.push('b', chunk([1]))).toThrow(/another conductor's microphone is the input/);

    mic.push('a', chunk([100])); // no session yet: checked, dropped
    expect(mic.stats).toMatchObject({ chunksIn: 1, chunksDropped: 1, chunksRejected: 2 });
    expect(mic.state()).toEqual({ ownerId: 'a', listening: false, sampleRate: 48000, channels: 1, note: null });

    mic.start((c) => got.push(c), () => expect.unreachable('the microphone never ends by itself'));
    expect(mic.state().listening).toBe(true);
    mic.push('a', chunk([16384, -16384]));
    mic.push('a', chunk([8192]));
    expect(got.map((c) => Array.from(c.samples))).toEqual([[0.5, -0.5], [0.25]]);

    // Dropping the connection pauses the input; a new owner's chunks flow into the same run.
    mic.release('b', 'ignored: not the owner');
    expect(mic.state().ownerId).toBe('a');
    mic.release('a', "the conductor's connection dropped");
    expect(mic.state()).toEqual({ ownerId: null, listening: true, sampleRate: null, channels: null, note: "the conductor's connection dropped" });
    expect(() => mic.push('a', chunk([1]))).toThrow(/claim the microphone/);
    mic.claim('b');
    mic.push('b', chunk([-32768]));
    expect(got.at(-1)?.samples[0]).toBe(-1);

    // The run's format is fixed by its first chunk; a new session may use another.
    expect(() => mic.push('b', chunk([1, 2], 44100, 2))).toThrow(/format changed during the session \(48000 Hz, 1 ch → 44100 Hz, 2 ch\)/);
    mic.stop();
    mic.push('b', chunk([1, 2], 44100, 2));
    mic.start((c) => got.push(c), () => undefined);
    mic.push('b', chunk([3, 4], 44100, 2));
    expect(got.at(-1)).toMatchObject({ sampleRate: 44100, channels: 2 });
    expect(() => mic.start(() => undefined, () => undefined)).toThrow(/already started/);
    mic.stop();

    mic.push('b', chunk([5]));
    expect(got).toHaveLength(4);
    expect(states.map((s) => [s.ownerId, s.listening])).toEqual([
      ['a', false], // claimed
      ['a', false], // first format seen
      ['a', true], // started
      [null, true], // released
      ['b', true], // claimed
      ['b', true], // first format seen
      ['b', false], // stopped
      ['b', false], // format changed
      ['b', true], // started
      ['b', false], // stopped
      ['b', false], // format changed back to 48 kHz mono
    ]);
  });
});
