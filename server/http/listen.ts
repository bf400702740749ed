/** Starts an HTTP server listening and resolves with its port (0 = an ephemeral one); a listen error (EADDRINUSE, EACCES) rejects. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export function listen(httpServer: Server, port: number, host?: string): Promise<number> {
  return new Promise((listening, failed) => {
    httpServer.once('error', failed);
    httpServer.listen(port, host, () => {
      httpServer.off('error', failed);
      listening((httpServer.address() as AddressInfo).port);
    });
  });
}
