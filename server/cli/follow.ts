/**
 * `tutti follow --score <file> --audio <file> --out <notes.txt> [--positions <positions.tsv>]`:
 * follows an audio file as a live stream (as fast as possible, the live code path) and writes the
 * MIREX note alignments and, optionally, the position stream.
 */
import { writeFile } from 'node:fs/promises';
import { DEFAULT_COMPUTE_BUDGET_SEC } from '../follower/config.js';
import { followFile, formatPositions } from '../follower/followFile.js';
import { formatNoteReports } from '../follower/noteReports.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';
import { checkOutputFile } from './outputFile.js';
import { asUserError } from './userErrors.js';

const help = `Usage: npm run --silent tutti -- follow --score <score.mid|.musicxml|.mxl> --audio <audio.wav|.flac|…> --out <notes.txt> [--positions <positions.tsv>]

Follows the audio in the score causally, exactly as the live pipeline would (fed in update-sized
chunks, as fast as possible), and writes:
  notes.txt       one line per score note, in score order (MIREX score-following format):
                  <estimated onset ms> <detection time ms> <score onset ms> <MIDI pitch>
                  Detection time = when the follower first reported reaching the note (model look-ahead,
                  update interval and the measured compute time included); never revised. Notes never
                  reached get -1 -1.
  positions.tsv   the position stream, one line per update:
                  <report ms> <score ms> <measure> <beat in measure> <tempo bpm> <confidence> <state>

Options:
  --score <file>            score (MIDI, MusicXML, compressed MusicXML)
  --audio <file>            recording (WAV, FLAC, OGG, MP3, …)
  --out <file>              where to write notes.txt
  --positions <file>        where to write positions.tsv (optional)
  --compute-delay-ms <ms|measured>
                            compute time added to every report: a fixed budget (default ${DEFAULT_COMPUTE_BUDGET_SEC * 1000} ms, about
                            the p90–p99 of the per-update time measured by \`npm run bench -- follower\`) or
                            "measured" (each update's own processing time, queued as live; depends on load)`;

/** `--compute-delay-ms`: a number of ms, or "measured" (each update's measured time, live queueing). */
export function parseComputeDelay(value: string | undefined): number | 'measured' | undefined {
  if (value === undefined) return undefined;
  if (value === 'measured') return 'measured';
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`--compute-delay-ms must be a number ≥ 0 or "measured", got "${value}"`);
  return ms / 1000;
}

/** Turns the known input failures (bad score, audio, model or ground-truth file) into a UserError; the message names the file. */
export const followCommand: CliCommand = {
  name: 'follow',
  summary: 'Follow an audio file in a score, as a live stream; write MIREX note alignments.',
  help,
  async run(argv) {
    const { values } = parseCommandArgs({
      args: [...argv],
      options: {
        score: { type: 'string' },
        audio: { type: 'string' },
        out: { type: 'string' },
        positions: { type: 'string' },
        'compute-delay-ms': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.score) throw new UsageError('missing --score <file>');
    if (!values.audio) throw new UsageError('missing --audio <file>');
    if (!values.out) throw new UsageError('missing --out <notes.txt>');
    const computeDelay = parseComputeDelay(values['compute-delay-ms']);
    checkOutputFile(values.out, '--out');
    if (values.positions) checkOutputFile(values.positions, '--positions');
    let result;
    try {
      result = await followFile(values.score, values.audio, { computeDelay });
    } catch (err) {
      throw asUserError(err);
    }
    await writeOrFail(values.out, formatNoteReports(result.reports));
    if (values.positions) await writeOrFail(values.positions, formatPositions(result.positions));
    const compute = result.computeTimes.reduce((a, b) => a + b, 0);
    const reached = result.reports.filter((r) => Number.isFinite(r.detectionSec)).length;
    console.error(
      `follow: ${reached}/${result.reports.length} notes reached in ${result.audioSec.toFixed(1)} s of audio; ` +
        `real-time factor ${(compute / result.audioSec).toFixed(3)} (${(result.audioSec / compute).toFixed(1)}× faster than real time)`,
    );
    return 0;
  },
};

async function writeOrFail(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (err) {
    throw new UserError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
