/**
 * How much left context does the streaming stage need? Runs the stage with several window lengths
 * (`contextFrames`, same look-ahead and update) and compares each frame's `notes` with a long-window run.
 * Basic Pitch normalizes its log-CQT by the min and max over the whole window, so no window length gives
 * bit-equal outputs; this reports how fast the difference vanishes.
 *   npx tsx models/measureContext.ts [audio file …]   (default: two Bach10 pieces and the Eroica demo)
 */
import { join } from 'node:path';
import { audioToPcmChunks } from '../server/audio/chunks.js';
import { decodeAudioFile } from '../server/audio/decode.js';
import { loadPitchModel, type PitchModel } from '../server/pitch/model.js';
import { createSalienceStage } from '../server/pitch/salience.js';
import type { SalienceFrame } from '../server/pipeline.js';
import { REPO_ROOT, bach10Piece } from './testData.js';

const CONTEXTS = [129, 150, 172, 215, 258, 344, 431];
const REFERENCE_CONTEXT = 861; // 10 s

async function framesFor(model: PitchModel, path: string, contextFrames: number): Promise<SalienceFrame[]> {
  const audio = await decodeAudioFile(path);
  const stage = await createSalienceStage({ model, contextFrames });
  const out: SalienceFrame[] = [];
  for (const c of audioToPcmChunks(audio, 4096)) out.push(...(await stage.push(c)));
  out.push(...(await stage.flush()));
  return out;
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    files.push(bach10Piece('01-AchGottundHerr').wav, bach10Piece('06-DieSonne').wav, join(REPO_ROOT, 'scores', 'beethoven-eroica-mvt1', 'eroica_mvt1_cnso_musopen_1m00-1m30.opus'));
  }
  const model = await loadPitchModel();
  console.log(`reference: contextFrames ${REFERENCE_CONTEXT}; default look-ahead and update; frames after the first ${REFERENCE_CONTEXT} hops only`);
  console.log('context frames | seconds | max |Δnotes| | mean |Δnotes| | frames where a 0.3-threshold decision flips (%)');
  const stats = new Map<number, { max: number; sum: number; n: number; flips: number; bins: number }>();
  for (const file of files) {
    const ref = await framesFor(model, file, REFERENCE_CONTEXT);
    for (const ctx of CONTEXTS) {
      const got = await framesFor(model, file, ctx);
      const s = stats.get(ctx) ?? { max: 0, sum: 0, n: 0, flips: 0, bins: 0 };
      for (let k = REFERENCE_CONTEXT; k < ref.length; k++) {
        let flip = false;
        for (let b = 0; b < 88; b++) {
          const a = ref[k]!.notes[b]!;
          const g = got[k]!.notes[b]!;
          const d = Math.abs(a - g);
          s.max = Math.max(s.max, d);
          s.sum += d;
          s.bins++;
          if (a >= 0.3 !== g >= 0.3) flip = true;
        }
        s.n++;
        if (flip) s.flips++;
      }
      stats.set(ctx, s);
    }
  }
  for (const ctx of CONTEXTS) {
    const s = stats.get(ctx)!;
    console.log(
      `${String(ctx).padStart(14)} | ${((ctx * 256) / 22050).toFixed(2).padStart(7)} | ${s.max.toFixed(4).padStart(12)} | ${(s.sum / s.bins).toExponential(2).padStart(13)} | ${((100 * s.flips) / s.n).toFixed(2)}`,
    );
  }
  await model.release();
}

await main();
