import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The contract every `tutti <command>` implements. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text shown by `tutti <command> --help`. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. Throw UsageError for bad arguments. */
  run(argv: readonly string[]): Promise<number>;
}

/** Bad command-line arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the user can act on (bad file, missing dataset): printed without a stack, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/**
 * `node:util` parseArgs over a command's arguments (strict: unknown options are refused);
 * a parse failure becomes a UsageError, so every command reports bad arguments the same way.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}
