/** `tutti render-demo`: remake a bundled piece's rendered recording from its score, byte for byte. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_SOUNDFONT } from '../dataset/render.js';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { loadPieceManifest } from '../repertoire/manifest.js';
import { barTimesTsv, planPerformance, renderPiece } from '../repertoire/render/renderPiece.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';
import { asUserError } from './userErrors.js';

const help = [
  'Usage: npm run tutti -- render-demo <piece> [--out <file.opus>] [--bars <from>-<to>] [--soundfont <sf2>] [--bar-times <file.tsv> [--no-audio]]',
  '',
  'Renders the recording of a bundled piece whose manifest says `recording.kind: rendered`: the score',
  'performed with human timing (seeded: rubato, ritardandi at phrase ends, fermatas held, the repeats the',
  'manifest takes), played by fluidsynth (FluidR3_GM), put in a hall (sox), a little applause at the end,',
  'encoded as mono Opus (ffmpeg, 48 kb/s, bit-exact). The same command remakes the same bytes.',
  '',
  '<piece> is a folder under scores/ (e.g. haydn-symphony104-mvt1) or a path to a piece folder.',
  '',
  'Options:',
  '  --out <file>       where to write (default: the recording file the manifest names, replaced)',
  '  --bars <a>-<b>     only printed bars a..b (first pass), e.g. to check determinism quickly',
  `  --soundfont <sf2>  General MIDI soundfont (default ${DEFAULT_SOUNDFONT})`,
  '  --bar-times <file> also write when each bar starts in the recording (TSV: index, printed bar, seconds):',
  '                     the ground truth for following it',
  '  --no-audio         with --bar-times: only the bar times, no rendering (fast)',
].join('\n');

function pieceDir(arg: string): string {
  return arg.includes('/') ? resolve(arg) : join(BUNDLED_SCORES_DIR, arg);
}

export const renderDemoCommand: CliCommand = {
  name: 'render-demo',
  summary: "Remake a bundled piece's rendered recording from its score (byte for byte).",
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: [...argv],
      options: { out: { type: 'string' }, bars: { type: 'string' }, soundfont: { type: 'string' }, 'bar-times': { type: 'string' }, 'no-audio': { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one piece');
    if (values['no-audio'] && values['bar-times'] === undefined) throw new UsageError('--no-audio only makes sense with --bar-times <file>');
    let bars: { from: string; to: string } | undefined;
    if (values.bars !== undefined) {
      const m = /^([^-\s]+)-([^-\s]+)$/.exec(values.bars);
      if (!m) throw new UsageError(`--bars must look like 1-8, got "${values.bars}"`);
      bars = { from: m[1], to: m[2] };
    }
    try {
      const piece = await loadPieceManifest(pieceDir(positionals[0]), { checkFiles: false });
      const rendering = piece.recording.rendering;
      if (piece.recording.kind !== 'rendered' || !rendering) {
        throw new UserError(`${piece.manifestPath}: the recording of ${piece.id} is a real one (recording.kind: ${piece.recording.kind}); there is nothing to render`);
      }
      const outPath = values.out !== undefined ? resolve(values.out) : piece.paths.recording;
      const started = Date.now();
      if (values['no-audio']) {
        const { performed } = await planPerformance(piece.paths.score, rendering, bars);
        await writeFile(resolve(values['bar-times']!), barTimesTsv(performed.barTimes));
        console.log(`Wrote ${values['bar-times']}: ${performed.barTimes.length} bars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
      }
      const report = await renderPiece({
        scorePath: piece.paths.score,
        settings: rendering,
        outPath,
        soundfont: values.soundfont ?? DEFAULT_SOUNDFONT,
        ...(bars ? { bars } : {}),
        log: (line) => console.error(`[render-demo] ${line}`),
      });
      if (values['bar-times'] !== undefined) await writeFile(resolve(values['bar-times']), barTimesTsv(report.barTimes));
      console.log(`Wrote ${report.outPath}: ${report.audioSec.toFixed(1)} s (${report.bars} bars, ${report.notes} notes, tempo ×${report.tempoFactor.toFixed(3)}, ${report.holds} holds, ${report.ritardandi} ritardandi) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    } catch (err) {
      const user = asUserError(err);
      if (user !== err) throw user;
      // Tool failures (fluidsynth, sox, ffmpeg, soundfont) name what is wrong; a bug keeps its stack.
      if (err instanceof Error && !(err instanceof TypeError) && !(err instanceof ReferenceError) && !(err instanceof UserError)) throw new UserError(err.message);
      throw err;
    }
  },
};
