/** /replay behind a login when a replay token is set: the replay token or the conductor's, nothing else. */
import { afterAll, describe, expect, it } from 'vitest';
import type { ListResult } from '../../server/protocol/index.js';
import { closeAllClients, connected, replayClient } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let server: TestServer | undefined;
afterAll(async () => {
  closeAllClients();
  await server?.dispose();
});

describe('/replay with a replay token', () => {
  it('refuses no token or a wrong one, and lists for the replay token and the conductor token', async () => {
    server = await startTestServer({ replayToken: 'replay-secret' });
    await expect(connected(replayClient(server.url))).rejects.toThrow('unauthorized: wrong or missing replay token');
    await expect(connected(replayClient(server.url, 'guess'))).rejects.toThrow('unauthorized: wrong or missing replay token');
    for (const token of ['replay-secret', server.token]) {
      const replay = replayClient(server.url, token);
      await connected(replay);
      const listed: ListResult = await replay.timeout(5000).emitWithAck('list');
      expect(listed).toEqual({ ok: true, recordings: [], total: 0, nextOffset: null });
      const paged: ListResult = await replay.timeout(5000).emitWithAck('list', { offset: 5, limit: 1 });
      expect(paged).toEqual({ ok: true, recordings: [], total: 0, nextOffset: null });
    }
  });
});
