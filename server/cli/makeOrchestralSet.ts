/** `tutti make-orchestral-set`: generate the orchestral evaluation set (Bach10 layout) from the CC0 scores. */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultSetOptions, generateSet } from '../dataset/set.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';

const defaultOut = (): string => join(tmpdir(), 'tutti', 'orchestral-set');

function positiveNumber(name: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  }
  return n;
}

export const makeOrchestralSetCommand: CliCommand = {
  name: 'make-orchestral-set',
  summary: 'Generate the orchestral evaluation set (audio + score + ground truth, Bach10 layout).',
  help: [
    'Usage: npm run tutti -- make-orchestral-set [--out <dir>] [--seed <n>] [--pieces <n>] [--seconds <n>] [--events]',
    '',
    'Cuts excerpts from the CC0 orchestral scores in ../shared/scores-src, performs them with a seeded',
    'performance model (rubato, ritardandi, held fermatas, asynchrony, dynamics), renders them with fluidsynth',
    '(FluidR3_GM), adds hall reverb (sox) and audience noise, and writes <out>/<piece>/<piece>.wav, .mid, .txt',
    'plus <out>/SOURCE.md. Evaluate with: npm run tutti -- eval --dataset <out>',
    '',
    'Options:',
    `  --out <dir>        output folder (default ${defaultOut()}); an earlier set there is replaced`,
    '  --seed <n>         random seed: same seed, same set (default 1)',
    '  --pieces <n>       number of pieces; piece i uses score i mod 8 (default 8)',
    '  --seconds <n>      excerpt length at the notated tempo, whole measures (default 35)',
    '  --scores <dir>     folder of <name>/<score>.mxl (default ../shared/scores-src)',
    '  --soundfont <sf2>  General MIDI soundfont (default /usr/share/sounds/sf2/FluidR3_GM.sf2)',
    '  --events           performances that leave the page, followed in the whole movement: mid-movement and',
    '                     recapitulation starts, repeats taken and skipped, restarts 3-60 s back and forward,',
    '                     after a lead-in of silence, noise, applause or tuning; <piece>.mxl + <piece>.events.json,',
    '                     split into tune/test halves (docs/dataset.md). Try --pieces 16 --seconds 30',
  ].join('\n'),
  async run(argv) {
    const { values } = parseCommandArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        pieces: { type: 'string' },
        seconds: { type: 'string' },
        scores: { type: 'string' },
        soundfont: { type: 'string' },
        events: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    const outDir = resolve(values.out ?? defaultOut());
    const defaults = defaultSetOptions(outDir);
    const seed = values.seed === undefined ? defaults.seed : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, got "${values.seed}"`);
    const options = {
      ...defaults,
      seed,
      pieces: positiveNumber('pieces', values.pieces, defaults.pieces, true),
      seconds: positiveNumber('seconds', values.seconds, defaults.seconds, false),
      scoresDir: values.scores !== undefined ? resolve(values.scores) : defaults.scoresDir,
      soundfont: values.soundfont ?? defaults.soundfont,
      events: values.events === true,
      log: (line: string) => console.log(line),
    };
    const started = Date.now();
    try {
      await generateSet(options);
    } catch (err) {
      // Input and tool failures (scores folder, soundfont, fluidsynth, sox) name what is wrong; a bug keeps its stack.
      if (!(err instanceof Error) || err instanceof TypeError || err instanceof ReferenceError) throw err;
      throw new UserError(err.message);
    }
    console.log(`Wrote ${options.pieces} pieces to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`Evaluate: npm run tutti -- eval --dataset ${outDir}`);
    return 0;
  },
};
