/** `tutti loadtest`: simulated phones against a Tutti server on this machine (loopback only). */
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { formatReport, MAX_CLIENTS, MAX_DURATION_SEC, runLoadTest } from '../loadtest/loadTest.js';
import { LoadTargetError, loopbackTarget } from '../loadtest/target.js';
import { parseCommandArgs, UsageError, type CliCommand } from './command.js';

const help = `Usage: npm run tutti -- loadtest --url <url> --clients <n> --duration <s>
                               [--workers <n>] [--ramp <per s>] [--json <file|->]

Opens <n> audience sockets (phones) against a Tutti server and, once all are open, measures for
<s> seconds: connections made and failed, position ticks missed (gaps in seq), ticks per phone
per second, and delivery latency from each tick's serverTimeMs to its receipt (p50/p90/p99/max),
using the /audience clock exchange for the clock offset. Prints a table; --json writes the same
report as JSON (to a file, or to stdout with "-").

Only loopback addresses (127.0.0.0/8, ::1, localhost) are accepted, or hosts listed in
TUTTI_LOADTEST_HOSTS (comma-separated: the project's own test hosts). At most ${MAX_CLIENTS} clients
and ${MAX_DURATION_SEC} s.

Options:
  --url <url>        The server, e.g. http://127.0.0.1:3000.
  --clients <n>      Phones to simulate (1–${MAX_CLIENTS}).
  --duration <s>     Measuring window in seconds, after all connections are open.
  --workers <n>      Worker threads for the clients (default: the number of CPU cores).
  --ramp <per s>     Connections opened per second (default 1000).
  --json <file|->    Also write the report as JSON.`;

export const loadtestCommand: CliCommand = {
  name: 'loadtest',
  summary: 'Simulate phones against a server on this machine; report ticks missed and delivery latency.',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs({
      args: [...argv],
      allowPositionals: true,
      options: { url: { type: 'string' }, clients: { type: 'string' }, duration: { type: 'string' }, workers: { type: 'string' }, ramp: { type: 'string' }, json: { type: 'string' } },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(' ')}`);
    if (values.url === undefined) throw new UsageError('missing --url');
    try {
      loopbackTarget(values.url);
    } catch (err) {
      if (err instanceof LoadTargetError) throw new UsageError(err.message);
      throw err;
    }
    const clients = integer('--clients', values.clients, 1, MAX_CLIENTS);
    const durationSec = number('--duration', values.duration, MAX_DURATION_SEC);
    const workers = values.workers === undefined ? availableParallelism() : integer('--workers', values.workers, 0, 64);
    const rampPerSec = values.ramp === undefined ? 1000 : integer('--ramp', values.ramp, 1, 20_000);
    const report = await runLoadTest({ url: values.url, clients, durationSec, workers, rampPerSec });
    console.log(formatReport(report));
    if (values.json === '-') console.log(JSON.stringify(report, null, 2));
    else if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    return report.connected > 0 ? 0 : 1;
  },
};

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined) throw new UsageError(`missing ${flag}`);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

function number(flag: string, raw: string | undefined, max: number): number {
  if (raw === undefined) throw new UsageError(`missing ${flag}`);
  const n = Number(raw);
  if (!(n > 0 && n <= max)) throw new UsageError(`${flag} must be a number of seconds above 0 and at most ${max}, got ${JSON.stringify(raw)}`);
  return n;
}
