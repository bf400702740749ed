/** Builds the Basic Pitch ONNX model from the TF.js graph shipped in @spotify/basic-pitch. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeOnnxModel } from './onnxWriter.js';
import { basicPitchModelDir, readTfjsGraph } from './tfjsGraph.js';
import { DataType, ONNX_OPSET, convertTfGraph, type OnnxValueInfo } from './tfToOnnx.js';

/** Basic Pitch's training window: 43844 samples in, 172 frames out. Both are made dynamic. */
const TRAINING_WINDOW_SAMPLES = 43844;
const TRAINING_WINDOW_FRAMES = 172;

export const BASIC_PITCH_INPUT: OnnxValueInfo = {
  name: 'audio',
  elemType: DataType.FLOAT,
  shape: ['batch', 'samples', 1],
  docString: 'Mono audio at 22050 Hz in [-1, 1]; any length of at least 33024 samples (the lowest CQT octave needs 129 samples after 8 halvings).',
};

/** Streaming input: keep only the last k frames after the CQT normalization (0 = all: the original model). */
export const BASIC_PITCH_KEEP_FRAMES: OnnxValueInfo = {
  name: 'keep_frames',
  elemType: DataType.INT64,
  shape: [1],
  docString: '0 = every frame (the original model). k > 0 runs the convolutional head on the last k frames only and outputs those; frames more than 10 from the crop edge equal the uncropped output.',
};

export const BASIC_PITCH_OUTPUTS: ReadonlyMap<string, OnnxValueInfo> = new Map([
  ['Identity_1', { name: 'frames', elemType: DataType.FLOAT, shape: ['batch', 'frames', 88], docString: 'Note activity per frame (hop 256 samples), MIDI 21..108, 0..1.' }],
  ['Identity_2', { name: 'onsets', elemType: DataType.FLOAT, shape: ['batch', 'frames', 88], docString: 'Onset activity per frame, MIDI 21..108, 0..1.' }],
  ['Identity', { name: 'contours', elemType: DataType.FLOAT, shape: ['batch', 'frames', 264], docString: 'Pitch contour salience, 3 bins per semitone from MIDI 21 (A0), 0..1.' }],
]);

export interface BuiltModel {
  readonly bytes: Uint8Array;
  readonly sourceVersion: string;
  /** sha256 of model.json + weight shards, in that order. */
  readonly sourceSha256: string;
}

export async function buildBasicPitchOnnx(): Promise<BuiltModel> {
  const dir = basicPitchModelDir();
  const pkgPath = join(dirname(dir), 'package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as { version: string; license: string };
  const graph = await readTfjsGraph(join(dir, 'model.json'));
  const sourceHash = createHash('sha256');
  for (const f of graph.sourceFiles) sourceHash.update(f.bytes);
  const sourceSha256 = sourceHash.digest('hex');
  const onnxGraph = convertTfGraph(
    graph,
    { input: BASIC_PITCH_INPUT, outputs: BASIC_PITCH_OUTPUTS, dynamicShapeConstants: [TRAINING_WINDOW_SAMPLES, TRAINING_WINDOW_FRAMES],
      timeCrop: { afterNode: 'StatefulPartitionedCall/model_1/batch_normalization/FusedBatchNormV3', input: BASIC_PITCH_KEEP_FRAMES },
    },
    'basic_pitch',
  );
  const bytes = encodeOnnxModel(onnxGraph, {
    producerName: 'tutti-models-convert',
    producerVersion: '1',
    docString: `Spotify Basic Pitch (ICASSP 2022) converted from @spotify/basic-pitch ${pkg.version} TF.js graph; opset ${ONNX_OPSET}; dynamic time axis.`,
    props: {
      license: pkg.license,
      source: `npm:@spotify/basic-pitch@${pkg.version}/model`,
      source_sha256: sourceSha256,
      sample_rate: '22050',
      hop: '256',
    },
  });
  return { bytes, sourceVersion: pkg.version, sourceSha256 };
}
