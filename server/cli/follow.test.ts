/** Bad inputs to `follow` and `eval` give clear errors that name the file; nothing crashes without a message. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { bach10Piece } from '../../test/follower/bach10.js';
import { UsageError, UserError } from './command.js';
import { evalCommand } from './eval.js';
import { followCommand } from './follow.js';

const { WaveFile } = wavefile;
let dir: string;
let score: string;
let audio: string;

function wav(samples: Float32Array): Uint8Array {
  const w = new WaveFile();
  w.fromScratch(1, 44100, '32f', samples);
  return w.toBuffer();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tutti-follow-test-'));
  const piece = bach10Piece('01-AchGottundHerr');
  score = piece.score;
  audio = piece.audio;
});

async function failure(args: string[]): Promise<Error> {
  try {
    await followCommand.run(args);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`follow ${args.join(' ')} did not fail`);
}

describe('follow: bad inputs', () => {
  it('names an audio file that is not audio', async () => {
    const bad = join(dir, 'not-audio.wav');
    writeFileSync(bad, 'this is text, not a RIFF file\n'.repeat(50));
    const err = await failure(['--score', score, '--audio', bad, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
  });

  it('names an audio file in an unsupported format', async () => {
    const bad = join(dir, 'sound.xyz');
    writeFileSync(bad, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)));
    const err = await failure(['--score', score, '--audio', bad, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
  });

  it('names an empty audio file', async () => {
    const bad = join(dir, 'empty.wav');
    writeFileSync(bad, '');
    const err = await failure(['--score', score, '--audio', bad, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
    expect(err.message).toMatch(/empty/);
  });

  it('names an audio file with NaN samples', async () => {
    const samples = new Float32Array(44100).map((_, i) => Math.sin(i / 10) * 0.3);
    samples[22050] = NaN;
    const bad = join(dir, 'nan.wav');
    writeFileSync(bad, wav(samples));
    const err = await failure(['--score', score, '--audio', bad, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
    expect(err.message).toMatch(/NaN|non-finite/);
  });

  it('names a score that does not parse', async () => {
    const bad = join(dir, 'broken.mid');
    writeFileSync(bad, 'MThd but not really a MIDI file');
    const err = await failure(['--score', bad, '--audio', audio, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
  });

  it('names a missing score file', async () => {
    const bad = join(dir, 'nowhere.mid');
    const err = await failure(['--score', bad, '--audio', audio, '--out', join(dir, 'n.txt')]);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(bad);
  });

  it('asks for the required options', async () => {
    await expect(followCommand.run(['--score', score])).rejects.toBeInstanceOf(UsageError);
    await expect(followCommand.run(['--score', score, '--audio', audio, '--out', 'x', '--compute-delay-ms', 'soon'])).rejects.toBeInstanceOf(UsageError);
  });

  it('eval fails saying where it looked when the dataset is missing', async () => {
    const missing = join(dir, 'no-dataset-here');
    await expect(evalCommand.run(['--dataset', missing])).rejects.toThrow(missing);
  });

  it('eval names a ground-truth file with a bad line', async () => {
    const ds = join(dir, 'ds');
    const piece = join(ds, 'p1');
    mkdirSync(piece, { recursive: true });
    writeFileSync(join(piece, 'p1.wav'), readFileSync(audio));
    writeFileSync(join(piece, 'p1.mid'), readFileSync(score));
    writeFileSync(join(piece, 'p1.txt'), '100\t1915\t48\t4\nnot a number here\n');
    await expect(evalCommand.run(['--dataset', ds])).rejects.toThrow(`${join(piece, 'p1.txt')}:2`);
  });
});
