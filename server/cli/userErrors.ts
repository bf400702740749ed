/**
 * Which failures are the user's to fix (a bad or missing file, a bad input option): the CLI prints
 * them as one line naming the file or option, without a stack. Everything else is a bug and keeps
 * its stack. One place, so `follow`, `eval` and `serve` (file, stdin or microphone input) agree.
 */
import { FileError } from '../fileError.js';
import { AudioInputError } from '../live/audioInput.js';
import { ScoreError } from '../score/errors.js';
import { UserError } from './command.js';

export function asUserError(err: unknown): unknown {
  if (err instanceof ScoreError || err instanceof FileError || err instanceof AudioInputError) return new UserError(err.message);
  return err;
}
