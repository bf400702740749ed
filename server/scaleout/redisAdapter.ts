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
    adapter: createAdapter(client, { streamName: 'tutti', channelPrefix: 'tutti', blockTimeInMs: 1000 }),
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
