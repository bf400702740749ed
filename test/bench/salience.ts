/**
 * Cost of the streaming salience stage (resampling + ONNX inference) fed in 10 ms chunks as a live source
 * would: per update, and as a share of one CPU core, over update interval × look-ahead.
 * Audio: the bundled Eroica excerpt (48 kHz Opus, orchestral), first 20 s.
 */
import { fileURLToPath } from 'node:url';
import { audioToPcmChunks } from '../../server/audio/chunks.js';
import { decodeAudioFile, type DecodedAudio } from '../../server/audio/decode.js';
import { TFJS_WINDOW_SAMPLES, loadTfjsReference } from '../../models/tfjsReference.js';
import { MODEL_MIN_WINDOW_SAMPLES, loadPitchModel, type PitchModel } from '../../server/pitch/model.js';
import { DEFAULT_LOOKAHEAD_FRAMES, DEFAULT_UPDATE_FRAMES, createSalienceStage } from '../../server/pitch/salience.js';

const DEMO = fileURLToPath(new URL('../../scores/beethoven-eroica-mvt1/eroica_mvt1_cnso_musopen_1m00-1m30.opus', import.meta.url));

interface Measurement {
  readonly updates: number;
  readonly wallMsPerUpdate: number;
  readonly cpuMsPerUpdate: number;
  readonly coreShare: number;
  readonly latencyMs: number;
}

async function measure(model: PitchModel, audio: DecodedAudio, updateFrames: number, lookaheadFrames: number): Promise<Measurement> {
  const stage = await createSalienceStage({ model, updateFrames, lookaheadFrames });
  const chunkFrames = Math.round(audio.sampleRate / 100); // 10 ms chunks
  const chunks = [...audioToPcmChunks(audio, chunkFrames)];
  // Warm-up: the first runs allocate onnxruntime's buffers.
  for (const c of chunks.slice(0, 200)) await stage.push(c);
  stage.reset();
  let frames = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const c of chunks) frames += (await stage.push(c)).length;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const updates = Math.round(frames / updateFrames);
  return {
    updates,
    wallMsPerUpdate: wallMs / updates,
    cpuMsPerUpdate: cpuMs / updates,
    coreShare: cpuMs / 1000 / audio.durationSec,
    latencyMs: stage.info.latencySec * 1000,
  };
}

/** Mean wall and CPU milliseconds of `fn` over `runs` calls after two warm-up calls. */
async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<string> {
  await fn();
  await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const wall = (performance.now() - t0) / runs;
  const cpu = process.cpuUsage(cpu0);
  return `${((cpu.user + cpu.system) / 1000 / runs).toFixed(1)} ms CPU (${wall.toFixed(1)} ms wall)`;
}

async function perWindow(model: PitchModel, audio: DecodedAudio): Promise<void> {
  const x = audio.channels[0]!.slice(48000, 48000 + TFJS_WINDOW_SAMPLES); // content only; the rate does not matter for timing
  const short = x.slice(0, MODEL_MIN_WINDOW_SAMPLES);
  const full = await timeIt(20, () => model.run(x, 0));
  const minWindow = await timeIt(20, () => model.run(short, 0));
  const streaming = await timeIt(40, () => model.run(short, DEFAULT_UPDATE_FRAMES + DEFAULT_LOOKAHEAD_FRAMES + 10));
  const tfjs = await loadTfjsReference();
  const wasm = await timeIt(5, () => tfjs.run(x, 'wasm'));
  tfjs.dispose();
  console.log('one inference (1 thread):');
  console.log(`  onnxruntime, 2-s window (43844 samples, 172 frames):         ${full}`);
  console.log(`  onnxruntime, 1.5-s window (33024 samples, all 130 frames):   ${minWindow}`);
  console.log(`  onnxruntime, 1.5-s window, CNN head on the last 18 frames:   ${streaming}  (the default streaming update)`);
  console.log(`  TF.js wasm backend, 2-s window (reference):                  ${wasm}`);
}

export async function runBench(): Promise<void> {
  const full = await decodeAudioFile(DEMO);
  const n = Math.min(full.channels[0]!.length, 20 * full.sampleRate);
  const audio: DecodedAudio = { sampleRate: full.sampleRate, channels: full.channels.map((c) => c.slice(0, n)), durationSec: n / full.sampleRate };
  const model = await loadPitchModel();
  const hopMs = (256 / 22050) * 1000;
  await perWindow(model, audio);
  console.log(`\nstreaming stage, audio: ${audio.durationSec.toFixed(1)} s, ${audio.sampleRate} Hz, ${audio.channels.length} ch, 10 ms chunks; onnxruntime 1 thread`);
  const d = await measure(model, audio, DEFAULT_UPDATE_FRAMES, DEFAULT_LOOKAHEAD_FRAMES);
  console.log(
    `default (update ${DEFAULT_UPDATE_FRAMES} frames = ${(DEFAULT_UPDATE_FRAMES * hopMs).toFixed(1)} ms, look-ahead ${DEFAULT_LOOKAHEAD_FRAMES} frames = ${(DEFAULT_LOOKAHEAD_FRAMES * hopMs).toFixed(1)} ms): ` +
      `${d.cpuMsPerUpdate.toFixed(2)} ms CPU per update (${d.wallMsPerUpdate.toFixed(2)} ms wall), ${(100 * d.coreShare).toFixed(1)} % of one core, worst-case latency ${d.latencyMs.toFixed(1)} ms + compute`,
  );
  console.log('\nupdate ms | look-ahead ms | CPU ms/update | % of one core | worst latency ms (excl. compute)');
  for (const u of [2, 4, 8, 16]) {
    for (const l of [0, 4, 8]) {
      const m = await measure(model, audio, u, l);
      console.log(
        `${(u * hopMs).toFixed(1).padStart(9)} | ${(l * hopMs).toFixed(1).padStart(13)} | ${m.cpuMsPerUpdate.toFixed(2).padStart(13)} | ${(100 * m.coreShare).toFixed(1).padStart(13)} | ${m.latencyMs.toFixed(1).padStart(8)}`,
      );
    }
  }
  await model.release();
}
