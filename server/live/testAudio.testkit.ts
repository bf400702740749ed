/** Test audio for the live-input tests: WAV files written into os.tmpdir() (Bach10 comes from test/follower/bach10.ts). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';

export interface TempDir {
  readonly path: string;
  remove(): Promise<void>;
}

export async function makeTempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'tutti-live-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Writes planar float channels as a 32-bit float WAV (decodes back bit-exact). */
export async function writeFloatWav(path: string, channels: readonly Float32Array[], sampleRate: number): Promise<void> {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels.length, sampleRate, '32f', channels.map((c) => Array.from(c)));
  await writeFile(path, wav.toBuffer());
}
