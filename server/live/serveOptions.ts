/**
 * The live-input options of `tutti serve` (--score, --audio, --stdin-pcm, --rate, --channels, --format,
 * --speed, --loop), kept beside the inputs so serve.ts only spreads them into its parseArgs and calls
 * `createServeLiveSource`. Light to import (`serve --help` stays fast): the follower, the ONNX runtime
 * and the decoders load only when the source is created.
 */
import { UsageError, UserError } from '../cli/command.js';
import { asUserError } from '../cli/userErrors.js';
import type { DefaultLiveSourceOptions } from './defaultLiveSource.js';
import { DEMO_AUDIO_PATH, DEMO_SCORE_PATH } from './demo.js';
import type { LiveFollowerSource } from './liveFollowerSource.js';
import { PCM_FORMATS, type PcmFormat } from './pcmDecoder.js';

/** Spread into serve's `parseArgs({ options })`. */
export const LIVE_ARG_OPTIONS = {
  score: { type: 'string' },
  audio: { type: 'string' },
  'stdin-pcm': { type: 'boolean' },
  rate: { type: 'string' },
  channels: { type: 'string' },
  format: { type: 'string' },
  speed: { type: 'string' },
  loop: { type: 'boolean' },
} as const;

export interface LiveArgValues {
  readonly score?: string;
  readonly audio?: string;
  readonly 'stdin-pcm'?: boolean;
  readonly rate?: string;
  readonly channels?: string;
  readonly format?: string;
  readonly speed?: string;
  readonly loop?: boolean;
}

/** What the serve command should follow; `undefined` = the bundled demo. */
export type LiveArgs = Omit<DefaultLiveSourceOptions, 'log' | 'onError'> | undefined;

export const LIVE_OPTIONS_HELP = `Live input (what the follower listens to when a session goes live):
  --score <file>    Score to follow (.mxl, .musicxml, .xml, .mid); needs --audio or --stdin-pcm
  --audio <file>    Audio file played as if live (WAV, FLAC, OGG, Opus, MP3)
  --speed <x>       Playback speed of --audio (default 1 = real time)
  --loop            Play --audio again from the start when it ends
  --stdin-pcm       Read raw interleaved PCM from stdin instead, e.g.
                    arecord -f S16_LE -r 48000 -c 1 | npm run tutti -- serve --stdin-pcm --score <file>
  --rate <hz>       stdin sample rate (default 48000)
  --channels <n>    stdin channel count (default 1)
  --format <f>      stdin sample format: ${PCM_FORMATS.join(' or ')} (default s16le)
  Without any of these: the bundled demo, ${DEMO_AUDIO_PATH.split('/').pop()} played as live
  in ${DEMO_SCORE_PATH.split('/').pop()} (scores/beethoven-eroica-mvt1/).`;

function positiveNumber(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  const ok = text.trim() !== '' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) throw new UsageError(`${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`);
  return value;
}

/** Checks the combination of live options; throws UsageError naming the flag at fault. */
export function liveArgsFromValues(values: LiveArgValues): LiveArgs {
  const stdin = values['stdin-pcm'] === true;
  if (!stdin) {
    for (const flag of ['rate', 'channels', 'format'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} applies to --stdin-pcm only`);
    }
  }
  if (stdin && values.audio !== undefined) throw new UsageError('choose one audio input: --audio <file> or --stdin-pcm, not both');
  if (stdin && (values.speed !== undefined || values.loop)) throw new UsageError('--speed and --loop apply to --audio, not to --stdin-pcm');
  if (values.score !== undefined && values.audio === undefined && !stdin) {
    throw new UsageError('--score needs its audio: add --audio <file> or --stdin-pcm (without --score, the bundled demo plays)');
  }
  if (!stdin && values.audio === undefined && values.score === undefined && values.speed === undefined && !values.loop) return undefined;

  const common = { scorePath: values.score };
  if (stdin) {
    const format = values.format ?? 's16le';
    if (!(PCM_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${PCM_FORMATS.join(', ')}, got "${format}"`);
    return {
      ...common,
      stdin: {
        sampleRate: positiveNumber('--rate', values.rate ?? '48000', true),
        channels: positiveNumber('--channels', values.channels ?? '1', true),
        format: format as PcmFormat,
      },
    };
  }
  const speed = values.speed === undefined ? undefined : positiveNumber('--speed', values.speed, false);
  return { ...common, audioPath: values.audio, speed, loop: values.loop };
}

/**
 * Builds the live source for `tutti serve`: loads the score, decodes the audio, loads the pitch model.
 * Problems the user can fix (a missing or unreadable file, bad PCM options, stdin being a terminal)
 * become UserError, which the CLI prints without a stack.
 */
export async function createServeLiveSource(args: LiveArgs, log: (line: string) => void): Promise<LiveFollowerSource> {
  if (args?.stdin && !args.stdin.stream && process.stdin.isTTY) {
    throw new UserError('--stdin-pcm: stdin is a terminal; pipe raw PCM into it (see --help)');
  }
  const { createDefaultLiveSource } = await import('./defaultLiveSource.js');
  try {
    return await createDefaultLiveSource({ ...args, log: (line) => log(`live: ${line}`) });
  } catch (err) {
    // Their messages name the file or option at fault.
    throw asUserError(err);
  }
}
