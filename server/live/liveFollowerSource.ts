/**
 * The follower as a session's PositionSource: audio from any AudioInput goes through the real follower
 * pipeline (salience → aligner → tracker, compute delay measured) and every Position goes to the sink,
 * together with the input level for the conductor's meter.
 *
 * Live means the follower may fall behind: pushes are serialised (never two at once), chunks arriving
 * meanwhile are coalesced into one push, and a backlog longer than `maxBacklogSec` drops its oldest
 * audio — stale positions are worth less than current ones. Errors never escape: they are logged,
 * passed to `onError`, and shown to the audience as a 'lost' position.
 */
import type { PcmChunk, Position } from '../pipeline.js';
import { DEFAULT_FOLLOWER_CONFIG, type FollowerConfig } from '../follower/config.js';
import { createFollower, type Follower } from '../follower/followFile.js';
import { loadPitchModel, type PitchModel } from '../pitch/model.js';
import { locateBeat, secToBeat, tempoAtBeat } from '../score/timemap.js';
import type { Score } from '../score/types.js';
import type { PositionSink, PositionSource } from '../session/positionSource.js';
import type { AudioInput } from './audioInput.js';
import { createLevelMeter, createLevelThrottle } from './levelMeter.js';

export interface LiveFollowerOptions {
  readonly score: Score;
  readonly input: AudioInput;
  readonly config?: FollowerConfig;
  /** A loaded pitch model to use; otherwise the default model is loaded at the first start and kept. */
  readonly model?: PitchModel;
  /** Audio waiting for the follower beyond this many seconds is dropped, oldest first. Default 2. */
  readonly maxBacklogSec?: number;
  /** Consecutive follower errors after which the source gives up until the next start. Default 3. */
  readonly maxConsecutiveErrors?: number;
  readonly log?: (line: string) => void;
  readonly onError?: (err: Error) => void;
}

/** Counters of the current (or last) run, for logs and tests. */
export interface LiveFollowerStats {
  chunksIn: number;
  audioInSec: number;
  pushes: number;
  /** Chunks merged into a larger push because the follower was busy. */
  coalescedChunks: number;
  /** Largest backlog seen when a push began, seconds of audio. */
  maxBacklogSec: number;
  droppedSec: number;
  positions: number;
  levels: number;
  errors: number;
  jumps: number;
  /** The input ended and the follower has emitted its last positions. */
  ended: boolean;
}

interface Run {
  readonly sink: PositionSink;
  readonly follower: Follower;
  /** Audio seconds pushed before the follower's last reset (a jump), added to reportSec to keep the stream's clock. */
  clockOffsetSec: number;
  /** Audio seconds pushed since the follower's last reset. */
  pushedSec: number;
  pending: PcmChunk[];
  pendingFrames: number;
  busy: Promise<void> | undefined;
  inputEnded: boolean;
  flushed: boolean;
  jumpPending: string | undefined;
  consecutiveErrors: number;
  lastPosition: Position | undefined;
}

const BACKLOG_LOG_INTERVAL_MS = 5000;

function freshStats(): LiveFollowerStats {
  return { chunksIn: 0, audioInSec: 0, pushes: 0, coalescedChunks: 0, maxBacklogSec: 0, droppedSec: 0, positions: 0, levels: 0, errors: 0, jumps: 0, ended: false };
}

/** Joins chunks of one format into one (the pipeline gives the same positions for any chunking). */
function coalesce(chunks: readonly PcmChunk[]): PcmChunk {
  if (chunks.length === 1) return chunks[0]!;
  const samples = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  let at = 0;
  for (const c of chunks) {
    samples.set(c.samples, at);
    at += c.samples.length;
  }
  return { samples, sampleRate: chunks[0]!.sampleRate, channels: chunks[0]!.channels };
}

const framesOf = (c: PcmChunk) => c.samples.length / c.channels;

export class LiveFollowerSource implements PositionSource {
  readonly score: Score;
  readonly input: AudioInput;
  private readonly config: FollowerConfig;
  private readonly maxBacklogSec: number;
  private readonly maxConsecutiveErrors: number;
  private readonly log: (line: string) => void;
  private readonly onError: ((err: Error) => void) | undefined;
  private model: Promise<PitchModel> | undefined;
  private readonly ownModel: boolean;
  private runId = 0;
  private run: Run | undefined;
  private lastBacklogLogMs = -Infinity;
  private statsNow: LiveFollowerStats = freshStats();

  constructor(options: LiveFollowerOptions) {
    this.score = options.score;
    this.input = options.input;
    this.config = options.config ?? DEFAULT_FOLLOWER_CONFIG;
    this.maxBacklogSec = options.maxBacklogSec ?? 2;
    this.maxConsecutiveErrors = options.maxConsecutiveErrors ?? 3;
    this.log = options.log ?? (() => {});
    this.onError = options.onError;
    this.ownModel = options.model === undefined;
    if (options.model) this.model = Promise.resolve(options.model);
    if (!(this.maxBacklogSec > 0)) throw new RangeError(`maxBacklogSec must be positive, got ${this.maxBacklogSec}`);
  }

  get stats(): Readonly<LiveFollowerStats> {
    return this.statsNow;
  }

  /** Loads the pitch model now (otherwise the first start does), so a broken install fails early. */
  async prepare(): Promise<void> {
    await (this.model ??= loadPitchModel());
  }

  async start(sink: PositionSink): Promise<void> {
    await this.stop();
    const id = ++this.runId;
    this.statsNow = freshStats();
    let run: Run;
    try {
      run = await this.build(sink);
    } catch (err) {
      this.fail(undefined, sink, err, 'cannot start the follower');
      return;
    }
    if (id !== this.runId) {
      await run.follower.close();
      return;
    }
    this.run = run;
    this.log(`following ${this.input.description} in "${this.score.title || this.score.source}"`);
    const meter = createLevelMeter();
    const throttle = createLevelThrottle();
    this.input.start(
      (chunk) => {
        if (this.run !== run) return;
        for (const window of meter.push(chunk)) {
          const level = throttle.push(window);
          if (!level) continue;
          this.statsNow.levels++;
          sink.level(level.rmsDb, level.peakDb);
        }
        this.enqueue(run, chunk);
      },
      (err) => {
        if (this.run !== run) return;
        run.inputEnded = true;
        if (err) this.fail(run, sink, err, 'audio input failed');
        else this.log(`input ended: ${this.input.description}`);
        this.pump(run);
      },
    );
  }

  async stop(): Promise<void> {
    const run = this.run;
    this.run = undefined;
    this.runId++;
    if (!run) return;
    this.input.stop();
    run.pending = [];
    run.pendingFrames = 0;
    await run.busy;
    await run.follower.close();
    const s = this.statsNow;
    this.log(
      `stopped: ${s.audioInSec.toFixed(1)} s of audio in ${s.pushes} pushes, ${s.positions} positions` +
        (s.coalescedChunks > 0 ? `, ${s.coalescedChunks} chunks coalesced (max backlog ${(s.maxBacklogSec * 1000).toFixed(0)} ms)` : '') +
        (s.droppedSec > 0 ? `, ${s.droppedSec.toFixed(2)} s of audio dropped` : '') +
        (s.errors > 0 ? `, ${s.errors} errors` : ''),
    );
  }

  /**
   * Continue from a printed measure (the operator's override): the follower seeks there at once and
   * keeps listening, so if the orchestra is elsewhere its any-time search still re-localises.
   */
  jumpTo(measure: string): void {
    const label = measure.trim();
    if (!this.score.measures.some((m) => m.number === label)) {
      this.report(new RangeError(`jump: the score "${this.score.source}" has no measure "${label}"`));
      return;
    }
    const run = this.run;
    if (!run) return;
    run.jumpPending = label;
    this.statsNow.jumps++;
    // Applied between pushes, never during one.
    if (!run.busy) this.applyJump(run);
  }

  /** Resolves once every chunk delivered so far has been pushed through the follower. */
  async settled(): Promise<void> {
    for (let run = this.run; run?.busy; run = this.run) await run.busy;
  }

  /** Releases the pitch model if this source loaded it. */
  async close(): Promise<void> {
    await this.stop();
    const model = this.model;
    this.model = undefined;
    if (model && this.ownModel) await (await model).release();
  }

  private async build(sink: PositionSink): Promise<Run> {
    const model = await (this.model ??= loadPitchModel());
    // Live: each report's delay is the compute time measured as it happens.
    const follower = await createFollower(this.score, { config: this.config, computeDelay: 'measured', model });
    return { sink, follower, clockOffsetSec: 0, pushedSec: 0, pending: [], pendingFrames: 0, busy: undefined, inputEnded: false, flushed: false, jumpPending: undefined, consecutiveErrors: 0, lastPosition: undefined };
  }

  private enqueue(run: Run, chunk: PcmChunk): void {
    const s = this.statsNow;
    s.chunksIn++;
    s.audioInSec += framesOf(chunk) / chunk.sampleRate;
    run.pending.push(chunk);
    run.pendingFrames += framesOf(chunk);
    const maxFrames = this.maxBacklogSec * chunk.sampleRate;
    let dropped = 0;
    while (run.pendingFrames > maxFrames && run.pending.length > 1) {
      const old = run.pending.shift()!;
      run.pendingFrames -= framesOf(old);
      dropped += framesOf(old) / old.sampleRate;
    }
    if (dropped > 0) {
      s.droppedSec += dropped;
      this.logNowAndThen(`follower more than ${this.maxBacklogSec} s behind the audio: dropping the oldest audio (${s.droppedSec.toFixed(2)} s so far)`);
    }
    this.pump(run);
  }

  /** Drains the queue with one push at a time; started by any arrival, a no-op while a push runs. */
  private pump(run: Run): void {
    if (run.busy) return;
    run.busy = this.drain(run).finally(() => {
      run.busy = undefined;
    });
  }

  private async drain(run: Run): Promise<void> {
    const live = () => this.run === run;
    while (live() && run.pending.length > 0) {
      if (run.jumpPending !== undefined) this.applyJump(run);
      const batch = run.pending;
      const backlogSec = run.pendingFrames / batch[0]!.sampleRate;
      run.pending = [];
      run.pendingFrames = 0;
      this.noteBacklog(batch.length, backlogSec);
      const chunk = coalesce(batch);
      run.pushedSec += framesOf(chunk) / chunk.sampleRate;
      await this.feed(run, () => run.follower.pipeline.push(chunk));
    }
    if (live() && run.inputEnded && run.pending.length === 0 && !run.flushed) {
      run.flushed = true;
      await this.feed(run, () => run.follower.pipeline.flush());
      if (live()) {
        this.statsNow.ended = true;
        run.sink.ended?.();
      }
    }
  }

  private async feed(run: Run, compute: () => Promise<Position[]>): Promise<void> {
    if (run.consecutiveErrors >= this.maxConsecutiveErrors) return;
    this.statsNow.pushes++;
    let positions: Position[];
    try {
      positions = await compute();
    } catch (err) {
      if (this.run !== run) return;
      run.consecutiveErrors++;
      this.fail(run, run.sink, err, 'follower failed');
      if (run.consecutiveErrors >= this.maxConsecutiveErrors) {
        this.log(`giving up after ${run.consecutiveErrors} follower errors in a row; positions stop until the next start`);
        this.input.stop();
      }
      return;
    }
    run.consecutiveErrors = 0;
    if (this.run !== run) return;
    for (const reported of positions) {
      const p = run.clockOffsetSec === 0 ? reported : { ...reported, reportSec: reported.reportSec + run.clockOffsetSec };
      run.lastPosition = p;
      this.statsNow.positions++;
      run.sink.position(p);
    }
  }

  private noteBacklog(chunks: number, backlogSec: number): void {
    if (chunks <= 1) return;
    const s = this.statsNow;
    s.coalescedChunks += chunks - 1;
    if (backlogSec > s.maxBacklogSec) s.maxBacklogSec = backlogSec;
    this.logNowAndThen(`follower behind: coalesced ${chunks} chunks (${(backlogSec * 1000).toFixed(0)} ms of audio) into one push`);
  }

  /** Backlog news at most every few seconds: a struggling box must not also drown in log lines. */
  private logNowAndThen(line: string): void {
    const now = Date.now();
    if (now - this.lastBacklogLogMs < BACKLOG_LOG_INTERVAL_MS) return;
    this.lastBacklogLogMs = now;
    this.log(line);
  }

  private applyJump(run: Run): void {
    const label = run.jumpPending;
    run.jumpPending = undefined;
    if (label === undefined) return;
    // With repeats unfolded a printed bar can occur more than once: take the pass nearest to where we are.
    const here = run.lastPosition?.scoreSec ?? 0;
    const target = this.score.measures
      .filter((m) => m.number === label)
      .reduce((best, m) => (Math.abs(m.startSec - here) < Math.abs(best.startSec - here) ? m : best));
    run.follower.pipeline.seek(target.startSec);
    this.log(`jump to measure ${label}: following from ${target.startSec.toFixed(2)} s of score time`);
  }


  private report(err: Error): void {
    this.statsNow.errors++;
    this.log(err.message);
    this.onError?.(err);
  }

  /** Reports an error and shows it: the last position again (or the score's start), state 'lost'. */
  private fail(run: Run | undefined, sink: PositionSink, err: unknown, what: string): void {
    const error = err instanceof Error ? err : new Error(String(err));
    this.report(new Error(`${what}: ${error.message}`, { cause: error }));
    const lost: Position = { ...(run?.lastPosition ?? this.startPosition()), confidence: 0, state: 'lost' };
    if (run) run.lastPosition = lost;
    this.statsNow.positions++;
    sink.position(lost);
  }

  private startPosition(): Position {
    const scoreSec = this.score.notes.reduce((min, n) => Math.min(min, n.onsetSec), Infinity);
    const sec = Number.isFinite(scoreSec) ? scoreSec : 0;
    const beat = secToBeat(this.score, sec);
    const where = locateBeat(this.score, beat);
    return { reportSec: 0, scoreSec: sec, scoreBeat: beat, measure: where.measure, beatInMeasure: where.beatInMeasure, tempoBpm: tempoAtBeat(this.score, beat), confidence: 0, state: 'lost' };
  }
}
