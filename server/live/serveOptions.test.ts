import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../cli/command.js';
import { DEMO_AUDIO_PATH, DEMO_SCORE_PATH } from './demo.js';
import { createServeLiveSource, LIVE_ARG_OPTIONS, liveArgsFromValues } from './serveOptions.js';

const parse = (...argv: string[]) => liveArgsFromValues(parseArgs({ args: argv, options: LIVE_ARG_OPTIONS, strict: true }).values);

describe('liveArgsFromValues', () => {
  it('means the bundled demo without live options', () => {
    expect(parse()).toBeUndefined();
    expect(parse('--loop')).toEqual({ scorePath: undefined, audioPath: undefined, speed: undefined, loop: true });
  });

  it('reads a file input and a stdin input', () => {
    expect(parse('--score', 's.mxl', '--audio', 'a.wav', '--speed', '2.5')).toEqual({ scorePath: 's.mxl', audioPath: 'a.wav', speed: 2.5, loop: undefined });
    expect(parse('--stdin-pcm', '--score', 's.mid')).toEqual({ scorePath: 's.mid', stdin: { sampleRate: 48000, channels: 1, format: 's16le' } });
    expect(parse('--stdin-pcm', '--rate', '44100', '--channels', '2', '--format', 'f32le')).toEqual({
      scorePath: undefined,
      stdin: { sampleRate: 44100, channels: 2, format: 'f32le' },
    });
  });

  it('rejects bad combinations and values with a usage error naming the flag', () => {
    const bad: [string[], RegExp][] = [
      [['--score', 's.mxl'], /--score needs its audio/],
      [['--rate', '44100'], /--rate applies to --stdin-pcm only/],
      [['--stdin-pcm', '--audio', 'a.wav'], /not both/],
      [['--stdin-pcm', '--loop'], /--speed and --loop apply to --audio/],
      [['--stdin-pcm', '--rate', '44.1k'], /--rate must be a positive integer, got "44.1k"/],
      [['--stdin-pcm', '--channels', '0'], /--channels must be a positive integer/],
      [['--stdin-pcm', '--format', 'u8'], /--format must be one of s16le, f32le, got "u8"/],
      [['--audio', 'a.wav', '--speed', '0'], /--speed must be a positive number/],
    ];
    for (const [argv, message] of bad) {
      expect(() => parse(...argv)).toThrow(UsageError);
      expect(() => parse(...argv)).toThrow(message);
    }
  });
});

describe('createServeLiveSource', () => {
  it('turns a missing file into a UserError naming it', async () => {
    await expect(createServeLiveSource({ audioPath: '/nonexistent/take1.wav' }, () => {})).rejects.toThrow(UserError);
    await expect(createServeLiveSource({ audioPath: '/nonexistent/take1.wav' }, () => {})).rejects.toThrow('/nonexistent/take1.wav');
  });

  it('turns a missing score into a UserError naming it', async () => {
    await expect(createServeLiveSource({ audioPath: DEMO_AUDIO_PATH, scorePath: '/nonexistent/piece.mxl' }, () => {})).rejects.toThrow(
      new UserError('/nonexistent/piece.mxl: file not found'),
    );
  });

  it('loads the bundled demo, resolved from the repository, not the working directory', async () => {
    const logs: string[] = [];
    const source = await createServeLiveSource(undefined, (l) => logs.push(l));
    try {
      expect(source.input.description).toContain(DEMO_AUDIO_PATH);
      expect(source.score.source).toBe(DEMO_SCORE_PATH);
      expect(source.score.measures.length).toBeGreaterThan(600);
    } finally {
      await source.close();
    }
  });
});
