/**
 * The browser microphone over /conductor, against a real server with real socket.io clients: PCM
 * chunks sent by a conductor come out of the BrowserMicInput exactly, bad payloads are refused to
 * their sender, one microphone at a time, and a dropped connection pauses the input.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MIC_UNAVAILABLE } from '../../server/http/microphone.js';
import { BrowserMicInput } from '../../server/live/browserMicInput.js';
import type { PcmChunk } from '../../server/pipeline.js';
import type { CommandResult, Hello, MicChunk, MicError, MicResult, MicStatus } from '../../server/protocol/index.js';
import type { PositionSource } from '../../server/session/index.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, eventMatching, nextEvent, type ConductorClient } from '../support/sockets.js';

let server: TestServer | undefined;
afterEach(async () => {
  closeAllClients();
  await server?.dispose();
  server = undefined;
});

/** Collects what the input delivers, as the follower would, while a session is live. */
function collectingSource(mic: BrowserMicInput, got: PcmChunk[]): PositionSource {
  return { start: () => mic.start((c) => got.push(c), () => undefined), stop: () => mic.stop() };
}

async function conductor(url: string, token: string): Promise<{ socket: ConductorClient; status: MicStatus }> {
  const socket = conductorClient(url, token);
  const hello = nextEvent<Hello>(socket, 'hello');
  const status = nextEvent<MicStatus>(socket, 'mic');
  await hello;
  return { socket, status: await status };
}

const claim = (socket: ConductorClient, deviceLabel?: string) => socket.timeout(5000).emitWithAck('micStart', { deviceLabel }) as Promise<MicResult>;
const command = (socket: ConductorClient, type: 'start' | 'stop') => socket.timeout(5000).emitWithAck('command', { type }) as Promise<CommandResult>;

/** A deterministic test signal: a sine with some noise, in [-1, 1). */
function signal(frames: number, channels: number, seed: number): Float32Array {
  const out = new Float32Array(frames * channels);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = 0.5 * Math.sin(i / 7) + 0.25 * (x / 2147483648 - 0.5);
  }
  return out;
}

function toS16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (v) => Math.round(v * 32767));
}

async function delivered(got: PcmChunk[], samples: number, timeoutMs = 5000): Promise<Float32Array> {
  const deadline = Date.now() + timeoutMs;
  const total = () => got.reduce((n, c) => n + c.samples.length, 0);
  while (total() < samples) {
    if (Date.now() > deadline) throw new Error(`the input delivered ${total()} of ${samples} samples within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const all = new Float32Array(total());
  let at = 0;
  for (const c of got) {
    all.set(c.samples, at);
    at += c.samples.length;
  }
  return all;
}

describe('browser microphone on /conductor', () => {
  it('delivers exactly the samples a conductor sends while a session is live (f32 and s16)', async () => {
    const mic = new BrowserMicInput();
    const got: PcmChunk[] = [];
    server = await startTestServer({ micInput: mic, positionSource: collectingSource(mic, got) });
    const { socket, status } = await conductor(server.url, server.token);
    expect(status).toEqual({ available: true, active: false, yours: false, listening: false, sampleRate: null, channels: null, note: null });

    const claimed = await claim(socket, 'Test mic');
    expect(claimed).toMatchObject({ ok: true, status: { active: true, yours: true, listening: false } });
    const listening = eventMatching<MicStatus>(socket, 'mic', (s) => s.listening);
    expect((await command(socket, 'start')).ok).toBe(true);
    expect(await listening).toMatchObject({ yours: true, listening: true });

    // Stereo f32 in chunks of 20, 50 and 1 ms at 48 kHz.
    const stereo = signal(48 * 71, 2, 1);
    let frame = 0;
    for (const frames of [960, 2400, 48]) {
      const data = stereo.slice(frame * 2, (frame + frames) * 2).buffer;
      socket.emit('micChunk', { sampleRate: 48000, channels: 2, encoding: 'f32', data });
      frame += frames;
    }
    const f32 = await delivered(got, stereo.length);
    expect(f32).toEqual(stereo);
    expect(got.map((c) => [c.sampleRate, c.channels, c.samples.length])).toEqual([
      [48000, 2, 1920],
      [48000, 2, 4800],
      [48000, 2, 96],
    ]);

    // A new session may use another format: mono s16 at 16 kHz, decoded as s/32768.
    expect((await command(socket, 'stop')).ok).toBe(true);
    expect((await command(socket, 'start')).ok).toBe(true);
    got.length = 0;
    const mono = toS16(signal(1600, 1, 2));
    for (let at = 0; at < mono.length; at += 320) {
      socket.emit('micChunk', { sampleRate: 16000, channels: 1, encoding: 's16', data: mono.slice(at, at + 320).buffer });
    }
    const s16 = await delivered(got, mono.length);
    expect(s16).toEqual(Float32Array.from(mono, (v) => v / 32768));
    expect(mic.stats.chunksRejected).toBe(0);
  });

  it('refuses bad payloads to their sender with a clear error and delivers nothing of them', async () => {
    const mic = new BrowserMicInput();
    const got: PcmChunk[] = [];
    server = await startTestServer({ micInput: mic, positionSource: collectingSource(mic, got) });
    const { socket } = await conductor(server.url, server.token);
    const other = await conductor(server.url, server.token);
    await command(socket, 'start');

    const before = nextEvent<MicError>(socket, 'micError');
    socket.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: new Int16Array(480).buffer });
    expect((await before).error).toBe('claim the microphone (micStart) before sending audio');
    expect((await claim(socket)).ok).toBe(true);

    const bad: [unknown, string][] = [
      [{ sampleRate: 4000, channels: 1, encoding: 's16', data: new Int16Array(40).buffer }, 'microphone chunk: sampleRate must be an integer from 8000 to 192000 Hz, got 4000'],
      [{ sampleRate: 48000, channels: 6, encoding: 's16', data: new Int16Array(60).buffer }, 'microphone chunk: channels must be 1 or 2, got 6'],
      [{ sampleRate: 48000, channels: 1, encoding: 'mp3', data: new Int16Array(60).buffer }, 'microphone chunk: encoding must be "f32" or "s16", got "mp3"'],
      [{ sampleRate: 48000, channels: 1, encoding: 'f32', data: [0.5, 0.25] }, 'microphone chunk: data must be binary (an ArrayBuffer or typed array), not JSON'],
      [{ sampleRate: 48000, channels: 1, encoding: 'f32', data: new Float32Array([0.5, Number.NaN]).buffer }, 'microphone chunk: sample 1 is not finite (NaN)'],
      [{ sampleRate: 8000, channels: 1, encoding: 's16', data: new Int16Array(2001).buffer }, 'microphone chunk: at most 250 ms (2000 frames at 8000 Hz) per chunk, got 2001 frames'],
      ['not an object', 'microphone chunk must be an object { sampleRate, channels, encoding, data }'],
    ];
    for (const [payload, error] of bad) {
      const refused = nextEvent<MicError>(socket, 'micError');
      socket.emit('micChunk', payload as MicChunk);
      expect((await refused).error).toBe(error);
    }
    // The other conductor's chunks are refused too; the audience namespace cannot send audio at all.
    const otherRefused = nextEvent<MicError>(other.socket, 'micError');
    other.socket.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: new Int16Array(48).buffer });
    expect((await otherRefused).error).toBe("another conductor's microphone is the input: this chunk was dropped");
    const audience = audienceClient(server.url);
    await nextEvent<Hello>(audience, 'hello');
    (audience as unknown as ConductorClient).emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: new Int16Array(48).buffer });

    // A good chunk after all that still goes through, alone.
    socket.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: new Int16Array([16384, -16384]).buffer });
    expect(Array.from(await delivered(got, 2))).toEqual([0.5, -0.5]);
    await command(socket, 'stop'); // a round trip: the audience's emit has been read by now
    expect(got).toHaveLength(1);
    expect(mic.stats.chunksRejected).toBe(bad.length + 2);
  });

  it('allows one microphone at a time; a dropped connection pauses the input until another claims it', async () => {
    const mic = new BrowserMicInput();
    const got: PcmChunk[] = [];
    server = await startTestServer({ micInput: mic, positionSource: collectingSource(mic, got) });
    const first = await conductor(server.url, server.token);
    const second = await conductor(server.url, server.token);
    await command(first.socket, 'start');

    const secondSeesActive = eventMatching<MicStatus>(second.socket, 'mic', (s) => s.active);
    expect((await claim(first.socket, 'Stage mic')).ok).toBe(true);
    expect(await secondSeesActive).toMatchObject({ active: true, yours: false, listening: true });
    expect(await claim(second.socket)).toEqual({
      ok: false,
      error: "another conductor's microphone (Stage mic) is already the input: stop it on that panel first (only one microphone at a time)",
    });
    first.socket.emit('micChunk', { sampleRate: 44100, channels: 1, encoding: 's16', data: new Int16Array([8192]).buffer });
    await delivered(got, 1);

    const paused = eventMatching<MicStatus>(second.socket, 'mic', (s) => !s.active);
    first.socket.disconnect();
    expect(await paused).toMatchObject({ active: false, listening: true, note: "the conductor's connection dropped (client namespace disconnect)" });
    expect(server.session.snapshot().state).toBe('live'); // paused, not ended

    expect(await claim(second.socket)).toMatchObject({ ok: true, status: { yours: true } });
    second.socket.emit('micChunk', { sampleRate: 44100, channels: 1, encoding: 's16', data: new Int16Array([-8192]).buffer });
    expect(Array.from(await delivered(got, 2))).toEqual([0.25, -0.25]);

    const released = eventMatching<MicStatus>(second.socket, 'mic', (s) => !s.active);
    second.socket.emit('micStop');
    expect((await released).note).toBe('the conductor stopped the microphone');
  });

  it('says so when the server does not listen to a browser microphone', async () => {
    server = await startTestServer();
    const { socket, status } = await conductor(server.url, server.token);
    expect(status).toMatchObject({ available: false, active: false, note: MIC_UNAVAILABLE });
    expect(await claim(socket)).toEqual({ ok: false, error: MIC_UNAVAILABLE });
    const refused = nextEvent<MicError>(socket, 'micError');
    socket.emit('micChunk', { sampleRate: 48000, channels: 1, encoding: 's16', data: new Int16Array(48).buffer });
    expect((await refused).error).toBe(MIC_UNAVAILABLE);
  });
});
