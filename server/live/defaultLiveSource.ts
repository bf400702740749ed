/**
 * What `tutti serve` follows: by default the bundled demo (the Eroica's first movement, a 30-s
 * recording played as if live), or a score with an audio file or raw PCM on stdin.
 */
import type { FollowerConfig } from '../follower/config.js';
import { loadScore } from '../score/load.js';
import { AudioInputError, type AudioInput } from './audioInput.js';
import { DEMO_AUDIO_PATH, DEMO_SCORE_PATH } from './demo.js';
import { fileAsLiveInput } from './fileAsLiveInput.js';
import { watchInput } from './inputWatch.js';
import { LiveFollowerSource } from './liveFollowerSource.js';
import { stdinPcmInput, type StdinPcmOptions } from './streamPcmInput.js';

export { DEMO_AUDIO_PATH, DEMO_DIR, DEMO_SCORE_PATH } from './demo.js';

export interface DefaultLiveSourceOptions {
  /** Default: the demo score (also when only the audio is given: another recording of the demo piece). */
  readonly scorePath?: string;
  /** An audio file played as live. Default: the demo recording, when no score is given either. */
  readonly audioPath?: string;
  /** Raw PCM on stdin (or the given stream) instead of a file. */
  readonly stdin?: StdinPcmOptions;
  /** File playback speed (1 = real time). */
  readonly speed?: number;
  /** Play the file again from the start when it ends. */
  readonly loop?: boolean;
  readonly config?: FollowerConfig;
  readonly maxBacklogSec?: number;
  readonly log?: (line: string) => void;
  readonly onError?: (err: Error) => void;
}

/**
 * Loads the score, checks the audio (a file is decoded now, so a bad file fails before the concert)
 * and loads the pitch model. Every failure names the file or option at fault.
 */
export async function createDefaultLiveSource(options: DefaultLiveSourceOptions = {}): Promise<LiveFollowerSource> {
  if (options.audioPath !== undefined && options.stdin !== undefined) throw new AudioInputError('choose one audio input: an audio file or raw PCM on stdin, not both');
  if (options.scorePath !== undefined && options.audioPath === undefined && options.stdin === undefined) {
    throw new AudioInputError(`the score ${options.scorePath} needs its audio: an audio file, or raw PCM on stdin`);
  }
  if (options.stdin !== undefined && (options.speed !== undefined || options.loop)) throw new AudioInputError('speed and loop apply to an audio file, not to stdin');

  let input: AudioInput;
  if (options.stdin !== undefined) {
    input = stdinPcmInput(options.stdin);
  } else {
    const file = fileAsLiveInput(options.audioPath ?? DEMO_AUDIO_PATH, { speed: options.speed, loop: options.loop });
    await file.load();
    input = file;
  }
  const score = await loadScore(options.scorePath ?? DEMO_SCORE_PATH);
  // Watched, so a stalled or finished input is announced (the session's `input` field) instead of a frozen bar.
  const source = new LiveFollowerSource({ score, input: watchInput(input), config: options.config, maxBacklogSec: options.maxBacklogSec, log: options.log, onError: options.onError });
  await source.prepare();
  return source;
}
