/**
 * Raw interleaved PCM bytes → Float32 samples, for byte chunks that split samples and frames anywhere:
 * the bytes of an incomplete frame are kept until the next chunk completes it.
 */
import { AudioInputError } from './audioInput.js';

export type PcmFormat = 's16le' | 'f32le';

export const PCM_FORMATS: readonly PcmFormat[] = ['s16le', 'f32le'];

export interface PcmDecoder {
  /** Decodes every complete frame available so far (interleaved); may return an empty array. */
  push(bytes: Uint8Array): Float32Array;
  /** Bytes of an incomplete frame still waiting (non-zero at the end of a stream means it was truncated). */
  readonly pendingBytes: number;
  reset(): void;
}

export function bytesPerSample(format: PcmFormat): number {
  return format === 's16le' ? 2 : 4;
}

export function createPcmDecoder(format: PcmFormat, channels: number): PcmDecoder {
  if (!PCM_FORMATS.includes(format)) throw new AudioInputError(`PCM format must be one of ${PCM_FORMATS.join(', ')}, got "${String(format)}"`);
  if (!Number.isInteger(channels) || channels < 1) throw new AudioInputError(`PCM channel count must be a positive integer, got ${channels}`);
  const sampleBytes = bytesPerSample(format);
  const frameBytes = sampleBytes * channels;
  let carry = new Uint8Array(0);

  return {
    get pendingBytes() {
      return carry.length;
    },
    reset() {
      carry = new Uint8Array(0);
    },
    push(bytes) {
      let data = bytes;
      if (carry.length > 0) {
        data = new Uint8Array(carry.length + bytes.length);
        data.set(carry);
        data.set(bytes, carry.length);
      }
      const whole = data.length - (data.length % frameBytes);
      carry = data.slice(whole);
      const n = whole / sampleBytes;
      const out = new Float32Array(n);
      const view = new DataView(data.buffer, data.byteOffset, whole);
      if (format === 's16le') {
        for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 32768;
      } else {
        for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      }
      return out;
    },
  };
}
