/**
 * `tutti eval [--dataset ../shared/eval/bach10] [--report <dir>]`: runs `follow` causally on every
 * piece of a dataset in the Bach10 layout, prints the MIREX table and writes summary.json + plots.
 */
import { resolve } from 'node:path';
import { configWith } from '../follower/config.js';
import { DatasetError } from '../eval/dataset.js';
import { createProgress } from '../eval/progress.js';
import { SPLITS, type Split } from '../dataset/eventsFile.js';
import { formatReliability } from '../eval/honesty.js';
import { formatHonestyTable, formatTable, runEval } from '../eval/runEval.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';
import { parseComputeDelay } from './follow.js';
import { asUserError } from './userErrors.js';

const help = `Usage: npm run --silent tutti -- eval [--dataset ../shared/eval/bach10] [--report <dir>] [--pieces a,b] [--split tune|test] [--compute-delay-ms <ms|measured>] [--config <json>]

Runs the follower causally (the live code path, as fast as possible) on every piece of a dataset
laid out as <dir>/<piece>/<piece>.wav, <piece>.mid, <piece>.txt (ground truth: audio ms, score ms,
MIDI pitch[, part]) and prints, per piece and as piecewise means: the share of notes within
50/100/300/2000 ms by estimated onset and by detection time, miss rate, misalign rate (> 300 ms),
median absolute error, mean latency (detection − estimated onset) and the real-time factor.
Score notes without a ground-truth row are skipped (the count is printed).
Then the state table (what the audience would have seen): wrong-follow% (share of music time shown
\`following\` two or more bars from the bar being played), following%, state changes per minute of music,
time to lock (music start → first \`following\` within one bar), re-localisation time per jump,
seconds before the music not \`waiting\`, \`waiting\` inside the music after the lock; and the reliability
table (per tenth of confidence, the share of reports within one bar). Event sets (make-orchestral-set
--events) say what happened when in <piece>.events.json.

Options:
  --dataset <dir>           default ../shared/eval/bach10 (relative to the working directory)
  --report <dir>            write summary.json and one alignment plot (SVG) per piece there
  --pieces <a,b,…>          only these pieces
  --split <tune|test>       only this half of an event set (defaults are tuned on "tune" only)
  --compute-delay-ms <ms|measured>
                            compute time added to every report (default: the fixed budget, see \`follow --help\`)
  --config <json>           override follower settings for experiments, e.g.
                            '{"lookaheadFrames":4,"updateFrames":8}' or '{"aligner":{"viterbi":{"attackPenalty":0}}}'
                            (see server/follower/config.ts)`;

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate the follower on a dataset (default ../shared/eval/bach10).',
  help,
  async run(argv) {
    const { values } = parseCommandArgs({
      args: [...argv],
      options: {
        dataset: { type: 'string', default: '../shared/eval/bach10' },
        report: { type: 'string' },
        pieces: { type: 'string' },
        'compute-delay-ms': { type: 'string' },
        config: { type: 'string' },
        split: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const computeDelay = parseComputeDelay(values['compute-delay-ms']);
    let config;
    if (values.config !== undefined) {
      try {
        config = configWith(JSON.parse(values.config));
      } catch (err) {
        throw new UsageError(`--config: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (values.split !== undefined && !(SPLITS as readonly string[]).includes(values.split)) throw new UsageError(`--split must be ${SPLITS.join(' or ')}, got "${values.split}"`);
    const split = values.split as Split | undefined;
    const dataset = resolve(values.dataset);
    let summary;
    try {
      let bar = createProgress(1); // replaced once the piece count is known
      summary = await runEval(dataset, {
        reportDir: values.report ? resolve(values.report) : undefined,
        computeDelay,
        config,
        split,
        pieces: values.pieces?.split(',').map((s) => s.trim()).filter(Boolean),
        onProgress(done, total, piece) {
          if (done === 0) bar = createProgress(total);
          bar.update(done, piece);
          if (done === total) bar.done();
        },
      });
    } catch (err) {
      if (err instanceof DatasetError) throw new UserError(err.message);
      throw asUserError(err);
    }
    console.log(`Dataset: ${dataset} (${summary.pieces.length} pieces; compute delay: ${summary.computeDelay})`);
    console.log(formatTable(summary));
    console.log(`Skipped ${summary.skippedScoreNotes} score notes that have no ground-truth row (not scored).`);
    const replayed = summary.pieces.reduce((a, p) => a + (p.replayedTruth ?? 0), 0);
    if (replayed > 0) console.log(`${replayed} ground-truth notes were played again (restarts): a score note is reported once, so these are not scored.`);
    console.log('');
    console.log(formatHonestyTable(summary));
    console.log('');
    console.log('Reliability (non-waiting reports during the music):');
    console.log(formatReliability(summary.honesty.reliability));
    if (values.report) console.log(`Report: ${resolve(values.report)}/summary.json and one SVG plot per piece.`);
    return 0;
  },
};
