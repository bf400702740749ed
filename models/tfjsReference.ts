/**
 * The TF.js reference for Basic Pitch (the package's own graph model) on TF.js's wasm or pure-JS CPU backend.
 * Used by the equivalence test and for reference measurements; not shipped in the server path.
 * The backend is TF.js-global, so `run` selects it before each call.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { basicPitchModelDir } from './convert/tfjsGraph.js';

export interface ReferenceOutput {
  readonly frames: Float32Array;
  readonly onsets: Float32Array;
  readonly contours: Float32Array;
  readonly numFrames: number;
}

export type TfjsBackend = 'wasm' | 'cpu';

export interface TfjsReference {
  /** Runs one 43844-sample window (the graph's fixed input length). */
  run(window: Float32Array, backend?: TfjsBackend): Promise<ReferenceOutput>;
  dispose(): void;
}

export const TFJS_WINDOW_SAMPLES = 43844;

let backendReady: Promise<void> | null = null;

function initWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(`${wasmDir}/`);
    setThreadsCount(1);
    tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner of the CPU backend
    if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialise');
    await tf.ready();
  })();
  return backendReady;
}

export async function loadTfjsReference(): Promise<TfjsReference> {
  await initWasmBackend();
  const dir = basicPitchModelDir();
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const shards = await Promise.all(modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData,
      format: 'graph-model',
    }),
  };
  const model = await tf.loadGraphModel(handler);
  return {
    async run(window, backend = 'wasm') {
      if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) throw new Error(`TF.js ${backend} backend failed to initialise`);
      if (window.length !== TFJS_WINDOW_SAMPLES) throw new RangeError(`TF.js Basic Pitch needs ${TFJS_WINDOW_SAMPLES} samples, got ${window.length}`);
      const input = tf.tensor3d(window, [1, window.length, 1]);
      const outs = model.execute(input, ['Identity_1', 'Identity_2', 'Identity']) as tf.Tensor[];
      const [frames, onsets, contours] = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
      const numFrames = outs[0]!.shape[1]!;
      input.dispose();
      outs.forEach((t) => t.dispose());
      return { frames: frames!, onsets: onsets!, contours: contours!, numFrames };
    },
    dispose: () => model.dispose(),
  };
}
