/** The manifest entry describing models/basic-pitch.onnx (contract read by the server and the model card). */
import type { BuiltModel } from './basicPitch.js';

export function basicPitchManifestEntry(sha256: string, built: BuiltModel): object {
  return {
    name: 'basic-pitch',
    file: 'basic-pitch.onnx',
    sha256,
    sampleRate: 22050,
    hop: 256,
    windowSamples: null,
    minWindowSamples: 33024,
    framesPerSecond: 22050 / 256,
    opset: 18,
    inputs: [{ name: 'audio', shape: ['batch', 'samples', 1], dtype: 'float32', meaning: 'mono audio at 22050 Hz in [-1, 1]; time axis dynamic (>= 33024 samples)' },
      { name: 'keep_frames', shape: [1], dtype: 'int64', meaning: 'required; 0 = all frames (the original model); k > 0: output only the last k frames (the CNN head runs on those only; frames >= 10 from the crop edge are exact)' },
    ],
    outputs: [
      { name: 'frames', shape: ['batch', 'frames', 88], dtype: 'float32', meaning: 'note activity, 88 bins for MIDI 21..108 (bin k = MIDI 21 + k); frames = floor(samples / 256) + 1' },
      { name: 'onsets', shape: ['batch', 'frames', 88], dtype: 'float32', meaning: 'onset activity, 88 bins for MIDI 21..108' },
      { name: 'contours', shape: ['batch', 'frames', 264], dtype: 'float32', meaning: 'pitch contour salience, 3 bins per semitone from MIDI 21' },
    ],
    license: 'Apache-2.0',
    source: `@spotify/basic-pitch ${built.sourceVersion} (npm), model/model.json + group1-shard1of1.bin (TF.js graph model); Bittner et al., ICASSP 2022`,
    sourceSha256: built.sourceSha256,
    converter: 'models/convert/build.ts (npm run models:build)',
  };
}
