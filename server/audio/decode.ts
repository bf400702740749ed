/**
 * Decodes an audio file (WAV incl. 24-bit / float / WAVE_FORMAT_EXTENSIBLE, FLAC, OGG Vorbis, Opus, MP3)
 * into planar Float32 channels. Every failure names the file.
 */
import { readFile, stat } from 'node:fs/promises';
import decode from 'audio-decode';
import { FileError } from '../fileError.js';

export interface DecodedAudio {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
  readonly durationSec: number;
}

/** A decoding failure the user can act on; the message names the file. */
export class AudioDecodeError extends FileError {
  override readonly name = 'AudioDecodeError';
}

export async function decodeAudioFile(path: string): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AudioDecodeError(path, 'not a regular file');
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof AudioDecodeError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AudioDecodeError(path, code === 'ENOENT' ? 'audio file not found' : `cannot read audio file (${code ?? String(err)})`);
  }
  return decodeAudioBytes(bytes, path);
}

/** Decodes in-memory file bytes; `label` names the source in errors. */
export async function decodeAudioBytes(bytes: Uint8Array, label: string): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new AudioDecodeError(label, 'file is empty');
  let data: { channelData: Float32Array[]; sampleRate: number };
  try {
    data = await decode(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AudioDecodeError(label, `unreadable or unsupported audio format (${why}); expected WAV, FLAC, OGG Vorbis, Opus or MP3`);
  }
  const channels = data.channelData;
  if (!channels || channels.length === 0 || !(data.sampleRate > 0)) {
    throw new AudioDecodeError(label, 'decoder returned no audio channels');
  }
  const frames = channels[0]!.length;
  if (frames === 0) throw new AudioDecodeError(label, 'audio is empty (0 samples)');
  for (let c = 0; c < channels.length; c++) {
    const ch = channels[c]!;
    if (ch.length !== frames) throw new AudioDecodeError(label, `channel ${c} has ${ch.length} samples, channel 0 has ${frames}`);
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i]!)) {
        throw new AudioDecodeError(label, `non-finite sample (NaN/Inf) in channel ${c} at sample ${i} (${(i / data.sampleRate).toFixed(3)} s)`);
      }
    }
  }
  return { sampleRate: data.sampleRate, channels, durationSec: frames / data.sampleRate };
}
