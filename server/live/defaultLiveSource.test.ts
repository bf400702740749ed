import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AudioInputError } from './audioInput.js';
import { createDefaultLiveSource, DEMO_AUDIO_PATH, DEMO_SCORE_PATH } from './defaultLiveSource.js';

describe('createDefaultLiveSource', () => {
  it('points at the bundled demo files', () => {
    expect(existsSync(DEMO_SCORE_PATH)).toBe(true);
    expect(existsSync(DEMO_AUDIO_PATH)).toBe(true);
  });

  it('rejects contradictory inputs before loading anything', async () => {
    const stdin = { stream: new PassThrough(), sampleRate: 48000, channels: 1, format: 's16le' as const };
    await expect(createDefaultLiveSource({ audioPath: 'a.wav', stdin })).rejects.toThrow(new AudioInputError('choose one audio input: an audio file or raw PCM on stdin, not both'));
    await expect(createDefaultLiveSource({ scorePath: 'piece.mxl' })).rejects.toThrow(/the score piece.mxl needs its audio/);
    await expect(createDefaultLiveSource({ stdin, loop: true })).rejects.toThrow(/speed and loop apply to an audio file/);
    await expect(createDefaultLiveSource({ stdin: { ...stdin, sampleRate: 100 } })).rejects.toThrow(/sample rate must be an integer from 8000/);
  });
});
