/** GET /metrics: Prometheus text with the concert's own figures and Node's, read from a live server. */
import { afterAll, describe, expect, it } from 'vitest';
import { pacedSource } from '../support/pacedSource.js';
import { audienceClient, closeAllClients, connected, eventMatching } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

let server: TestServer | undefined;
afterAll(async () => {
  closeAllClients();
  await server?.dispose();
});

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('reports sockets per namespace, ticks sent, confidence, recording bytes and event-loop lag', async () => {
    server = await startTestServer({ positionSource: pacedSource() });
    const phone = audienceClient(server.url);
    await connected(phone);
    await server.session.start('Metrics');
    let ticks = 0;
    await eventMatching(phone, 'position', () => ++ticks >= 5);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(metric(text, 'tutti_sockets{namespace="audience"}')).toBe(1);
    expect(metric(text, 'tutti_sockets{namespace="conductor"}')).toBe(0);
    expect(metric(text, 'tutti_ticks_sent_total')).toBeGreaterThanOrEqual(5);
    expect(metric(text, 'tutti_follower_confidence')).toBeCloseTo(0.9);
    expect(metric(text, 'tutti_recording_bytes')).toBeGreaterThan(500);
    expect(metric(text, 'tutti_recordings')).toBe(1);
    expect(metric(text, 'tutti_audio_dropped_seconds')).toBe(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('tutti_socket_disconnects_total');
  });
});
