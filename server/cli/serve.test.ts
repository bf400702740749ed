import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from './command.js';
import { main } from './main.js';
import { parseServeArgs } from './serve.js';

describe('parseServeArgs', () => {
  it('takes the fan-out role with a Redis URL from --redis or REDIS_URL, and refuses inputs for it', () => {
    expect(parseServeArgs(['--role', 'fanout', '--port', '0'], { REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ role: 'fanout', redisUrl: 'redis://127.0.0.1:6379', port: 0 });
    expect(parseServeArgs(['--redis', 'redis://127.0.0.1:7000'], {})).toMatchObject({ role: 'leader', redisUrl: 'redis://127.0.0.1:7000' });
    expect(() => parseServeArgs(['--role', 'fanout'], {})).toThrow(/--redis <url> or set REDIS_URL/);
    expect(() => parseServeArgs(['--role', 'fanout', '--autostart'], { REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/cannot take --autostart/);
    expect(() => parseServeArgs(['--role', 'boss'], {})).toThrow(/--role must be "leader" or "fanout"/);
  });

  it('defaults to PORT, else 3000, on all interfaces, recording under the tmp dir', () => {
    const demo = { role: 'leader', live: undefined, programme: { loop: false } };
    expect(parseServeArgs([], {})).toEqual({ port: 3000, host: '0.0.0.0', dataDir: join(tmpdir(), 'tutti', 'sessions'), autostart: false, ...demo });
    expect(parseServeArgs([], { PORT: '8080', HOST: '127.0.0.1', TUTTI_DATA_DIR: '/data' })).toEqual({ port: 8080, host: '127.0.0.1', dataDir: '/data', autostart: false, ...demo });
    expect(parseServeArgs(['--port', '0', '--host', '::1', '--data-dir', 'rec'], { PORT: '8080' })).toEqual({ port: 0, host: '::1', dataDir: 'rec', autostart: false, ...demo });
  });

  it('plays the demo programme without input options, or the programme given, looped with --loop', () => {
    expect(parseServeArgs(['--autostart', '--loop'], {})).toMatchObject({ autostart: true, live: undefined, programme: { loop: true } });
    expect(parseServeArgs(['--programme', 'p.yaml', '--speed', '2'], {}).programme).toEqual({ file: 'p.yaml', speed: 2, loop: false });
    expect(parseServeArgs(['--programme', 'p.yaml', '--stdin-pcm', '--rate', '44100'], {}).programme).toMatchObject({ file: 'p.yaml', stdin: { sampleRate: 44100 } });
    expect(parseServeArgs(['--programme', 'p.yaml', '--input', 'mic'], {}).programme).toEqual({ file: 'p.yaml', loop: false, mic: true });
    expect(() => parseServeArgs(['--programme', 'p.yaml', '--score', 's.mid', '--audio', 'a.wav'], {})).toThrow(/cannot be combined with --score or --audio/);
    expect(() => parseServeArgs(['--programme', ' '], {})).toThrow(/--programme needs a file/);
  });

  it('takes --autostart and the live-input options', () => {
    expect(parseServeArgs(['--autostart', '--score', 's.mid', '--audio', 'a.wav', '--loop'], {})).toMatchObject({ autostart: true, live: { loop: true } });
    expect(parseServeArgs(['--score', 's.mid', '--audio', 'a.wav', '--speed', '2'], {}).live).toMatchObject({ scorePath: 's.mid', audioPath: 'a.wav', speed: 2 });
    expect(() => parseServeArgs(['--score', 's.mid'], {})).toThrow(/--score needs its audio/);
  });

  it('takes --input mic (the conductor panel microphone), alone or with --score', () => {
    expect(parseServeArgs(['--input', 'mic'], {})).toMatchObject({ live: undefined, mic: { scorePath: undefined } });
    expect(parseServeArgs(['--input', 'mic', '--score', 's.mxl'], {}).mic).toEqual({ scorePath: 's.mxl' });
    expect(() => parseServeArgs(['--input', 'line'], {})).toThrow(/--input must be "mic"/);
    expect(() => parseServeArgs(['--input', 'mic', '--audio', 'a.wav'], {})).toThrow(/cannot be combined with --audio/);
  });

  it('rejects bad ports and unknown options with a usage error naming them', () => {
    expect(() => parseServeArgs(['--port', 'abc'], {})).toThrow(new UsageError('--port must be an integer 0..65535, got "abc"'));
    expect(() => parseServeArgs([], { PORT: '70000' })).toThrow(/PORT must be an integer/);
    expect(() => parseServeArgs(['--colour'], {})).toThrow(UsageError);
    expect(() => parseServeArgs(['extra'], {})).toThrow(UsageError);
  });

  it('exits 2 with the usage through the CLI entry', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await main(['serve', '--port', '-1'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/tutti serve: .*\n\nUsage: npm run tutti -- serve/s);
  });

  it('exits 1 naming the data dir when recordings cannot be stored there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tutti-serve-'));
    const notADir = join(dir, 'file');
    writeFileSync(notADir, '');
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await main(['serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', join(notADir, 'sessions')])).toBe(1);
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(errors.join('\n')).toContain(`tutti serve: cannot create the recordings directory ${join(notADir, 'sessions')}`);
  });
});
