/** Turns decoded audio into the interleaved PcmChunks a live source would deliver. */
import type { PcmChunk } from '../pipeline.js';
import type { DecodedAudio } from './decode.js';

/** Interleaves frames [start, end) of planar channels. */
export function interleave(channels: readonly Float32Array[], start = 0, end = channels[0]?.length ?? 0): Float32Array {
  const n = channels.length;
  const out = new Float32Array((end - start) * n);
  for (let c = 0; c < n; c++) {
    const ch = channels[c]!;
    for (let i = start, j = c; i < end; i++, j += n) out[j] = ch[i]!;
  }
  return out;
}

/**
 * Splits audio into chunks. `sizes` gives each chunk's length in sample frames (per channel):
 * a number for fixed-size chunks, or a function called per chunk (e.g. random sizes in tests).
 */
export function* audioToPcmChunks(audio: DecodedAudio, sizes: number | ((index: number) => number)): Generator<PcmChunk> {
  const total = audio.channels[0]?.length ?? 0;
  let start = 0;
  for (let index = 0; start < total; index++) {
    const size = typeof sizes === 'number' ? sizes : sizes(index);
    if (!Number.isInteger(size) || size <= 0) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
    const end = Math.min(total, start + size);
    yield { samples: interleave(audio.channels, start, end), sampleRate: audio.sampleRate, channels: audio.channels.length };
    start = end;
  }
}
