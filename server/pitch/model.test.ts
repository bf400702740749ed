import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOWEST_MIDI, MODEL_SAMPLE_RATE, NOTE_BINS, loadPitchModel } from './model.js';

const midiToHz = (m: number): number => 440 * 2 ** ((m - 69) / 12);

/** A harmonic tone per MIDI note (1/h partials), 2 s at 22050 Hz. */
function tones(midis: readonly number[]): Float32Array {
  const n = 2 * MODEL_SAMPLE_RATE;
  const x = new Float32Array(n);
  for (const m of midis)
    for (let h = 1; h <= 4; h++) {
      const f = midiToHz(m) * h;
      for (let i = 0; i < n; i++) x[i]! += (0.25 / h) * Math.sin((2 * Math.PI * f * i) / MODEL_SAMPLE_RATE);
    }
  return x;
}

/** Mean note activity per bin over the middle frames. */
function meanActivity(frames: Float32Array, numFrames: number): Float32Array {
  const mean = new Float32Array(NOTE_BINS);
  const from = Math.floor(numFrames / 4);
  const to = Math.floor((3 * numFrames) / 4);
  for (let t = from; t < to; t++) for (let b = 0; b < NOTE_BINS; b++) mean[b]! += frames[t * NOTE_BINS + b]! / (to - from);
  return mean;
}

const topBins = (a: Float32Array, k: number): number[] =>
  Array.from(a.keys())
    .sort((p, q) => a[q]! - a[p]!)
    .slice(0, k);

describe('loadPitchModel', () => {
  it('hears a 440 Hz tone as MIDI 69', async () => {
    const model = await loadPitchModel();
    const x = new Float32Array(2 * MODEL_SAMPLE_RATE);
    for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / MODEL_SAMPLE_RATE);
    const out = await model.run(x);
    const mean = meanActivity(out.frames, out.numFrames);
    expect(LOWEST_MIDI + topBins(mean, 1)[0]!).toBe(69);
    expect(mean[69 - LOWEST_MIDI]).toBeGreaterThan(0.5);
    await model.release();
  });

  it('hears a C major triad (C4 E4 G4) as MIDI 60, 64, 67', async () => {
    const model = await loadPitchModel();
    const out = await model.run(tones([60, 64, 67]));
    const mean = meanActivity(out.frames, out.numFrames);
    expect(topBins(mean, 3).map((b) => b + LOWEST_MIDI).sort((a, b) => a - b)).toEqual([60, 64, 67]);
    await model.release();
  });

  it('crops to the last k frames, exactly equal to the full run away from the crop edge', async () => {
    const model = await loadPitchModel();
    const x = tones([55, 62]);
    const full = await model.run(x, 0);
    const cropped = await model.run(x, 24);
    expect(cropped.numFrames).toBe(24);
    const offset = (full.numFrames - 24) * NOTE_BINS;
    for (let i = 10 * NOTE_BINS; i < 24 * NOTE_BINS; i++) {
      expect(cropped.frames[i]).toBe(full.frames[offset + i]);
      expect(cropped.onsets[i]).toBe(full.onsets[offset + i]);
    }
    await model.release();
  });

  it('names the file when the model is missing', async () => {
    const path = join(tmpdir(), 'tutti-no-such-model.onnx');
    await expect(loadPitchModel(path)).rejects.toThrow(`${path}: model file not found`);
  });

  it('names the file when the model is corrupt or empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tutti-model-'));
    const corrupt = join(dir, 'corrupt.onnx');
    await writeFile(corrupt, Buffer.from('this is not a protobuf model at all'));
    await expect(loadPitchModel(corrupt)).rejects.toThrow(`${corrupt}: not a valid ONNX model`);
    const empty = join(dir, 'empty.onnx');
    await writeFile(empty, Buffer.alloc(0));
    await expect(loadPitchModel(empty)).rejects.toThrow(`${empty}: model file is empty`);
  });
});
