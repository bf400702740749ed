/**
 * Benchmark of the whole follower (audio → salience → aligner → tracker → positions) on Bach10
 * recordings, fed in update-sized chunks as fast as possible, onnxruntime on one thread.
 * Prints the real-time factor (compute seconds per audio second; 0.25 = a quarter of one core)
 * and the distribution of per-update processing time, for the pipeline and for alignment alone.
 * TUTTI_FOLLOWER_CONFIG (JSON, as `eval --config`) benchmarks other settings.
 * For a one-core figure run it pinned: `taskset -c 0 npm run bench -- follower`. It also prints the
 * process CPU time, which is the honest share of a core when other work competes for it.
 */
import { performance } from 'node:perf_hooks';
import { audioToPcmChunks } from '../../server/audio/chunks.js';
import { decodeAudioFile } from '../../server/audio/decode.js';
import { configWith, DEFAULT_FOLLOWER_CONFIG } from '../../server/follower/config.js';
import { createFollowerAligner } from '../../server/follower/followerAligner.js';
import { createFollowPipeline } from '../../server/follower/pipeline.js';
import { buildTemplate } from '../../server/follower/template.js';
import { createTracker } from '../../server/follower/tracker.js';
import type { SalienceFrame } from '../../server/pipeline.js';
import { createSalienceStage } from '../../server/pitch/salience.js';
import { loadScore } from '../../server/score/load.js';
import { bach10Piece } from '../follower/bach10.js';

const PIECES = ['01-AchGottundHerr', '05-DieNacht', '10-NunBitten'];

function quantiles(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => (s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 1000).toFixed(2);
  return `p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms (n=${s.length})`;
}

export async function runBench(): Promise<void> {
  // TUTTI_FOLLOWER_CONFIG='{"updateFrames":2}' benchmarks another setting (same JSON as `eval --config`).
  const override = process.env.TUTTI_FOLLOWER_CONFIG;
  const config = override ? configWith(JSON.parse(override)) : DEFAULT_FOLLOWER_CONFIG;
  const salience = await createSalienceStage({ lookaheadFrames: config.lookaheadFrames, updateFrames: config.updateFrames, threads: 1 });
  console.log(
    `follower: look-ahead ${(salience.info.lookaheadSec * 1000).toFixed(1)} ms, update every ${(salience.info.updateSec * 1000).toFixed(1)} ms; ` +
      `pieces ${PIECES.join(', ')}`,
  );
  const pushTimes: number[] = [];
  const alignTimes: number[] = [];
  let audioSec = 0;
  let computeSec = 0;
  let alignSec = 0;
  let cpuSec = 0;
  try {
    for (const name of PIECES) {
      const piece = bach10Piece(name);
      const score = await loadScore(piece.score);
      const audio = await decodeAudioFile(piece.audio);
      const template = buildTemplate(score, { frameRate: salience.info.frameRate, maxGapSec: config.maxGapSec, tailSec: config.tailSec });
      salience.reset();
      // Whole pipeline, one push per update as live.
      const frames: SalienceFrame[] = [];
      const recording = { ...salience, push: async (c: Parameters<typeof salience.push>[0]) => { const f = await salience.push(c); frames.push(...f); return f; } };
      const pipeline = createFollowPipeline({
        salience: recording,
        aligner: createFollowerAligner(template, config.aligner),
        tracker: createTracker(score, config.tracker),
        computeDelay: 0,
      });
      const chunk = Math.round(salience.info.updateSec * audio.sampleRate);
      const cpu0 = process.cpuUsage();
      for (const c of audioToPcmChunks(audio, chunk)) await pipeline.push(c);
      await pipeline.flush();
      const cpu = process.cpuUsage(cpu0);
      cpuSec += (cpu.user + cpu.system) / 1e6;
      pushTimes.push(...pipeline.computeTimes);
      computeSec += pipeline.computeTimes.reduce((a, b) => a + b, 0);
      audioSec += audio.durationSec;
      // Alignment alone on the same frames, grouped per update.
      const aligner = createFollowerAligner(template, config.aligner);
      const tracker = createTracker(score, config.tracker);
      let i = 0;
      while (i < frames.length) {
        const t0 = performance.now();
        const available = frames[i]!.availableSec;
        for (; i < frames.length && frames[i]!.availableSec === available; i++) tracker.observe(aligner.step(frames[i]!));
        tracker.report(available);
        const dt = (performance.now() - t0) / 1000;
        alignTimes.push(dt);
        alignSec += dt;
      }
    }
  } finally {
    await salience.close();
  }
  console.log(`audio ${audioSec.toFixed(1)} s, whole pipeline ${computeSec.toFixed(2)} s → real-time factor ${(computeSec / audioSec).toFixed(3)} (${(audioSec / computeSec).toFixed(1)}× real time)`);
  console.log(`CPU time of the process over the same run: ${cpuSec.toFixed(2)} s → ${((cpuSec / audioSec) * 100).toFixed(1)} % of one core (wall-clock figures include waiting for a shared core)`);
  console.log(`per update, whole pipeline: ${quantiles(pushTimes)}`);
  console.log(`per update, alignment + tracking only: ${quantiles(alignTimes)}; real-time factor ${(alignSec / audioSec).toFixed(4)}`);
}
