/**
 * A live audio input: something that delivers PCM chunks as they "happen" (a file paced by a clock,
 * raw PCM on stdin, later a browser microphone). The follower source consumes any of them alike.
 */
import type { PcmChunk } from '../pipeline.js';

export interface AudioInput {
  /**
   * Begins delivery. `onEnd` is called exactly once: without an error at the end of the input, with
   * one when it failed; never after stop(). An input may be started again after it ended or stopped.
   */
  start(onChunk: (chunk: PcmChunk) => void, onEnd: (err?: Error) => void): void;
  /** Stops delivery at once; no callbacks follow. */
  stop(): void;
  /** For logs: where the audio comes from. */
  readonly description: string;
}

/** Bad options for an input (wrong rate, unknown format…): the message says which option. */
export class AudioInputError extends Error {
  override readonly name = 'AudioInputError';
}
