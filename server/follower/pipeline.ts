/**
 * The live follower: audio → salience → aligner → tracker → positions. The same code runs paced
 * (live) and as fast as possible (eval); it never looks at a clock except to measure its own
 * compute time.
 *
 * One update = the salience frames that became available together (same `availableSec`); each
 * update yields exactly one Position, so any chunking of the input gives the same positions.
 *
 * Honest timing: a position can only be shown once the audio it used has arrived AND the pipeline
 * has computed it. `reportSec` = the frames' `availableSec` (audio consumed, model look-ahead
 * included) + a compute delay: either a fixed budget (deterministic; tests, benchmarks), or the
 * measured processing time of each push, with queueing as on a live machine (a push that starts
 * while the previous one is still computing waits for it).
 */
import { performance } from 'node:perf_hooks';
import type { PcmChunk, Position, SalienceFrame } from '../pipeline.js';
import type { Aligner } from './types.js';
import type { Tracker } from './tracker.js';

/** The part of the pitch stage (server/pitch/salience.ts) the follower uses. */
export interface SalienceSource {
  push(chunk: PcmChunk): Promise<readonly SalienceFrame[]> | readonly SalienceFrame[];
  flush(): Promise<readonly SalienceFrame[]> | readonly SalienceFrame[];
  reset(): void;
}

export interface FollowPipelineOptions {
  readonly salience: SalienceSource;
  readonly aligner: Aligner;
  readonly tracker: Tracker;
  /** Seconds added to every report for compute, or 'measured' (per push, with queueing). */
  readonly computeDelay: number | 'measured';
  /** Clock for 'measured' (seconds); injectable for tests. */
  readonly now?: () => number;
}

export interface FollowPipeline {
  push(chunk: PcmChunk): Promise<Position[]>;
  flush(): Promise<Position[]>;
  reset(): void;
  /**
   * Operator hint: the music continues from this score time (seconds at notated tempo). The audio
   * clock and the pitch stage carry on; only the search restarts there. Throws if the aligner cannot seek.
   */
  seek(scoreSec: number): void;
  /** Processing time of every push so far, seconds (for the benchmark and the real-time factor). */
  readonly computeTimes: readonly number[];
}

export function createFollowPipeline(options: FollowPipelineOptions): FollowPipeline {
  const { salience, aligner, tracker } = options;
  const now = options.now ?? (() => performance.now() / 1000);
  const computeTimes: number[] = [];
  let audioSec = 0;
  let busyUntil = 0;

  async function process(get: () => Promise<readonly SalienceFrame[]> | readonly SalienceFrame[], chunkEndSec: number): Promise<Position[]> {
    const t0 = now();
    const frames = await get();
    // Live, this chunk arrives at chunkEndSec and waits for the previous push to finish.
    const start = Math.max(chunkEndSec, busyUntil);
    const positions: Position[] = [];
    let i = 0;
    while (i < frames.length) {
      const availableSec = frames[i]!.availableSec;
      for (; i < frames.length && frames[i]!.availableSec === availableSec; i++) tracker.observe(aligner.step(frames[i]!));
      // The tracker predicts to the moment the report is really available.
      const reportSec = options.computeDelay === 'measured' ? Math.max(availableSec, start + (now() - t0)) : availableSec + options.computeDelay;
      positions.push(tracker.report(reportSec));
    }
    const elapsed = now() - t0;
    computeTimes.push(elapsed);
    busyUntil = start + elapsed;
    return positions;
  }

  return {
    computeTimes,
    push(chunk) {
      for (let i = 0; i < chunk.samples.length; i++) {
        if (!Number.isFinite(chunk.samples[i]!)) {
          return Promise.reject(new RangeError(`audio chunk has a non-finite sample (NaN/Inf) at index ${i}, ${audioSec.toFixed(3)} s into the stream`));
        }
      }
      audioSec += chunk.samples.length / chunk.channels / chunk.sampleRate;
      return process(() => salience.push(chunk), audioSec);
    },
    flush() {
      return process(() => salience.flush(), audioSec);
    },
    seek(scoreSec) {
      if (!aligner.seek) throw new Error('this aligner cannot seek');
      aligner.seek(scoreSec);
    },
    reset() {
      salience.reset();
      aligner.reset();
      tracker.reset();
      computeTimes.length = 0;
      audioSec = 0;
      busyUntil = 0;
    },
  };
}
