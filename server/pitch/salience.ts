/**
 * The streaming pitch-salience stage: PCM chunks (any rate, any channel count, any size) in,
 * Basic Pitch frames out, with a bounded look-ahead.
 *
 * Time is tiled exactly: frame k is centred on resampled sample k·256 (timeSec = k·256/22050).
 * Inference runs on a fixed grid of window ends E = m·256 (m a multiple of `updateFrames`), each
 * window holding the `contextFrames`·256 samples before E (zeros before the stream start). A run at m
 * emits the frames k in (m − updateFrames − lookaheadFrames, m − lookaheadFrames]. The schedule depends
 * only on the sample count, never on chunk boundaries, so any chunking yields identical frames.
 */
import type { PcmChunk, SalienceFrame } from '../pipeline.js';
import { createMonoConverter, type MonoConverter } from '../audio/resample.js';
import {
  DEFAULT_MODEL_PATH,
  MODEL_HOP,
  MODEL_MIN_WINDOW_SAMPLES,
  MODEL_SAMPLE_RATE,
  NOTE_BINS,
  loadPitchModel,
  type PitchModel,
} from './model.js';

/** Frames at the left edge of a cropped run that the CNN head's zero padding disturbs (measured: onsets 10, frames 9). */
export const CNN_EDGE_FRAMES = 10;

export interface SalienceOptions {
  /** Default: models/basic-pitch.onnx, resolved relative to the repository. */
  readonly modelPath?: string;
  /** Frames of audio after a frame's centre before it is emitted (hop 11.6 ms). Default 4 (46 ms). */
  readonly lookaheadFrames?: number;
  /** New frames per inference run (the update interval). Default 4 (46 ms). */
  readonly updateFrames?: number;
  /** Window length in hops (left context + look-ahead); ≥ 129 (the model's minimum). Default 129 (1.50 s). */
  readonly contextFrames?: number;
  /** onnxruntime intra-op threads. Default 1. */
  readonly threads?: number;
  /** An already loaded model (shared between stages); modelPath is then ignored. */
  readonly model?: PitchModel;
}

export interface SalienceInfo {
  readonly frameRate: number;
  readonly hopSec: number;
  readonly lookaheadSec: number;
  readonly updateSec: number;
  readonly windowSec: number;
  /** Worst-case availableSec − timeSec, inference compute excluded: (lookahead + update − 1) hops. */
  readonly latencySec: number;
  readonly lookaheadFrames: number;
  readonly updateFrames: number;
  readonly contextFrames: number;
}

export interface SalienceStage {
  readonly info: SalienceInfo;
  push(chunk: PcmChunk): Promise<SalienceFrame[]>;
  /** End of stream: emits the remaining frames (audio past the end counts as silence). */
  flush(): Promise<SalienceFrame[]>;
  reset(): void;
  /** Releases the model if this stage loaded it. */
  close(): Promise<void>;
}

export const DEFAULT_LOOKAHEAD_FRAMES = 4;
export const DEFAULT_UPDATE_FRAMES = 4;
export const DEFAULT_CONTEXT_FRAMES = MODEL_MIN_WINDOW_SAMPLES / MODEL_HOP;

function checkInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`salience option ${name} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

export async function createSalienceStage(options: SalienceOptions = {}): Promise<SalienceStage> {
  const lookahead = checkInt('lookaheadFrames', options.lookaheadFrames ?? DEFAULT_LOOKAHEAD_FRAMES, 0);
  const update = checkInt('updateFrames', options.updateFrames ?? DEFAULT_UPDATE_FRAMES, 1);
  const context = checkInt('contextFrames', options.contextFrames ?? DEFAULT_CONTEXT_FRAMES, DEFAULT_CONTEXT_FRAMES);
  if (lookahead + update + CNN_EDGE_FRAMES > context) {
    throw new RangeError(`salience: lookaheadFrames + updateFrames + ${CNN_EDGE_FRAMES} must not exceed contextFrames (${context})`);
  }
  const ownModel = !options.model;
  const model = options.model ?? (await loadPitchModel(options.modelPath ?? DEFAULT_MODEL_PATH, { threads: options.threads }));
  const hopSec = MODEL_HOP / MODEL_SAMPLE_RATE;
  const windowSamples = context * MODEL_HOP;
  const keepFrames = update + lookahead + CNN_EDGE_FRAMES;
  const info: SalienceInfo = {
    frameRate: MODEL_SAMPLE_RATE / MODEL_HOP,
    hopSec,
    lookaheadSec: lookahead * hopSec,
    updateSec: update * hopSec,
    windowSec: windowSamples / MODEL_SAMPLE_RATE,
    latencySec: (lookahead + update - 1) * hopSec,
    lookaheadFrames: lookahead,
    updateFrames: update,
    contextFrames: context,
  };

  let converter: MonoConverter = createMonoConverter(MODEL_SAMPLE_RATE);
  // Resampled mono audio from absolute sample index bufStart; `have` samples received in all.
  let buf = new Float32Array(1 << 16);
  let bufStart = 0;
  let have = 0;
  let nextRun = update; // the next window end, in hops
  let inputSamples = 0;
  let inputRate = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const append = (x: Float32Array): void => {
    const used = have - bufStart;
    if (used + x.length > buf.length) {
      const next = new Float32Array(Math.max(buf.length * 2, used + x.length));
      next.set(buf.subarray(0, used));
      buf = next;
    }
    buf.set(x, used);
    have += x.length;
  };

  /** Drops samples no future window needs. */
  const compact = (): void => {
    const keepFrom = nextRun * MODEL_HOP - windowSamples;
    if (keepFrom - bufStart > buf.length / 2) {
      const used = have - bufStart;
      buf.copyWithin(0, keepFrom - bufStart, used);
      bufStart = keepFrom;
    }
  };

  // One window buffer reused by every run (runs are serialised and the model does not keep its input):
  // no 130-kB allocation per 46-ms update.
  const windowBuf = new Float32Array(windowSamples);
  const windowEndingAt = (end: number): Float32Array => {
    const start = end - windowSamples;
    const from = Math.max(start, bufStart);
    const to = Math.min(end, have);
    windowBuf.fill(0);
    if (to > from) windowBuf.set(buf.subarray(from - bufStart, to - bufStart), from - start);
    return windowBuf;
  };

  const runOnce = async (availableSec: (endSample: number) => number, lastFrame: number): Promise<SalienceFrame[]> => {
    const m = nextRun;
    nextRun += update;
    const end = m * MODEL_HOP;
    const out = await model.run(windowEndingAt(end), keepFrames);
    const frames: SalienceFrame[] = [];
    const firstGlobal = m - out.numFrames + 1; // global index of output row 0
    const available = availableSec(end);
    for (let k = Math.max(0, m - update - lookahead + 1); k <= Math.min(m - lookahead, lastFrame); k++) {
      const row = k - firstGlobal;
      frames.push({
        timeSec: k * hopSec,
        notes: out.frames.slice(row * NOTE_BINS, (row + 1) * NOTE_BINS),
        onsets: out.onsets.slice(row * NOTE_BINS, (row + 1) * NOTE_BINS),
        availableSec: available,
      });
    }
    return frames;
  };

  const liveAvailable = (endSample: number): number => endSample / MODEL_SAMPLE_RATE + converter.delaySec;

  const serialize = <T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.then(job);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    info,
    push(chunk) {
      return serialize(async () => {
        if (inputRate === 0) inputRate = chunk.sampleRate;
        inputSamples += chunk.samples.length / chunk.channels;
        append(converter.push(chunk));
        const frames: SalienceFrame[] = [];
        while (nextRun * MODEL_HOP <= have) {
          frames.push(...(await runOnce(liveAvailable, Number.POSITIVE_INFINITY)));
          compact();
        }
        return frames;
      });
    },
    flush() {
      return serialize(async () => {
        append(converter.flush());
        const endSec = inputRate > 0 ? inputSamples / inputRate : 0;
        const lastFrame = Math.ceil(have / MODEL_HOP) - 1;
        const frames: SalienceFrame[] = [];
        const flushAvailable = (endSample: number): number => Math.min(liveAvailable(endSample), endSec);
        while (have > 0 && nextRun - update - lookahead + 1 <= lastFrame) {
          frames.push(...(await runOnce(flushAvailable, lastFrame)));
          compact();
        }
        return frames;
      });
    },
    reset() {
      converter = createMonoConverter(MODEL_SAMPLE_RATE);
      bufStart = 0;
      have = 0;
      nextRun = update;
      inputSamples = 0;
      inputRate = 0;
    },
    async close() {
      if (ownModel) await model.release();
    },
  };
}
