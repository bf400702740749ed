/** `tutti harmony-eval [--dataset DIR] [--json out.json] [--pivots either|first|second]`: the harmony analysis scored against human analyses. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatasetError, DEFAULT_HARMONY_DATASET } from '../harmony/dataset.js';
import { PIVOT_READINGS, scoresOf, type HarmonyScores, type PivotReading } from '../harmony/evaluate.js';
import { RomanTextError } from '../harmony/romanText.js';
import { runHarmonyEval } from '../harmony/runEval.js';
import { ScoreError } from '../score/errors.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';

const help = `Usage: npm run tutti -- harmony-eval [--dataset DIR] [--json out.json] [--pivots either|first|second]

Analyses every piece of the harmony dataset and scores the result against the human RomanText
analyses on the analysis' beat grid: local key (tonic and mode), chord root, chord quality,
inversion, full Roman numeral (key and numeral both right), and cadence precision/recall at the
phrase ends the analysts marked (||). Figures are pooled over beats per group (the 30 Bach
chorales; the 8 longer pieces). The agreement of a second human analyst with the first, where
one exists, is reported as the ceiling.

Options:
  --dataset DIR    Dataset folder (default ../shared/eval/harmony beside the repository).
  --json FILE      Also write the figures (fractions 0-1) as JSON to FILE.
  --pivots WHICH   Where an analyst gives a pivot chord two readings (m9 I G: V), which count:
                   either (default: the chord belongs to both keys), first (the old key's, the
                   chord music21 keeps) or second (the new key's, music21's pivotChord).`;

const COLUMNS: readonly (keyof HarmonyScores)[] = ['key', 'root', 'quality', 'inversion', 'roman', 'cadencePrecision', 'cadenceRecall'];
const HEADS = ['key', 'root', 'qual', 'inv', 'roman', 'cadP', 'cadR'];

const pct = (x: number | null): string => (x === null ? '—' : (100 * x).toFixed(1)).padStart(6);
const row = (name: string, s: HarmonyScores, width: number): string => `${name.padEnd(width)} ${COLUMNS.map((c) => pct(s[c])).join('')}`;

export const harmonyEvalCommand: CliCommand = {
  name: 'harmony-eval',
  summary: 'Score the harmony analysis against human analyses.',
  help,
  async run(argv) {
    const parsed = parseCommandArgs({ args: [...argv], options: { dataset: { type: 'string' }, json: { type: 'string' }, pivots: { type: 'string' } } });
    const pivots = (parsed.values.pivots ?? 'either') as PivotReading;
    if (!PIVOT_READINGS.includes(pivots)) throw new UsageError(`--pivots must be one of ${PIVOT_READINGS.join(', ')}, not "${parsed.values.pivots}"`);
    const dataset = parsed.values.dataset !== undefined ? resolve(parsed.values.dataset) : DEFAULT_HARMONY_DATASET;
    const width = 44;
    let headed = false;
    try {
      const report = await runHarmonyEval(dataset, { pivots }, (r) => {
        if (!headed) console.log(`${'piece'.padEnd(width)} ${HEADS.map((h) => h.padStart(6)).join('')}`);
        headed = true;
        console.log(row(r.piece.folder.slice(-width), scoresOf(r.counts), width));
      });
      console.log('');
      console.log(row(`Bach chorales (${report.beats.chorales} beats)`, report.chorales, width));
      console.log(row('  ours on the same 23 chorales', report.choralesWithSecondAnalysis, width));
      console.log(row(`  human ceiling, BCMH vs main (${report.beats.humanCeiling} beats)`, report.humanCeiling, width));
      console.log(row('longer pieces', report.longer, width));
      console.log(row('  human ceiling, Mozart K. 331/545', report.humanCeilingLonger, width));
      const m = report.modulations;
      const pair = (x: { precision: number | null; recall: number | null }): string => `${pct(x.precision).trim()} / ${pct(x.recall).trim()}`;
      console.log(`\nkey changes announced (precision / recall against the analysts', same key within a bar):`);
      console.log(`  chorales ${pair(m.chorales)} (second analyst: ${pair(m.humanCeiling)}); longer pieces ${pair(m.longer)} (second analyst, Mozart: ${pair(m.humanCeilingLonger)})`);
      console.log(`\nanalysis time, all ${Object.keys(report.pieces).length} pieces (loading excluded): ${report.analysisSeconds.toFixed(2)} s`);
      if (parsed.values.json) {
        await writeFile(parsed.values.json, JSON.stringify(report, null, 1) + '\n');
        console.log(`wrote ${parsed.values.json}`);
      }
      return 0;
    } catch (err) {
      if (err instanceof DatasetError || err instanceof RomanTextError || err instanceof ScoreError) throw new UserError(err.message);
      throw err;
    }
  },
};
