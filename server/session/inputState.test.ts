import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../protocol/index.js';
import { SessionRecorder } from './recorder.js';
import { readRecording } from './recordings.js';
import { ConcertSession } from './session.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the live input state in the session', () => {
  it('is announced as a state event once per change while live, and recorded in the same file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tutti-input-'));
    dirs.push(dataDir);
    let t = 1000;
    const session = new ConcertSession({ now: () => t });
    const recorder = new SessionRecorder(session, { dataDir, now: () => t });
    const events: SessionEvent[] = [];
    session.subscribe((e) => events.push(e));
    session.setInputState('no input'); // not live: ignored
    const live = await session.start();
    t += 100;
    session.setInputState('receiving');
    session.setInputState('receiving');
    t += 2000;
    session.setInputState('no input', 'no audio for 0.5 s from stdin');
    t += 500;
    session.setInputState('input ended', 'stdin ended');
    await session.stop();
    recorder.close();

    const states = events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? [e.session.state, e.session.input ?? null] : []));
    expect(states).toEqual([
      ['live', null],
      ['live', { state: 'receiving', sinceMs: 1100, detail: null }],
      ['live', { state: 'no input', sinceMs: 3100, detail: 'no audio for 0.5 s from stdin' }],
      ['live', { state: 'input ended', sinceMs: 3600, detail: 'stdin ended' }],
      ['ended', { state: 'input ended', sinceMs: 3600, detail: 'stdin ended' }],
    ]);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.jsonl'))).toEqual([`${live.sessionId}.jsonl`]);
    const recorded = (await readRecording(dataDir, live.sessionId!)).events.filter((e) => e.event.type === 'state');
    expect(recorded).toHaveLength(5);
  });
});
