/**
 * Follows one audio file in one score through the live pipeline, fed in update-sized chunks as a
 * live source would deliver them, as fast as possible. Shared by `tutti follow` and `tutti eval`.
 */
import { audioToPcmChunks } from '../audio/chunks.js';
import { decodeAudioFile, type DecodedAudio } from '../audio/decode.js';
import type { Position } from '../pipeline.js';
import type { PitchModel } from '../pitch/model.js';
import { createSalienceStage } from '../pitch/salience.js';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { DEFAULT_COMPUTE_BUDGET_SEC, DEFAULT_FOLLOWER_CONFIG, type FollowerConfig } from './config.js';
import { createFollowerAligner } from './followerAligner.js';
import { createNoteDetector, type NoteReport } from './noteReports.js';
import { createFollowPipeline, type FollowPipeline } from './pipeline.js';
import { buildTemplate } from './template.js';
import { createTracker } from './tracker.js';

/** Size of the chunks a file is fed in, like a live audio callback. */
export const LIVE_CHUNK_SEC = 0.01;

export interface FollowFileOptions {
  readonly config?: FollowerConfig;
  /** Compute delay added to report times: seconds (default DEFAULT_COMPUTE_BUDGET_SEC) or 'measured'. */
  readonly computeDelay?: number | 'measured';
  /** A loaded pitch model to share between files. */
  readonly model?: PitchModel;
}

export interface FollowResult {
  readonly score: Score;
  readonly positions: readonly Position[];
  readonly reports: readonly NoteReport[];
  readonly audioSec: number;
  /** Processing time per update push, seconds. */
  readonly computeTimes: readonly number[];
}

export interface Follower {
  readonly pipeline: FollowPipeline;
  /** Update interval of the pitch stage, seconds (feed chunks of about this length when live). */
  readonly updateSec: number;
  /** Releases the pitch model if this follower loaded it. */
  close(): Promise<void>;
}

/**
 * A ready follower for one score: the same object serves live input (push chunks as they arrive)
 * and files (`followAudio`). Live use wants `computeDelay: 'measured'`.
 */
export async function createFollower(score: Score, options: FollowFileOptions = {}): Promise<Follower> {
  const config = options.config ?? DEFAULT_FOLLOWER_CONFIG;
  const salience = await createSalienceStage({
    lookaheadFrames: config.lookaheadFrames,
    updateFrames: config.updateFrames,
    model: options.model,
  });
  try {
    const template = buildTemplate(score, { frameRate: salience.info.frameRate, maxGapSec: config.maxGapSec, tailSec: config.tailSec });
    const pipeline = createFollowPipeline({
      salience,
      aligner: createFollowerAligner(template, config.aligner),
      tracker: createTracker(score, config.tracker),
      computeDelay: options.computeDelay ?? DEFAULT_COMPUTE_BUDGET_SEC,
    });
    return { pipeline, updateSec: salience.info.updateSec, close: () => salience.close() };
  } catch (err) {
    await salience.close();
    throw err;
  }
}

export async function followAudio(score: Score, audio: DecodedAudio, options: FollowFileOptions = {}): Promise<FollowResult> {
  const follower = await createFollower(score, options);
  try {
    const { pipeline } = follower;
    const detector = createNoteDetector(score);
    const positions: Position[] = [];
    const take = (ps: readonly Position[]) => {
      for (const p of ps) {
        positions.push(p);
        detector.push(p);
      }
    };
    // 10-ms chunks, as a live audio callback delivers them: a model update runs as soon as the chunk
    // holding its last sample has arrived, so the measured mode's clock is not coarser than the input's.
    const chunkFrames = Math.max(1, Math.round(LIVE_CHUNK_SEC * audio.sampleRate));
    for (const chunk of audioToPcmChunks(audio, chunkFrames)) take(await pipeline.push(chunk));
    take(await pipeline.flush());
    return { score, positions, reports: detector.reports(), audioSec: audio.durationSec, computeTimes: [...pipeline.computeTimes] };
  } finally {
    await follower.close();
  }
}

export async function followFile(scorePath: string, audioPath: string, options: FollowFileOptions = {}): Promise<FollowResult> {
  const score = await loadScore(scorePath);
  const audio = await decodeAudioFile(audioPath);
  return followAudio(score, audio, options);
}

/** positions.tsv: `<report ms> <score ms> <measure> <beat in measure> <tempo bpm> <confidence> <state>`. */
export function formatPositions(positions: readonly Position[]): string {
  return (
    positions
      .map((p) =>
        [
          Math.round(p.reportSec * 1000),
          Math.round(p.scoreSec * 1000),
          p.measure,
          p.beatInMeasure.toFixed(3),
          p.tempoBpm.toFixed(1),
          p.confidence.toFixed(3),
          p.state,
        ].join('\t'),
      )
      .join('\n') + '\n'
  );
}
