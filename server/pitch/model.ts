/**
 * Loads the Basic Pitch ONNX model (models/basic-pitch.onnx) into onnxruntime-node and runs it.
 * The only module that touches onnxruntime; every load failure names the model file.
 */
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { FileError } from '../fileError.js';

export const MODEL_SAMPLE_RATE = 22050;
export const MODEL_HOP = 256;
/** The lowest CQT octave is reflect-padded by 128 after 8 halvings: windows need ≥ 129 × 256 samples. */
export const MODEL_MIN_WINDOW_SAMPLES = 129 * 256;
export const NOTE_BINS = 88;
export const CONTOUR_BINS = 264;
/** MIDI number of bin 0 of `frames` / `onsets`. */
export const LOWEST_MIDI = 21;

/** Default model, resolved relative to this file (not the working directory). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/basic-pitch.onnx', import.meta.url));

export class ModelLoadError extends FileError {
  override readonly name = 'ModelLoadError';
}

export interface PitchModelOutput {
  /** Frames in this output (row count of each array). */
  readonly numFrames: number;
  /** [numFrames × 88] row-major. */
  readonly frames: Float32Array;
  readonly onsets: Float32Array;
  /** [numFrames × 264] row-major. */
  readonly contours: Float32Array;
}

export interface PitchModel {
  readonly path: string;
  /**
   * Runs one mono 22050 Hz window (≥ MODEL_MIN_WINDOW_SAMPLES). `keepFrames` > 0 returns only the last
   * keepFrames frames (cheaper; exact for frames ≥ 10 from the crop edge); 0 returns every frame.
   */
  run(audio: Float32Array, keepFrames?: number): Promise<PitchModelOutput>;
  release(): Promise<void>;
}

export interface PitchModelOptions {
  /** onnxruntime intra-op threads; 1 keeps the server's share of this small machine predictable. */
  readonly threads?: number;
}

export async function loadPitchModel(path: string = DEFAULT_MODEL_PATH, options: PitchModelOptions = {}): Promise<PitchModel> {
  try {
    await access(path);
  } catch {
    throw new ModelLoadError(path, 'model file not found (run `npm run models:build` to regenerate models/basic-pitch.onnx)');
  }
  const bytes = await readFile(path);
  if (bytes.length === 0) throw new ModelLoadError(path, 'model file is empty');
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ModelLoadError(path, `not a valid ONNX model for onnxruntime (${why})`);
  }
  const missing = ['audio', 'keep_frames'].filter((n) => !session.inputNames.includes(n));
  const missingOut = ['frames', 'onsets', 'contours'].filter((n) => !session.outputNames.includes(n));
  if (missing.length > 0 || missingOut.length > 0) {
    await session.release();
    throw new ModelLoadError(path, `not a Basic Pitch model: missing inputs [${missing.join(', ')}] / outputs [${missingOut.join(', ')}]`);
  }
  return {
    path,
    async run(audio, keepFrames = 0) {
      if (audio.length < MODEL_MIN_WINDOW_SAMPLES) {
        throw new RangeError(`pitch model window of ${audio.length} samples is shorter than the minimum ${MODEL_MIN_WINDOW_SAMPLES}`);
      }
      const result = await session.run({
        audio: new ort.Tensor('float32', audio, [1, audio.length, 1]),
        keep_frames: new ort.Tensor('int64', BigInt64Array.from([BigInt(keepFrames)]), [1]),
      });
      const frames = result['frames']!;
      return {
        numFrames: frames.dims[1]!,
        frames: frames.data as Float32Array,
        onsets: result['onsets']!.data as Float32Array,
        contours: result['contours']!.data as Float32Array,
      };
    },
    release: () => session.release(),
  };
}
