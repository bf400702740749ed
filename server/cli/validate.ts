/** `tutti validate`: check bundled or authored pieces (manifest, files, score, annotations, cue sheet). */
import { relative } from 'node:path';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { validatePath } from '../repertoire/validate.js';
import { parseCommandArgs, type CliCommand } from './command.js';

const help = [
  'Usage: npm run tutti -- validate [<piece folder | folder of pieces> ...]',
  '',
  'Checks every piece: its piece.yaml (fields, and that every file it names exists), that the score loads,',
  'the main-tune annotations against the score, and the cue sheet against the score (bars exist, sections',
  'and passages without gaps or overlaps, spotlights and themes on real bars and parts, every [[term]] in the',
  'glossary). Prints one line per problem as file:line: field: message, and exits 1 when there is any.',
  '',
  'Default: every bundled piece (scores/). See docs/authoring.md.',
].join('\n');

/** Paths under the working directory print relative, as the author typed them. */
const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
};

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check pieces: manifest, files, score, main-tune annotations and cue sheet (file:line: field messages).',
  help,
  async run(argv) {
    const { positionals } = parseCommandArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true });
    const paths = positionals.length > 0 ? positionals : [shown(BUNDLED_SCORES_DIR)];
    let bad = 0;
    let count = 0;
    for (const path of paths) {
      for (const check of await validatePath(path)) {
        count++;
        if (check.problems.length === 0) console.log(`ok    ${check.dir}: ${check.summary}`);
        else {
          bad++;
          console.log(`FAIL  ${check.dir}`);
          for (const line of check.problems) console.error(line);
        }
      }
    }
    console.log(bad === 0 ? `${count} piece(s) valid` : `${bad} of ${count} piece(s) have problems`);
    return bad === 0 ? 0 : 1;
  },
};
