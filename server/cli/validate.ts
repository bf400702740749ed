/** `tutti validate`: check bundled or authored pieces (manifest, files, score, annotations, cue sheet). */
import { readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { validatePath } from '../repertoire/validate.js';
import { parseCommandArgs, type CliCommand } from './command.js';

const help = [
  'Usage: npm run tutti -- validate [<piece folder | folder of pieces | programme.yaml> ...]',
  '',
  'Checks every piece: its piece.yaml (fields, and that every file it names exists), that the score loads,',
  'the main-tune annotations against the score, and the cue sheet against the score (bars exist, sections',
  'and passages without gaps or overlaps, spotlights and themes on real bars and parts, every [[term]] in the',
  'glossary). Prints one line per problem as file:line: field: message, and exits 1 when there is any.',
  '',
  'A programme file (programmes/*.yaml) is checked too: its shape and that every piece it names exists with a',
  'valid manifest. Default: every bundled piece (scores/) and programme (programmes/). See docs/authoring.md.',
].join('\n');

/** Paths under the working directory print relative, as the author typed them. */
const shown = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
};

/** The bundled programmes, `programmes/*.yaml` beside `scores/`. */
async function bundledProgrammes(): Promise<string[]> {
  const dir = join(dirname(BUNDLED_SCORES_DIR), 'programmes');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => shown(join(dir, n)));
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check pieces: manifest, files, score, main-tune annotations and cue sheet (file:line: field messages).',
  help,
  async run(argv) {
    const { positionals } = parseCommandArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true });
    const paths = positionals.length > 0 ? positionals : [shown(BUNDLED_SCORES_DIR), ...(await bundledProgrammes())];
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
    console.log(bad === 0 ? `${count} checked, all valid` : `${bad} of ${count} checked have problems`);
    return bad === 0 ? 0 : 1;
  },
};
