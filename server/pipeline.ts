/**
 * Contracts shared by the streaming stages. The same stages run offline (eval) and live:
 * a stage never knows whether it is paced by a clock or fed as fast as possible.
 */

/** A chunk of PCM audio as it arrives: interleaved Float32 samples in [-1, 1]. */
export interface PcmChunk {
  readonly samples: Float32Array;
  readonly sampleRate: number;
  readonly channels: number;
}

/** One frame of the pitch model's output (86.13 frames/s at 22050 Hz, hop 256). */
export interface SalienceFrame {
  /** Performance time of the frame's centre, seconds from the start of the stream. */
  readonly timeSec: number;
  /** Note activity for MIDI 21..108 (88 bins), 0..1. */
  readonly notes: Float32Array;
  /** Onset activity for MIDI 21..108 (88 bins), 0..1. */
  readonly onsets: Float32Array;
  /** Performance time at which this frame became available (audio consumed so far): the honest "now". */
  readonly availableSec: number;
}

/** `ended`: the music stopped on the final bar; the position holds there. */
export type FollowState = 'following' | 'uncertain' | 'lost' | 'waiting' | 'ended';

/** The follower's answer, many times a second. */
export interface Position {
  /** Performance time of the report (audio consumed up to here, every look-ahead included). */
  readonly reportSec: number;
  /** Score time at its notated tempo. */
  readonly scoreSec: number;
  readonly scoreBeat: number;
  /** Printed measure label. */
  readonly measure: string;
  readonly beatInMeasure: number;
  readonly tempoBpm: number;
  readonly confidence: number;
  readonly state: FollowState;
}
