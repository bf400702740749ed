/**
 * The score loader: one entry point for MIDI (.mid, .midi) and MusicXML (.musicxml, .xml, .mxl),
 * returning the one immutable Score model every stage reads.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { assembleScore, type ScoreDraft } from './assemble.js';
import { ScoreError } from './errors.js';
import { midiToDraft } from './midi.js';
import type { Score } from './types.js';

export interface LoadScoreOptions {
  /**
   * Play repeat barlines (and first/second endings) as written: true (default). With false the follower
   * expects a performance that skips them: each repeated section once, taking the last ending.
   * D.C./D.S. jumps are always taken (they are never optional), and repeats inside a D.C./D.S.
   * return are skipped as by convention.
   */
  readonly repeats?: boolean;
}

export const SCORE_EXTENSIONS = ['.mid', '.midi', '.musicxml', '.xml', '.mxl'] as const;

async function readScoreBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a score file' : `cannot read file (${code ?? String(err)})`;
    throw new ScoreError(path, reason, {}, { cause: err });
  }
}

/** Parses score bytes; `source` names the file in errors and in Score.source. */
export async function parseScore(bytes: Uint8Array, source: string, options: LoadScoreOptions = {}): Promise<Score> {
  const ext = extname(source).toLowerCase();
  let draft: ScoreDraft;
  if (ext === '.mid' || ext === '.midi') {
    draft = midiToDraft(bytes, source);
  } else if (ext === '.musicxml' || ext === '.xml' || ext === '.mxl') {
    const { musicXmlToDraft } = await import('./musicxml/draft.js');
    draft = musicXmlToDraft(bytes, source, { repeats: options.repeats ?? true });
  } else {
    throw new ScoreError(source, `unsupported score format "${ext || '(no extension)'}"; expected one of ${SCORE_EXTENSIONS.join(', ')}`);
  }
  return assembleScore(draft);
}

/** Loads a score file into the Score model. Throws ScoreError (naming the file) for any bad input. */
export async function loadScore(path: string, options: LoadScoreOptions = {}): Promise<Score> {
  return parseScore(await readScoreBytes(path), path, options);
}
