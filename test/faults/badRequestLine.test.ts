/** Request lines new URL cannot read, sent raw over TCP: each gets a 400, and the server keeps serving. */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/testServer.js';

function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (reply += d));
    socket.on('end', () => resolve(reply));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}

describe('a bad request line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.session.start('request-line probe');
  });
  afterAll(() => server.dispose());

  it.each(['http://[', '//[', 'http://%', '//a%20b', 'http://a:99999/'])('GET %s gets 400 and the concert goes on', async (target) => {
    expect(await rawRequest(server.port, target)).toMatch(/^HTTP\/1\.1 400 /);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(server.session.snapshot().state).toBe('live');
  });
});
