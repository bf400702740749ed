/**
 * The sampled orchestra and the hall: fluidsynth renders the performance MIDI with a General MIDI
 * soundfont, sox adds hall reverb and folds to mono, and the result comes back as float samples.
 */
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DEFAULT_SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
export const SAMPLE_RATE = 44100;

export interface HallOptions {
  /** sox reverb "reverberance", 0-100 %. */
  readonly reverberance: number;
  /** sox reverb pre-delay in ms (distance to the first reflections). */
  readonly preDelayMs: number;
  /** sox reverb wet gain in dB. */
  readonly wetGainDb: number;
}

async function runTool(tool: string, args: readonly string[], what: string): Promise<void> {
  try {
    await run(tool, [...args], { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(`${tool} is not installed (needed to ${what}); on Debian: apt-get install fluidsynth fluid-soundfont-gm sox`);
    }
    throw new Error(`${tool} failed to ${what}: ${(e.stderr ?? e.message).trim()}`);
  }
}

export async function checkSoundfont(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new Error(`soundfont not found: ${path} (on Debian: apt-get install fluid-soundfont-gm, or pass another .sf2)`);
  }
}

/** Renders `midiPath` dry (fluidsynth's own reverb and chorus off) to a stereo float WAV. */
export async function renderMidi(midiPath: string, wavPath: string, soundfont: string): Promise<void> {
  await checkSoundfont(soundfont);
  await runTool(
    'fluidsynth',
    ['-ni', '-q', '-R', '0', '-C', '0', '-g', '0.3', '-r', String(SAMPLE_RATE), '-O', 'float', '-T', 'wav', '-F', wavPath, soundfont, midiPath],
    `render ${midiPath}`,
  );
}

/**
 * Hall: a large room's reverb with its tail (padded), a gentle high-pass (the microphone's rumble filter),
 * mono, returned as raw float samples at SAMPLE_RATE.
 */
export async function applyHall(dryWav: string, workDir: string, hall: HallOptions, tailSec: number): Promise<Float32Array> {
  const raw = join(workDir, 'wet.f32');
  await runTool(
    'sox',
    [
      dryWav,
      '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-r', String(SAMPLE_RATE), raw,
      'pad', '0', String(tailSec),
      'reverb', String(hall.reverberance), '50', '100', '100', String(hall.preDelayMs), String(hall.wetGainDb),
      'highpass', '30',
      'remix', '-',
    ],
    `add reverb to ${dryWav}`,
  );
  const bytes = await readFile(raw);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
}
