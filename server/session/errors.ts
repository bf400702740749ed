/** A session command that does not fit the current state (e.g. stop while waiting). */
export class SessionError extends Error {
  override readonly name = 'SessionError';
}

/** A recording file that cannot be read; the message names the file and line. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}
