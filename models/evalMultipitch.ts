/**
 * Bach10 frame-level multi-pitch evaluation of the ONNX model through the streaming salience stage.
 *   npx tsx models/evalMultipitch.ts [--dataset ../shared/eval/bach10] [--threshold 0.3] [--tolerance 0.5]
 *     [--lookahead 4] [--update 4] [--context 129] [--offset 0.023] [--pieces 01,02]
 * Reference frames are the -GTF0s.mat columns on a 10 ms grid: frame i is centred at 23 ms + i·10 ms
 * (46 ms windows, per the Bach10 documentation); each is compared with the salience frame nearest in time.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { audioToPcmChunks } from '../server/audio/chunks.js';
import { decodeAudioFile } from '../server/audio/decode.js';
import { matAt, readMatFile } from '../server/eval/mat.js';
import { addCounts, matchFrame, scoreCounts, type MultipitchCounts } from '../server/eval/multipitch.js';
import { LOWEST_MIDI, NOTE_BINS } from '../server/pitch/model.js';
import { createSalienceStage, type SalienceOptions } from '../server/pitch/salience.js';
import type { SalienceFrame } from '../server/pipeline.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface PieceResult {
  readonly piece: string;
  readonly counts: MultipitchCounts;
  readonly audioSec: number;
  readonly computeSec: number;
}

export async function evaluatePiece(dir: string, stageOptions: SalienceOptions, threshold: number, tolerance: number, offsetSec: number): Promise<PieceResult> {
  const piece = dir.split('/').pop()!;
  const audio = await decodeAudioFile(join(dir, `${piece}.wav`));
  const gt = (await readMatFile(join(dir, `${piece}-GTF0s.mat`))).get('GTF0s');
  if (!gt) throw new Error(`${join(dir, `${piece}-GTF0s.mat`)}: no GTF0s variable`);
  const stage = await createSalienceStage(stageOptions);
  const started = performance.now();
  const frames: SalienceFrame[] = [];
  for (const chunk of audioToPcmChunks(audio, 4096)) frames.push(...(await stage.push(chunk)));
  frames.push(...(await stage.flush()));
  const computeSec = (performance.now() - started) / 1000;
  await stage.close();
  const hop = stage.info.hopSec;
  let counts: MultipitchCounts = { truePositives: 0, estimated: 0, reference: 0 };
  const [parts, columns] = gt.dims as [number, number];
  for (let i = 0; i < columns; i++) {
    const t = i * 0.01 + offsetSec;
    const k = Math.min(frames.length - 1, Math.max(0, Math.round(t / hop)));
    const notes = frames[k]!.notes;
    const est: number[] = [];
    for (let b = 0; b < NOTE_BINS; b++) if (notes[b]! >= threshold) est.push(LOWEST_MIDI + b);
    const ref: number[] = [];
    for (let p = 0; p < parts; p++) ref.push(matAt(gt, p, i));
    counts = addCounts(counts, matchFrame(est, ref, tolerance));
  }
  return { piece, counts, audioSec: audio.durationSec, computeSec };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: join(REPO_ROOT, '..', 'shared', 'eval', 'bach10') },
      threshold: { type: 'string', default: '0.3' },
      tolerance: { type: 'string', default: '0.5' },
      lookahead: { type: 'string' },
      update: { type: 'string' },
      context: { type: 'string' },
      offset: { type: 'string', default: '0.023' },
      pieces: { type: 'string' },
    },
  });
  const dataset = resolve(values.dataset);
  if (!existsSync(dataset)) throw new Error(`Bach10 dataset not found at ${dataset} (expected ../shared/eval/bach10)`);
  const wanted = values.pieces?.split(',');
  const dirs = readdirSync(dataset, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name) && (!wanted || wanted.some((w) => d.name.startsWith(w))))
    .map((d) => join(dataset, d.name))
    .sort();
  const opt = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const stageOptions: SalienceOptions = { lookaheadFrames: opt(values.lookahead), updateFrames: opt(values.update), contextFrames: opt(values.context) };
  const threshold = Number(values.threshold);
  const tolerance = Number(values.tolerance);
  let total: MultipitchCounts = { truePositives: 0, estimated: 0, reference: 0 };
  let audioSec = 0;
  let computeSec = 0;
  for (const dir of dirs) {
    const r = await evaluatePiece(dir, stageOptions, threshold, tolerance, Number(values.offset));
    const s = scoreCounts(r.counts);
    console.log(`${r.piece.padEnd(32)} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F ${s.fMeasure.toFixed(3)}  (${r.computeSec.toFixed(1)} s for ${r.audioSec.toFixed(1)} s audio)`);
    total = addCounts(total, r.counts);
    audioSec += r.audioSec;
    computeSec += r.computeSec;
  }
  const s = scoreCounts(total);
  console.log(
    `ALL ${dirs.length} pieces: P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F ${s.fMeasure.toFixed(3)} ` +
      `(threshold ${threshold}, ±${tolerance} semitone, 10 ms grid from ${values.offset} s, lookahead ${stageOptions.lookaheadFrames ?? 'default'}, ` +
      `update ${stageOptions.updateFrames ?? 'default'}, context ${stageOptions.contextFrames ?? 'default'}; ${computeSec.toFixed(1)} s compute for ${audioSec.toFixed(1)} s audio)`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
