import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, bach10Piece } from '../../models/testData.js';
import { audioToPcmChunks, interleave } from './chunks.js';
import { decodeAudioFile } from './decode.js';
import { amplitudeAt } from './signal.testkit.js';

let dir = '';
let source = '';

/** A minimal RIFF/WAVE file: format 1 (PCM) or 3 (float), or WAVE_FORMAT_EXTENSIBLE around either. */
function wavBytes(samples: Float32Array, rate: number, bits: 16 | 24 | 32, float: boolean, extensible: boolean): Buffer {
  const bytesPer = bits / 8;
  const data = Buffer.alloc(samples.length * bytesPer);
  samples.forEach((v, i) => {
    if (float) data.writeFloatLE(v, i * 4);
    else if (bits === 16) data.writeInt16LE(Math.round(v * 32767), i * 2);
    else data.writeIntLE(Math.round(v * 8388607), i * 3, 3);
  });
  const fmtLen = extensible ? 40 : 16;
  const fmt = Buffer.alloc(fmtLen);
  fmt.writeUInt16LE(extensible ? 0xfffe : float ? 3 : 1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * bytesPer, 8);
  fmt.writeUInt16LE(bytesPer, 12);
  fmt.writeUInt16LE(bits, 14);
  if (extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(bits, 18);
    fmt.writeUInt32LE(4, 20); // front centre
    // Sub-format GUID: 0000000X-0000-0010-8000-00aa00389b71
    Buffer.from([float ? 3 : 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]).copy(fmt, 24);
  }
  const header = Buffer.alloc(12);
  header.write('RIFF', 0);
  header.writeUInt32LE(4 + 8 + fmtLen + 8 + data.length, 4);
  header.write('WAVE', 8);
  const fmtHead = Buffer.alloc(8);
  fmtHead.write('fmt ', 0);
  fmtHead.writeUInt32LE(fmtLen, 4);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0);
  dataHead.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, fmtHead, fmt, dataHead, data]);
}

function tone(rate: number, seconds: number): Float32Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate);
  return x;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tutti-decode-'));
  source = join(dir, 'source.wav');
  await writeFile(source, wavBytes(tone(48000, 1), 48000, 16, false, false));
});

describe('decodeAudioFile', () => {
  for (const [label, bits, float, extensible] of [
    ['16-bit PCM', 16, false, false],
    ['24-bit PCM, WAVE_FORMAT_EXTENSIBLE', 24, false, true],
    ['32-bit float', 32, true, false],
    ['32-bit float, WAVE_FORMAT_EXTENSIBLE', 32, true, true],
  ] as const) {
    it(`reads ${label} WAV`, async () => {
      const path = join(dir, `t-${bits}-${float}-${extensible}.wav`);
      const x = tone(44100, 0.5);
      await writeFile(path, wavBytes(x, 44100, bits, float, extensible));
      const audio = await decodeAudioFile(path);
      expect(audio.sampleRate).toBe(44100);
      expect(audio.channels.length).toBe(1);
      expect(audio.channels[0]!.length).toBe(x.length);
      expect(audio.durationSec).toBeCloseTo(0.5, 6);
      const tol = bits === 16 ? 1e-4 : 1e-6;
      for (let i = 0; i < x.length; i += 101) expect(Math.abs(audio.channels[0]![i]! - x[i]!)).toBeLessThan(tol);
    });
  }

  for (const [ext, args] of [
    ['flac', ['-c:a', 'flac']],
    ['ogg', ['-c:a', 'libvorbis', '-q:a', '5']],
    ['opus', ['-c:a', 'libopus', '-b:a', '96k']],
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
  ] as const) {
    it(`reads ${ext.toUpperCase()} (encoded here with Debian ffmpeg)`, async () => {
      const path = join(dir, `tone.${ext}`);
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, ...args, path]);
      const audio = await decodeAudioFile(path);
      expect(audio.sampleRate).toBe(48000);
      expect(audio.durationSec).toBeGreaterThan(0.95);
      expect(audio.durationSec).toBeLessThan(1.1);
      expect(amplitudeAt(audio.channels[0]!, 48000, 440)).toBeGreaterThan(0.45);
    });
  }

  it('reads the bundled Ogg Opus demo recording', async () => {
    const audio = await decodeAudioFile(join(REPO_ROOT, 'scores', 'beethoven-eroica-mvt1', 'eroica_mvt1_cnso_musopen_1m00-1m30.opus'));
    expect(audio.sampleRate).toBe(48000);
    expect(audio.durationSec).toBeGreaterThan(29);
    expect(audio.durationSec).toBeLessThan(31);
  });

  it('reads a Bach10 recording', async () => {
    const audio = await decodeAudioFile(bach10Piece('01-AchGottundHerr').wav);
    expect(audio.sampleRate).toBe(44100);
    expect(audio.durationSec).toBeGreaterThan(20);
  });

  it('names the file for missing, non-audio, empty and NaN input', async () => {
    const missing = join(dir, 'missing.wav');
    await expect(decodeAudioFile(missing)).rejects.toThrow(`${missing}: audio file not found`);
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'just some text, not audio');
    await expect(decodeAudioFile(text)).rejects.toThrow(`${text}: unreadable or unsupported audio format`);
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, Buffer.alloc(0));
    await expect(decodeAudioFile(empty)).rejects.toThrow(`${empty}: file is empty`);
    const silent = join(dir, 'no-samples.wav');
    await writeFile(silent, wavBytes(new Float32Array(0), 44100, 16, false, false));
    await expect(decodeAudioFile(silent)).rejects.toThrow(silent);
    const nan = join(dir, 'nan.wav');
    const x = tone(8000, 0.1);
    x[123] = Number.NaN;
    await writeFile(nan, wavBytes(x, 8000, 32, true, false));
    await expect(decodeAudioFile(nan)).rejects.toThrow(`${nan}: non-finite sample (NaN/Inf) in channel 0 at sample 123`);
    await expect(decodeAudioFile(dir)).rejects.toThrow(`${dir}: not a regular file`);
  });
});

describe('audioToPcmChunks', () => {
  it('interleaves and splits into chunks that reassemble the audio', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5]);
    const b = Float32Array.from([-1, -2, -3, -4, -5]);
    const chunks = [...audioToPcmChunks({ sampleRate: 8000, channels: [a, b], durationSec: 5 / 8000 }, 2)];
    expect(chunks.map((c) => c.samples.length)).toEqual([4, 4, 2]);
    expect(chunks.every((c) => c.channels === 2 && c.sampleRate === 8000)).toBe(true);
    expect(Float32Array.from(chunks.flatMap((c) => [...c.samples]))).toEqual(interleave([a, b]));
    expect(interleave([a, b]).subarray(0, 4)).toEqual(Float32Array.from([1, -1, 2, -2]));
    expect(() => [...audioToPcmChunks({ sampleRate: 8000, channels: [a], durationSec: 1 }, 0)]).toThrow(/positive integer/);
  });
});
