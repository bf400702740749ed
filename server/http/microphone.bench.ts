/**
 * How much the browser-microphone path costs: a real server and a real socket.io client in this
 * process; the client sends `--seconds` of audio in 40-ms chunks as fast as the socket takes them,
 * the BrowserMicInput decodes and delivers them. Prints wall time and CPU (client and server together).
 *
 *   npx tsx server/http/microphone.bench.ts [--seconds 60]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { BrowserMicInput } from '../live/browserMicInput.js';
import { NAMESPACES, type MicChunk, type MicResult } from '../protocol/index.js';
import { startTuttiServer } from './server.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got "${values.seconds}"`);

const formats: readonly { name: string; sampleRate: number; channels: number; encoding: MicChunk['encoding'] }[] = [
  { name: '48 kHz mono s16 (what the panel sends)', sampleRate: 48000, channels: 1, encoding: 's16' },
  { name: '48 kHz stereo f32', sampleRate: 48000, channels: 2, encoding: 'f32' },
];

const dataDir = mkdtempSync(join(tmpdir(), 'tutti-mic-bench-'));
const mic = new BrowserMicInput();
const server = await startTuttiServer({ port: 0, host: '127.0.0.1', dataDir, conductorToken: 'bench', micInput: mic });
try {
  const socket = io(server.url + NAMESPACES.conductor, { transports: ['websocket'], auth: { token: 'bench' } });
  const claimed = (await socket.timeout(5000).emitWithAck('micStart', {})) as MicResult;
  if (!claimed.ok) throw new Error(claimed.error);

  for (const format of formats) {
    const frames = Math.round(0.04 * format.sampleRate);
    const bytes = frames * format.channels * (format.encoding === 's16' ? 2 : 4);
    const chunks = Math.round(seconds / 0.04);
    const data = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) data[i] = (i * 37) & 0x3f; // small, finite values in either encoding
    let delivered = 0;
    const done = new Promise<void>((resolve) => {
      mic.start(() => {
        if (++delivered === chunks) resolve();
      }, () => undefined);
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < chunks; i++) socket.emit('micChunk', { ...format, data: data.slice().buffer });
    await done;
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    mic.stop();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `${format.name}: ${seconds} s of audio (${chunks} chunks of ${bytes} bytes, ${((bytes * chunks) / seconds / 1000).toFixed(0)} kB/s) ` +
        `in ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU = ${((cpuMs / (seconds * 1000)) * 100).toFixed(2)} % of one core per real-time stream`,
    );
  }
  socket.disconnect();
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
