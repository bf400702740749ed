/** Reading a cue sheet: YAML → zod shape → checked against the score; every problem at its line. */
import type { Score } from '../score/types.js';
import { checkCueSheet, type CueCheckOptions, type ResolvedCueSheet } from './cueCheck.js';
import { CueSheetSchema } from './cueSchema.js';
import { RepertoireError } from './errors.js';
import { readSourceText, validateYaml } from './yamlFile.js';

export const CUE_SHEET_FILE = 'cues.yaml';

/** Parses and checks cue-sheet text; `file` names it in every error. Throws a RepertoireError listing all problems. */
export function parseCueSheet(text: string, file: string, score: Score, options: CueCheckOptions = {}): ResolvedCueSheet {
  const { source, data } = validateYaml(text, file, CueSheetSchema);
  const { sheet, problems } = checkCueSheet(data, source, score, options);
  if (problems.length > 0) throw new RepertoireError(file, problems);
  return sheet;
}

export async function loadCueSheet(file: string, score: Score, options: CueCheckOptions = {}): Promise<ResolvedCueSheet> {
  return parseCueSheet(await readSourceText(file), file, score, options);
}
