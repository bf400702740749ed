/**
 * The hook through which the score follower feeds a live session. The session starts the
 * source when it goes live and stops it when it ends; the source pushes into the sink.
 * Implemented by the live follower (server/live/liveFollowerSource.ts) and by the programme (server/programme/runner.ts).
 */
import type { Position } from '../pipeline.js';

export interface PositionSink {
  position(position: Position): void;
  /** Input loudness in dBFS, for the conductor's meter. */
  level(rmsDb: number, peakDb: number): void;
  /** Optional: the input ended (a file played to its end) and no more positions will come until the next start. */
  ended?(): void;
}

export interface PositionSource {
  start(sink: PositionSink): void | Promise<void>;
  stop(): void | Promise<void>;
  /** Optional: the operator asked to continue from this printed measure. */
  jumpTo?(measure: string): void;
}
