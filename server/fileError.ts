/** The base of the errors a bad input file raises: the message always starts with the file's path. */
export class FileError extends Error {
  override readonly name: string = 'FileError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}
