/**
 * The operator's browser microphone as a live AudioInput. The conductor namespace feeds it: one
 * conductor socket at a time claims it, sends PCM chunks (checked here, never trusted), and releases
 * it — or drops its connection, which PAUSES the input: the follower gets no audio (and so no new
 * positions) until a microphone is claimed again, when chunks flow into the same run. The input never
 * ends by itself; the session's stop ends it.
 */
import type { PcmChunk } from '../pipeline.js';
import { AudioInputError, type AudioInput } from './audioInput.js';

export const MIC_MIN_RATE = 8000;
export const MIC_MAX_RATE = 192000;
export const MIC_MAX_CHANNELS = 2;
/** Browsers send 20–50 ms; a quarter second bounds memory and latency per message. */
export const MIC_MAX_CHUNK_SEC = 0.25;

const BYTES_PER_SAMPLE = { f32: 4, s16: 2 } as const;

/** What the conductor namespace shows about the input (per-socket fields are added there). */
export interface BrowserMicState {
  /** The socket id of the conductor whose microphone is the input, if any. */
  readonly ownerId: string | null;
  /** Started by a live session: chunks go to the follower (otherwise they are checked and dropped). */
  readonly listening: boolean;
  readonly sampleRate: number | null;
  readonly channels: number | null;
  /** Why the input paused last (a dropped connection, a release), null while a microphone streams. */
  readonly note: string | null;
}

export interface BrowserMicStats {
  /** Chunks accepted from the owner, delivered or not. */
  chunksIn: number;
  /** Accepted while no session was live: dropped. */
  chunksDropped: number;
  /** Chunks refused (bad payload, not the owner, format changed mid-session). */
  chunksRejected: number;
  audioInSec: number;
}

export class BrowserMicInput implements AudioInput {
  readonly description = 'browser microphone (conductor panel)';
  private owner: { readonly id: string; readonly label: string } | undefined;
  private onChunk: ((chunk: PcmChunk) => void) | undefined;
  /** The first chunk of a run fixes its format: the follower's resampler cannot change mid-stream. */
  private runFormat: { readonly sampleRate: number; readonly channels: number } | undefined;
  private lastFormat: { readonly sampleRate: number; readonly channels: number } | undefined;
  private note: string | null = null;
  private readonly listeners = new Set<(state: BrowserMicState) => void>();
  private readonly log: (line: string) => void;
  readonly stats: BrowserMicStats = { chunksIn: 0, chunksDropped: 0, chunksRejected: 0, audioInSec: 0 };

  constructor(options: { readonly log?: (line: string) => void } = {}) {
    this.log = options.log ?? (() => {});
  }

  start(onChunk: (chunk: PcmChunk) => void, _onEnd: (err?: Error) => void): void {
    if (this.onChunk) throw new AudioInputError(`${this.description} is already started`);
    this.onChunk = onChunk;
    this.runFormat = undefined;
    if (!this.owner) this.log('browser microphone: the session is live but no conductor microphone is connected yet; waiting for one');
    this.changed();
  }

  stop(): void {
    if (!this.onChunk) return;
    this.onChunk = undefined;
    this.runFormat = undefined;
    this.changed();
  }

  state(): BrowserMicState {
    return {
      ownerId: this.owner?.id ?? null,
      listening: this.onChunk !== undefined,
      sampleRate: this.owner ? (this.lastFormat?.sampleRate ?? null) : null,
      channels: this.owner ? (this.lastFormat?.channels ?? null) : null,
      note: this.note,
    };
  }

  /** Listeners hear every change of state(); returns an unsubscribe function. */
  subscribe(listener: (state: BrowserMicState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes `ownerId`'s microphone the input. Claiming again by the owner is fine; anyone else is refused. */
  claim(ownerId: string, deviceLabel = ''): void {
    if (this.owner && this.owner.id !== ownerId) {
      throw new AudioInputError(
        `another conductor's microphone${this.owner.label ? ` (${this.owner.label})` : ''} is already the input: ` +
          'stop it on that panel first (only one microphone at a time)',
      );
    }
    if (this.owner?.id === ownerId) return;
    this.owner = { id: ownerId, label: deviceLabel.slice(0, 100) };
    this.lastFormat = undefined;
    this.note = null;
    this.log(`browser microphone: ${this.owner.label || 'a microphone'} is now the input`);
    this.changed();
  }

  /** The owner stopped or disconnected: the input pauses. Others' releases are ignored. */
  release(ownerId: string, why: string): void {
    if (this.owner?.id !== ownerId) return;
    this.owner = undefined;
    this.lastFormat = undefined;
    this.note = why;
    this.log(`browser microphone: ${why}${this.onChunk ? '; the follower gets no audio until a microphone is claimed again' : ''}`);
    this.changed();
  }

  /** One chunk from a conductor socket; throws AudioInputError (to send back) when refused. */
  push(senderId: string, payload: unknown): void {
    try {
      if (this.owner?.id !== senderId) {
        throw new AudioInputError(this.owner ? "another conductor's microphone is the input: this chunk was dropped" : 'claim the microphone (micStart) before sending audio');
      }
      const chunk = decodeMicChunk(payload);
      if (this.onChunk && this.runFormat && (this.runFormat.sampleRate !== chunk.sampleRate || this.runFormat.channels !== chunk.channels)) {
        throw new AudioInputError(
          `the microphone's format changed during the session (${describe(this.runFormat)} → ${describe(chunk)}): ` +
            'stop and start the session to switch devices',
        );
      }
      const formatChanged = this.lastFormat?.sampleRate !== chunk.sampleRate || this.lastFormat?.channels !== chunk.channels;
      this.lastFormat = { sampleRate: chunk.sampleRate, channels: chunk.channels };
      this.stats.chunksIn++;
      this.stats.audioInSec += chunk.samples.length / chunk.channels / chunk.sampleRate;
      if (formatChanged) this.changed();
      if (!this.onChunk) {
        this.stats.chunksDropped++;
        return;
      }
      this.runFormat ??= this.lastFormat;
      this.onChunk(chunk);
    } catch (err) {
      this.stats.chunksRejected++;
      throw err;
    }
  }

  private changed(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}

function describe(format: { sampleRate: number; channels: number }): string {
  return `${format.sampleRate} Hz, ${format.channels} ch`;
}

/**
 * Checks a `micChunk` payload off the network and decodes it to Float32. Every refusal says which
 * field is wrong and what was expected.
 */
export function decodeMicChunk(payload: unknown): PcmChunk {
  if (typeof payload !== 'object' || payload === null) throw new AudioInputError('microphone chunk must be an object { sampleRate, channels, encoding, data }');
  const p = payload as Record<string, unknown>;
  const { sampleRate, channels, encoding } = p;
  if (typeof sampleRate !== 'number' || !Number.isInteger(sampleRate) || sampleRate < MIC_MIN_RATE || sampleRate > MIC_MAX_RATE) {
    throw new AudioInputError(`microphone chunk: sampleRate must be an integer from ${MIC_MIN_RATE} to ${MIC_MAX_RATE} Hz, got ${JSON.stringify(sampleRate)}`);
  }
  if (typeof channels !== 'number' || !Number.isInteger(channels) || channels < 1 || channels > MIC_MAX_CHANNELS) {
    throw new AudioInputError(`microphone chunk: channels must be 1 or 2, got ${JSON.stringify(channels)}`);
  }
  if (encoding !== 'f32' && encoding !== 's16') throw new AudioInputError(`microphone chunk: encoding must be "f32" or "s16", got ${JSON.stringify(encoding)}`);
  const bytes = binaryView(p.data);
  if (!bytes) throw new AudioInputError('microphone chunk: data must be binary (an ArrayBuffer or typed array), not JSON');
  const frameBytes = BYTES_PER_SAMPLE[encoding] * channels;
  const maxFrames = Math.ceil(MIC_MAX_CHUNK_SEC * sampleRate);
  if (bytes.byteLength === 0 || bytes.byteLength % frameBytes !== 0) {
    throw new AudioInputError(`microphone chunk: data must hold whole frames of ${frameBytes} bytes (${encoding}, ${channels} ch), got ${bytes.byteLength} bytes`);
  }
  const frames = bytes.byteLength / frameBytes;
  if (frames > maxFrames) {
    throw new AudioInputError(`microphone chunk: at most ${MIC_MAX_CHUNK_SEC * 1000} ms (${maxFrames} frames at ${sampleRate} Hz) per chunk, got ${frames} frames`);
  }
  const count = frames * channels;
  const samples = new Float32Array(count);
  // A DataView reads little-endian at any byte offset (a received Buffer may sit unaligned in a pool).
  if (encoding === 's16') {
    for (let i = 0; i < count; i++) samples[i] = bytes.getInt16(2 * i, true) / 32768;
  } else {
    for (let i = 0; i < count; i++) {
      const x = bytes.getFloat32(4 * i, true);
      if (!Number.isFinite(x)) throw new AudioInputError(`microphone chunk: sample ${i} is not finite (${x})`);
      samples[i] = x;
    }
  }
  return { samples, sampleRate, channels };
}

function binaryView(data: unknown): DataView | undefined {
  if (data instanceof ArrayBuffer) return new DataView(data);
  if (ArrayBuffer.isView(data)) return new DataView(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}
