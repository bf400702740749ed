/** Test audio for the live-input tests: WAV files written into os.tmpdir(), and the shared Bach10 data. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import wavefile from 'wavefile';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A Bach10 piece from ../shared/eval/bach10 (relative to the repo root); missing data fails, never skips. */
export function bach10Files(name: string): { readonly wav: string; readonly mid: string } {
  const dir = resolve(REPO_ROOT, '..', 'shared', 'eval', 'bach10', name);
  const files = { wav: join(dir, `${name}.wav`), mid: join(dir, `${name}.mid`) };
  for (const path of Object.values(files)) {
    if (!existsSync(path)) throw new Error(`live-input tests need the read-only Bach10 data: ${path} is missing (expected ../shared/eval/bach10 beside the repository)`);
  }
  return files;
}

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
