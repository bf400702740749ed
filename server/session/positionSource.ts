/**
 * The hook through which the score follower feeds a live session. The session starts the
 * source when it goes live and stops it when it ends; the source pushes into the sink.
 * Nothing implements it yet: until the follower is plugged in, a live session has no positions.
 */
import type { Position } from '../pipeline.js';

export interface PositionSink {
  position(position: Position): void;
  /** Input loudness in dBFS, for the conductor's meter. */
  level(rmsDb: number, peakDb: number): void;
}

export interface PositionSource {
  start(sink: PositionSink): void | Promise<void>;
  stop(): void | Promise<void>;
  /** Optional: the operator asked to continue from this printed measure. */
  jumpTo?(measure: string): void;
}
