/** `tutti serve --role fanout`: serve phones for a leader over Redis, until Ctrl-C or SIGTERM. */
import { startFanoutServer } from '../scaleout/fanoutServer.js';
import { RedisUnavailableError } from '../scaleout/redisAdapter.js';
import { DEFAULT_CLIENT_DIR } from '../http/server.js';
import { SERVER_VERSION } from '../http/version.js';
import { UserError } from './command.js';

export async function runFanout(options: { port: number; host: string; redisUrl: string }): Promise<number> {
  const log = (line: string) => console.error(`[tutti] ${line}`);
  let fanout;
  try {
    fanout = await startFanoutServer({ port: options.port, host: options.host, redisUrl: options.redisUrl, clientDir: DEFAULT_CLIENT_DIR, version: SERVER_VERSION, log });
  } catch (err) {
    if (err instanceof RedisUnavailableError) throw new UserError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${options.port} is already in use; pick another with --port or PORT`);
    throw err;
  }
  console.log(`Tutti fan-out is listening on ${options.host}:${fanout.port} (phones only; the leader follows), sharing rooms through ${options.redisUrl}`);
  console.log(`  audience   http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${fanout.port}/`);
  console.log(`  health     http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${fanout.port}/healthz`);
  await new Promise<void>((stopped) => {
    const shutdown = (signal: string) => {
      console.log(`\n${signal}: stopping the fan-out…`);
      fanout.close().then(stopped, (err: Error) => {
        log(`error while stopping: ${err.message}`);
        stopped();
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}
