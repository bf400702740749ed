/**
 * The one error type for bad score input. Its message always names the file, and the line or
 * measure when the parser knows it, so a user can open the file and find the problem.
 */
export interface ScoreErrorWhere {
  readonly line?: number;
  /** Printed measure label. */
  readonly measure?: string;
  /** Part id or name. */
  readonly part?: string;
}

export class ScoreError extends Error {
  override readonly name = 'ScoreError';

  constructor(
    readonly file: string,
    readonly reason: string,
    readonly where: ScoreErrorWhere = {},
    options?: { cause?: unknown },
  ) {
    super(formatScoreError(file, reason, where), options);
  }
}

function formatScoreError(file: string, reason: string, where: ScoreErrorWhere): string {
  const place = [
    where.line !== undefined ? `line ${where.line}` : '',
    where.part !== undefined ? `part ${where.part}` : '',
    where.measure !== undefined ? `measure ${where.measure}` : '',
  ].filter((s) => s !== '');
  return `${file}${place.length > 0 ? ` (${place.join(', ')})` : ''}: ${reason}`;
}
