/**
 * Errors in the files a dramaturg writes (piece manifests, cue sheets). Every problem names the file, the
 * line and the field, and a file's problems are reported together, so one run of `validate` lists them all.
 */
import { FileError } from '../fileError.js';

export interface Problem {
  /** 1-based line in the file; undefined when the problem is with the file as a whole. */
  readonly line?: number;
  /** Dotted path of the field, e.g. `sections[2].to`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
}

/** `file:line: message` — the form editors and terminals make clickable. */
export function formatProblem(file: string, problem: Problem): string {
  return `${file}${problem.line !== undefined ? `:${problem.line}` : ''}: ${problem.message}`;
}

export class RepertoireError extends FileError {
  override readonly name = 'RepertoireError';
  readonly problems: readonly Problem[];
  constructor(file: string, problems: readonly Problem[]) {
    super(file, 'invalid');
    this.problems = problems;
    // FileError prefixes "path: "; the line belongs between the path and the message, so write it whole.
    this.message = problems.map((p) => formatProblem(file, p)).join('\n');
  }
}

/** Dotted field path from zod/yaml path segments: `sections[2].notes.en`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}
