/** `tutti harmony <score> [--json] [--no-repeats]`: the harmonic analysis of a score, segment by segment. */
import { ScoreError } from '../score/errors.js';
import type { HarmonySegment } from '../harmony/analyze.js';
import { analyzeScoreFile } from '../harmony/analyzeFile.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';

const help = `Usage: npm run tutti -- harmony <score> [--json] [--no-repeats] [--time]

Analyses the harmony of a score (.musicxml, .xml, .mxl, .mid, .midi) and prints one line per chord:
bar, beat, local key, chord symbol, Roman numeral in that key, and the cadence where a phrase ends.
Audience lines (cadences, modulations) are printed under the chord they belong to.

Options:
  --json         Print the analysis as JSON (one object per chord segment).
  --no-repeats   Analyse each repeated section once (take the last ending).
  --time         Report on stderr how long loading and analysing took.`;

function formatBeat(beat: number): string {
  return Number.isInteger(beat) ? String(beat) : beat.toFixed(2).replace(/0$/, '');
}

function table(segments: readonly HarmonySegment[]): string {
  const rows = [['bar', 'beat', 'key', 'chord', 'numeral', 'cadence']];
  const lines: (string | undefined)[] = [undefined];
  for (const s of segments) {
    rows.push([s.measure, formatBeat(s.beatInMeasure), s.keyName, s.chordSymbol, s.numeral, s.cadence ?? '']);
    lines.push(s.line);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r, i) => {
      const row = r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
      const line = lines[i];
      return line ? `${row}\n      » ${line}` : row;
    })
    .join('\n');
}

export const harmonyCommand: CliCommand = {
  name: 'harmony',
  summary: 'Print the harmonic analysis of a score.',
  help,
  async run(argv) {
    const parsed = parseCommandArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, 'no-repeats': { type: 'boolean' }, time: { type: 'boolean' } } });
    const [file, ...extra] = parsed.positionals;
    if (file === undefined) throw new UsageError('missing score file');
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    try {
      const { analysis, timing } = await analyzeScoreFile(file, { repeats: !parsed.values['no-repeats'] });
      if (parsed.values.time) {
        console.error(
          `harmony: loaded ${file} in ${timing.loadMs.toFixed(0)} ms, ` +
            `analysed in ${timing.analysisMs.toFixed(0)} ms (${analysis.segments.length} chord segments)`,
        );
      }
      if (parsed.values.json) {
        const out = analysis.segments.map((s) => ({
          bar: s.measure,
          beat: s.beatInMeasure,
          startBeat: s.startBeat,
          endBeat: s.endBeat,
          key: s.keyName,
          chord: s.chordSymbol,
          numeral: s.numeral,
          ...(s.cadence ? { cadence: s.cadence } : {}),
          ...(s.line ? { line: s.line } : {}),
        }));
        console.log(JSON.stringify({ source: analysis.source, segments: out }, null, 1));
      } else console.log(table(analysis.segments));
      return 0;
    } catch (err) {
      if (err instanceof ScoreError) throw new UserError(err.message);
      throw err;
    }
  },
};
