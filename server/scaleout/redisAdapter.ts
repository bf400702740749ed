/**
 * Rooms shared between Tutti processes through Redis Streams (@socket.io/redis-streams-adapter).
 * Chosen over the Pub/Sub adapter because a stream is read from the last offset each process saw:
 * a broadcast made while Redis was restarting is delivered when it is back, where Pub/Sub drops it
 * (docs/performance.md has the comparison).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';

export interface RedisLink {
  readonly url: string;
  /** For `new Server(…, { adapter })`: every namespace of that server shares its rooms through Redis. */
  readonly adapter: ReturnType<typeof createAdapter>;
  /** True while the client is connected to Redis. */
  ready(): boolean;
  close(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** Connects to Redis, failing within `connectTimeoutMs` with a clear error; then reconnects by itself. */
export async function connectRedis(url: string, options: { log?: (line: string) => void; connectTimeoutMs?: number } = {}): Promise<RedisLink> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUnavailableError(`REDIS_URL ${JSON.stringify(url)} is not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new RedisUnavailableError(`REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}`);
  // Reconnect forever, at most every 500 ms: a Redis restart during a concert must heal by itself.
  const client = createClient({ url, socket: { connectTimeout: options.connectTimeoutMs ?? 5000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 500) } });
  let lastErrorLogMs = 0;
  client.on('error', (err: Error) => {
    // node-redis emits an error per failed reconnect: say it at most every 5 s.
    if (Date.now() - lastErrorLogMs > 5000) {
      lastErrorLogMs = Date.now();
      options.log?.(`redis: ${err.message || 'connection error'} (${url}); retrying`);
    }
  });
  client.on('ready', () => options.log?.(`redis: connected (${url})`));
  const timeout = options.connectTimeoutMs ?? 5000;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new RedisUnavailableError(`cannot reach Redis at ${url} within ${timeout} ms`)), timeout).unref()),
    ]);
  } catch (err) {
    client.destroy();
    if (err instanceof RedisUnavailableError) throw err;
    throw new RedisUnavailableError(`cannot reach Redis at ${url}: ${(err as Error).message}`);
  }
  return {
    url,
    adapter: createAdapter(outageTolerant(client, options.log), { streamName: 'tutti', channelPrefix: 'tutti', blockTimeInMs: 1000 }),
    ready: () => client.isReady,
    close: async () => {
      try {
        await client.close();
      } catch {
        client.destroy();
      }
    },
  };
}

type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * The adapter's client, made to ride out a Redis restart (the adapter itself does neither):
 * - a broadcast whose XADD was in flight when the connection died is sent again (queued until
 *   Redis is back) instead of dropped — a phone may then see a tick twice, never miss one;
 * - a PUB/SUB publish (server-side emits: the hello mirror, audience shares) that fails is let go
 *   quietly: the adapter drops its promise, and an unhandled rejection would end the process.
 * Methods are bound to the real client: node-redis keeps its state in private fields.
 */
function outageTolerant<C extends object>(client: C, log?: (line: string) => void): C {
  const method = (name: string) => (client as unknown as Record<string, AsyncMethod>)[name]!.bind(client);
  const xAdd = (...args: unknown[]): Promise<unknown> => {
    const attempt = (left: number): Promise<unknown> =>
      method('xAdd')(...args).catch((err: Error) => {
        if (left === 0 || !isConnectionError(err)) throw err;
        return attempt(left - 1);
      });
    return attempt(3);
  };
  const publishQuietly = (name: 'publish' | 'sPublish') => (...args: unknown[]): Promise<unknown> =>
    method(name)(...args).catch((err: Error) => {
      log?.(`redis: a server-to-server message was lost (${err.message}); the next one replaces it`);
      return 0;
    });
  return new Proxy(client, {
    get(target, property) {
      if (property === 'xAdd') return xAdd;
      if (property === 'publish' || property === 'sPublish') return publishQuietly(property);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function isConnectionError(err: Error): boolean {
  return /closed|ECONNRESET|ECONNREFUSED|EPIPE|socket|connection/i.test(`${err.name} ${err.message}`);
}
