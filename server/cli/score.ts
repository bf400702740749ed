/** `tutti score inspect <file> [--json] [--no-repeats]`: what the score model made of a score file. */
import { ScoreError } from '../score/errors.js';
import { loadScore } from '../score/load.js';
import { summarizeScore } from '../score/summary.js';
import { parseCommandArgs, UsageError, UserError, type CliCommand } from './command.js';

const help = `Usage: npm run tutti -- score inspect <file> [--json] [--no-repeats]

Loads a score (.mid, .midi, .musicxml, .xml, .mxl) into Tutti's score model and prints its title,
composer, parts (with instrument families), measures, duration (beats and seconds at the notated
tempo), tempo changes, key signatures and note count.

Options:
  --json         Print the whole score model as JSON instead (notes, measures, maps).
  --no-repeats   Skip repeat barlines (take the last ending), as many performances do.
                 D.C./D.S. jumps are always taken.`;

export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'Inspect a score: parts, measures, tempo, note count (`score inspect <file>`).',
  help,
  async run(argv) {
    const parsed = parseCommandArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, 'no-repeats': { type: 'boolean' } } });
    const [action, file, ...extra] = parsed.positionals;
    if (action !== 'inspect') throw new UsageError(action === undefined ? 'missing action: expected "inspect"' : `unknown action "${action}": expected "inspect"`);
    if (file === undefined) throw new UsageError('missing score file');
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    try {
      const score = await loadScore(file, { repeats: !parsed.values['no-repeats'] });
      console.log(parsed.values.json ? JSON.stringify(score, null, 1) : summarizeScore(score));
      return 0;
    } catch (err) {
      if (err instanceof ScoreError) throw new UserError(err.message);
      throw err;
    }
  },
};
