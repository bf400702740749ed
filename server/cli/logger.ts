/**
 * The server's log, through pino: one JSON object per line when stderr is not a terminal (a log
 * file, journald, a collector), readable lines through pino-pretty when it is (and when pino-pretty
 * is installed: it is a development dependency). Written synchronously, so the last lines before a
 * crash are not lost in a buffer. The rest of the server logs plain sentences through `(line) => void`.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

/** Lines that say something went wrong or was refused are warnings; the rest is information. */
const WARNING = /\b(error|failed|cannot|refused|rejected|disconnected|skipped|wrong token|no input|input ended|dropped)\b/i;

export async function createServeLogger(options: { readonly tty?: boolean; readonly destination?: DestinationStream } = {}): Promise<{ logger: Logger; log: (line: string) => void }> {
  const tty = options.tty ?? process.stderr.isTTY === true;
  let destination: DestinationStream = options.destination ?? pino.destination({ fd: 2, sync: true });
  if (tty && !options.destination) {
    try {
      const { default: pretty } = await import('pino-pretty');
      destination = pretty({ destination: 2, sync: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' });
    } catch {
      // pino-pretty not installed (npm install --omit=dev): JSON lines still read fine.
    }
  }
  const logger = pino({ name: 'tutti', timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return { logger, log: (line) => (WARNING.test(line) ? logger.warn(line) : logger.info(line)) };
}
