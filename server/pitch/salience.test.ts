import { describe, expect, it } from 'vitest';
import { bach10Piece } from '../../models/testData.js';
import { audioToPcmChunks } from '../audio/chunks.js';
import { decodeAudioFile, type DecodedAudio } from '../audio/decode.js';
import { createMonoConverter } from '../audio/resample.js';
import type { SalienceFrame } from '../pipeline.js';
import { LOWEST_MIDI, MODEL_HOP, MODEL_SAMPLE_RATE, NOTE_BINS, loadPitchModel } from './model.js';
import { createSalienceStage, type SalienceStage } from './salience.js';

async function runStage(stage: SalienceStage, audio: DecodedAudio, sizes: number | ((i: number) => number)): Promise<SalienceFrame[]> {
  const frames: SalienceFrame[] = [];
  for (const chunk of audioToPcmChunks(audio, sizes)) frames.push(...(await stage.push(chunk)));
  frames.push(...(await stage.flush()));
  return frames;
}

/** Deterministic pseudo-random chunk sizes (1 … 6000 frames). */
function randomSizes(seed: number): (i: number) => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 1 + (s % 6000);
  };
}

async function bach10Excerpt(seconds: number): Promise<DecodedAudio> {
  const full = await decodeAudioFile(bach10Piece('02-AchLiebenChristen').wav);
  const n = Math.round(seconds * full.sampleRate);
  return { sampleRate: full.sampleRate, channels: full.channels.map((c) => c.slice(0, n)), durationSec: n / full.sampleRate };
}

describe('createSalienceStage', () => {
  it('gives identical frames whether the audio comes whole or in random-size chunks', async () => {
    const audio = await bach10Excerpt(6);
    const stage = await createSalienceStage();
    const whole = await runStage(stage, audio, audio.channels[0]!.length);
    stage.reset();
    const chunked = await runStage(stage, audio, randomSizes(7));
    stage.reset();
    const tiny = await runStage(stage, audio, randomSizes(99));
    await stage.close();
    expect(chunked.length).toBe(whole.length);
    expect(tiny.length).toBe(whole.length);
    for (let k = 0; k < whole.length; k++) {
      for (const other of [chunked[k]!, tiny[k]!]) {
        expect(other.timeSec).toBe(whole[k]!.timeSec);
        expect(other.availableSec).toBe(whole[k]!.availableSec);
        expect(other.notes).toEqual(whole[k]!.notes);
        expect(other.onsets).toEqual(whole[k]!.onsets);
      }
    }
    expect(Math.max(...whole.map((f) => Math.max(...f.notes)))).toBeGreaterThan(0.5);
  });

  it('tiles time exactly, bounds the look-ahead and covers the whole stream', async () => {
    const audio = await bach10Excerpt(4);
    const stage = await createSalienceStage({ lookaheadFrames: 4, updateFrames: 4 });
    const frames: SalienceFrame[] = [];
    const live: SalienceFrame[] = [];
    for (const chunk of audioToPcmChunks(audio, 512)) {
      const out = await stage.push(chunk);
      live.push(...out);
      frames.push(...out);
    }
    frames.push(...(await stage.flush()));
    await stage.close();
    const hop = MODEL_HOP / MODEL_SAMPLE_RATE;
    expect(stage.info.hopSec).toBe(hop);
    frames.forEach((f, k) => expect(f.timeSec).toBe(k * hop));
    expect(frames.length).toBe(Math.ceil((audio.durationSec * MODEL_SAMPLE_RATE) / MODEL_HOP));
    const delay = 0.002; // resampler half-length at 44.1 kHz is 0.8 ms
    for (const f of live) {
      const lag = f.availableSec - f.timeSec;
      expect(lag).toBeGreaterThanOrEqual(stage.info.lookaheadSec - 1e-9);
      expect(lag).toBeLessThanOrEqual(stage.info.latencySec + delay);
    }
    for (const f of frames) expect(f.availableSec).toBeLessThanOrEqual(audio.durationSec + 1e-9);
  });

  it('emits exactly what the model gives for the window ending at each update', async () => {
    const audio = await bach10Excerpt(3);
    const model = await loadPitchModel();
    const stage = await createSalienceStage({ model, lookaheadFrames: 2, updateFrames: 5 });
    const frames = await runStage(stage, audio, 4096);
    // Rebuild the stage's 22050 Hz stream to cut one window by hand.
    const resampled = runResampled(audio);
    const m = 150; // a run at window end 150 hops (a multiple of updateFrames) emits frames 144..148
    const window = new Float32Array(stage.info.contextFrames * MODEL_HOP);
    const start = m * MODEL_HOP - window.length;
    for (let i = 0; i < window.length; i++) window[i] = start + i >= 0 ? resampled[start + i]! : 0;
    const direct = await model.run(window, 0);
    for (let k = m - 5 - 2 + 1; k <= m - 2; k++) {
      const row = direct.numFrames - 1 - (m - k);
      expect(frames[k]!.notes).toEqual(direct.frames.slice(row * NOTE_BINS, (row + 1) * NOTE_BINS));
      expect(frames[k]!.onsets).toEqual(direct.onsets.slice(row * NOTE_BINS, (row + 1) * NOTE_BINS));
    }
    await model.release();
  });

  it('accepts 48 kHz stereo and hears a 440 Hz tone as MIDI 69', async () => {
    const rate = 48000;
    const n = 3 * rate;
    const left = new Float32Array(n);
    const right = new Float32Array(n);
    for (let i = 0; i < n; i++) left[i] = right[i] = 0.4 * Math.sin((2 * Math.PI * 440 * i) / rate);
    const stage = await createSalienceStage();
    const frames = await runStage(stage, { sampleRate: rate, channels: [left, right], durationSec: 3 }, 1000);
    await stage.close();
    const mid = frames[Math.floor(frames.length / 2)]!;
    const peak = mid.notes.indexOf(Math.max(...mid.notes));
    expect(peak + LOWEST_MIDI).toBe(69);
  });

  it('puts a note onset at its true time (within one hop)', async () => {
    const rate = 44100;
    const x = new Float32Array(3 * rate);
    const start = rate; // A4 enters at 1.000 s with a 5 ms attack
    for (let i = start; i < x.length; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 440 * (i - start)) / rate) * Math.min(1, (i - start) / (0.005 * rate));
    const stage = await createSalienceStage();
    const frames = await runStage(stage, { sampleRate: rate, channels: [x], durationSec: 3 }, 441);
    await stage.close();
    const bin = 69 - LOWEST_MIDI;
    const peak = frames.reduce((best, f) => (f.onsets[bin]! > best.onsets[bin]! ? f : best));
    expect(peak.onsets[bin]).toBeGreaterThan(0.5);
    expect(Math.abs(peak.timeSec - 1)).toBeLessThanOrEqual(stage.info.hopSec);
  });

  it('rejects options it cannot honour', async () => {
    await expect(createSalienceStage({ contextFrames: 100 })).rejects.toThrow(/contextFrames/);
    await expect(createSalienceStage({ updateFrames: 0 })).rejects.toThrow(/updateFrames/);
  });
});

function runResampled(audio: DecodedAudio): Float32Array {
  const conv = createMonoConverter(MODEL_SAMPLE_RATE);
  const parts: Float32Array[] = [];
  for (const chunk of audioToPcmChunks(audio, 4096)) parts.push(conv.push(chunk));
  parts.push(conv.flush());
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
