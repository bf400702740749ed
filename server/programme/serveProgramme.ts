/**
 * `tutti serve --programme <file>` (and `serve` with no input options: the bundled demo programme): loads the
 * programme and every item's score, enrichment and follower before the concert, so a mistake in the file stops the
 * server with file, line and field, never in the middle of the evening.
 */
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/command.js';
import { asUserError } from '../cli/userErrors.js';
import type { AudioInput } from '../live/audioInput.js';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { RepertoireError } from '../repertoire/errors.js';
import type { Score } from '../score/types.js';
import { prepareProgramme, type PreparedProgramme, type ProgrammeInput } from './prepare.js';
import { loadProgrammeFile } from './programmeFile.js';

export const DEMO_PROGRAMME_PATH = fileURLToPath(new URL('../../programmes/demo.yaml', import.meta.url));

export interface ServeProgrammeOptions {
  /** The programme file; default the bundled demo programme. */
  readonly file?: string;
  /** Where `piece:` folders are looked up. Default: the bundled scores/. */
  readonly scoresDir?: string;
  /** A live input for the whole concert; default each item's recording played as live. */
  readonly input?: AudioInput;
  /** Playback speed of the recordings (default 1). */
  readonly speed?: number;
  /** Loop the programme (`--loop`), whatever the file says. */
  readonly loop?: boolean;
  readonly log: (line: string) => void;
}

export interface LoadedProgramme extends PreparedProgramme {
  readonly file: string;
  /** One line for the banner: what the followers listen to. */
  readonly inputDescription: string;
}

export async function loadServeProgramme(options: ServeProgrammeOptions): Promise<LoadedProgramme> {
  const file = options.file ?? DEMO_PROGRAMME_PATH;
  try {
    const programme = await loadProgrammeFile(file, options.scoresDir ?? BUNDLED_SCORES_DIR);
    const input: ProgrammeInput = options.input ? { kind: 'live', input: options.input } : { kind: 'recordings', speed: options.speed };
    const prepared = await prepareProgramme(programme, { input, enrichment: (score) => itemEnrichment(score, options.log), log: options.log });
    const pieces = prepared.items.filter((i) => i.kind === 'piece').length;
    options.log(`programme: "${programme.title}" from ${programme.file}: ${prepared.items.length} items (${pieces} to follow)`);
    return {
      ...prepared,
      loop: options.loop === true || prepared.loop,
      file: programme.file,
      inputDescription: options.input
        ? `${options.input.description}, followed item by item`
        : `each item's recording played as live${options.speed && options.speed !== 1 ? ` at ${options.speed}× speed` : ''}, item after item${options.loop === true || prepared.loop ? ', looping the programme' : ''}`,
    };
  } catch (err) {
    if (err instanceof RepertoireError) throw new UserError(err.message);
    throw asUserError(err);
  }
}

async function itemEnrichment(score: Score, log: (line: string) => void) {
  const { loadEnrichment } = await import('../enrichment/load.js');
  const loaded = await loadEnrichment(score);
  if (loaded.harmonyError) log(`enrichment: ${loaded.harmonyError}; phones show instruments and notes without harmony`);
  return loaded.table;
}
