/**
 * kill -9 in the middle of a concert, then a restart on the same port and data dir (what a supervisor
 * does): the server continues the same session from its recording, and a phone that reconnects is
 * back on the bar the recording last showed within 2 s of the server accepting connections.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { NAMESPACES, type AudienceClientToServer, type AudienceServerToClient, type Hello, type PositionTick } from '../../server/protocol/index.js';
import { spawnServe, type ServeProcess } from '../support/serveProcess.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tutti-crash-'));
const running: ServeProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function serve(port: number): ServeProcess {
  // The demo at 2× speed, so the follower locks sooner; a real concert would use --stdin-pcm or --input mic.
  const p = spawnServe(['--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir, '--autostart', '--loop', '--speed', '2'], { TUTTI_CONDUCTOR_TOKEN: 'crash-test' });
  running.push(p);
  return p;
}

/** The last bar the recording shows: what the phones were last sent. */
function lastRecordedBar(sessionId: string): string | null {
  let bar: string | null = null;
  for (const line of readFileSync(join(dataDir, `${sessionId}.jsonl`), 'utf8').split('\n')) {
    if (!line.startsWith('{"offsetMs"')) continue;
    const { event } = JSON.parse(line) as { event: { type: string; tick?: PositionTick; jump?: { measure: string } } };
    if (event.type === 'position') bar = event.tick!.position.measure;
    if (event.type === 'jump') bar = event.jump!.measure;
  }
  return bar;
}

describe('crash and restart', () => {
  // Two cold starts of the real server (score, harmony, ONNX model) and a follower lock: minutes on a loaded box.
  it('resumes the same session; a reconnecting phone is on the right bar within 2 s of the restart listening', { timeout: 600_000 }, async () => {
    const port = await freePort();
    const first = serve(port);
    const startedAt = Date.now();
    await first.listening();
    console.log(`start-up (cold, this machine): ${Date.now() - startedAt} ms to the banner`);

    // A phone that reconnects by itself, quickly (the product's client backs off on its own schedule).
    const phone: Socket<AudienceServerToClient, AudienceClientToServer> = io(`http://127.0.0.1:${port}${NAMESPACES.audience}`, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    try {
      const hellos: { atMs: number; hello: Hello }[] = [];
      phone.on('hello', (hello) => hellos.push({ atMs: Date.now(), hello }));
      let ticks = 0;
      let sessionId: string | null = null;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no followed bar within 240 s:\n${first.output()}`)), 240_000);
        phone.on('position', (tick) => {
          sessionId = tick.sessionId;
          if (tick.position.state === 'following' && ++ticks >= 3) {
            clearTimeout(timer);
            resolve();
          }
        });
      });

      first.child.kill('SIGKILL');
      await first.exited;
      const barAtCrash = lastRecordedBar(sessionId!);
      expect(barAtCrash).not.toBeNull();

      const second = serve(port);
      const restartedAt = Date.now();
      await second.listening();
      const listeningAt = Date.now();
      console.log(`restart: ${listeningAt - restartedAt} ms to the banner`);
      expect(second.output()).toContain(`resumed session ${sessionId} at bar ${barAtCrash}: its recording had no end (a crash)`);

      const back = await new Promise<{ atMs: number; hello: Hello }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the phone got no hello from the restarted server within 30 s')), 30_000);
        const poll = setInterval(() => {
          const h = hellos.find((x) => x.atMs >= restartedAt);
          if (!h) return;
          clearInterval(poll);
          clearTimeout(timer);
          resolve(h);
        }, 10);
      });
      console.log(`phone back on bar ${back.hello.session.currentMeasure} ${back.atMs - listeningAt} ms after the restart listened`);
      expect(back.hello.session).toMatchObject({ state: 'live', sessionId });
      // The bar the recording left, or where the follower (told to look there first) has since moved on to.
      expect(Math.abs(Number(back.hello.session.currentMeasure) - Number(barAtCrash))).toBeLessThanOrEqual(2);
      expect(back.atMs - listeningAt).toBeLessThanOrEqual(2000);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      // The graceful stop ended the resumed session in the same file: one recording, with its end.
      const lines = readFileSync(join(dataDir, `${sessionId}.jsonl`), 'utf8').trim().split('\n');
      expect(lines.filter((l) => l.includes('"type":"header"'))).toHaveLength(1);
      expect(lines.at(-1)).toContain('"state":"ended"');
    } finally {
      phone.disconnect();
    }
  });
});
