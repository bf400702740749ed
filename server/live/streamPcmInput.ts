/**
 * Raw PCM from a readable byte stream (by default stdin), e.g.
 * `arecord -f S16_LE -r 48000 -c 2 | npm run tutti -- serve --stdin-pcm --rate 48000 --channels 2`.
 * The end of the stream ends the input.
 */
import type { Readable } from 'node:stream';
import type { PcmChunk } from '../pipeline.js';
import { AudioInputError, type AudioInput } from './audioInput.js';
import { createPcmDecoder, PCM_FORMATS, type PcmFormat } from './pcmDecoder.js';

export interface StdinPcmOptions {
  /** Default process.stdin. */
  readonly stream?: Readable;
  readonly sampleRate: number;
  readonly channels: number;
  readonly format: PcmFormat;
}

const MIN_RATE = 8000;
const MAX_RATE = 384000;

export function checkPcmOptions(options: { sampleRate: number; channels: number; format: string }): void {
  const { sampleRate, channels, format } = options;
  if (!Number.isInteger(sampleRate) || sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
    throw new AudioInputError(`PCM sample rate must be an integer from ${MIN_RATE} to ${MAX_RATE} Hz, got ${sampleRate}`);
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > 32) throw new AudioInputError(`PCM channels must be an integer from 1 to 32, got ${channels}`);
  if (!(PCM_FORMATS as readonly string[]).includes(format)) throw new AudioInputError(`PCM format must be one of ${PCM_FORMATS.join(', ')}, got "${format}"`);
}

export function stdinPcmInput(options: StdinPcmOptions): AudioInput {
  checkPcmOptions(options);
  const { sampleRate, channels, format } = options;
  const stream = options.stream ?? process.stdin;
  const name = stream === process.stdin ? 'stdin' : 'PCM stream';
  const description = `${name} (raw ${format}, ${sampleRate} Hz, ${channels} ch)`;
  let detach: (() => void) | undefined;

  return {
    description,
    start(onChunk, onEnd) {
      if (detach) throw new AudioInputError(`${description} is already started`);
      if (stream.readableEnded || stream.destroyed) {
        // A consumed stream cannot be replayed (e.g. a second session on the same stdin).
        queueMicrotask(() => onEnd(new AudioInputError(`${description}: the stream has already ended`)));
        return;
      }
      const decoder = createPcmDecoder(format, channels);
      let bytesIn = 0;
      let finished = false;
      const finish = (err?: Error) => {
        if (finished) return;
        finished = true;
        detach?.();
        detach = undefined;
        onEnd(err);
      };
      const onData = (data: Buffer | string) => {
        if (typeof data === 'string') return finish(new AudioInputError(`${description}: the stream delivers text, not bytes (do not set an encoding on it)`));
        const samples = decoder.push(data);
        for (let i = 0; i < samples.length; i++) {
          if (!Number.isFinite(samples[i]!)) {
            // Garbage floats almost always mean the wrong --format.
            return finish(new AudioInputError(`${description}: non-finite sample (NaN/Inf) near byte ${bytesIn}; is the format really ${format}?`));
          }
        }
        bytesIn += data.length;
        if (samples.length > 0) onChunk({ samples, sampleRate, channels } satisfies PcmChunk);
      };
      const onStreamEnd = () => {
        const left = decoder.pendingBytes;
        // A truncated last frame is dropped, but said: it points at a wrong channel count or format.
        finish(left > 0 ? new AudioInputError(`${description}: stream ended inside a frame (${left} trailing bytes after ${bytesIn} bytes)`) : undefined);
      };
      const onError = (err: Error) => finish(new AudioInputError(`${description}: read error: ${err.message}`));
      stream.on('data', onData);
      stream.once('end', onStreamEnd);
      stream.once('error', onError);
      detach = () => {
        stream.off('data', onData);
        stream.off('end', onStreamEnd);
        stream.off('error', onError);
        stream.pause();
      };
      stream.resume();
    },
    stop() {
      detach?.();
      detach = undefined;
    },
  };
}
