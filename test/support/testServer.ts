/** A real Tutti server on an ephemeral port with its own token and data dir under os.tmpdir(). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTuttiServer, type RunningServer, type TuttiServerOptions } from '../../server/http/server.js';

export interface TestServer extends RunningServer {
  readonly token: string;
  readonly dataDir: string;
  /** Closes the server and removes its data dir. */
  dispose(): Promise<void>;
}

export async function startTestServer(overrides: Partial<TuttiServerOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tutti-test-'));
  const token = `test-token-${Math.random().toString(36).slice(2)}`;
  const server = await startTuttiServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    conductorToken: token,
    audienceCountDelayMs: 20,
    ...overrides,
  });
  return {
    ...server,
    token,
    dataDir,
    dispose: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
