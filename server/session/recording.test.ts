import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../protocol/index.js';
import { RecordingError } from './errors.js';
import type { PositionSink } from './positionSource.js';
import { SessionRecorder } from './recorder.js';
import { listRecordings, readRecording } from './recordings.js';
import { playRecording } from './replayer.js';
import { ConcertSession } from './session.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tutti-rec-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SessionRecorder + recordings', () => {
  it('writes a session to JSONL and reads it back identically', async () => {
    const dataDir = tempDir();
    let t = 10_000;
    let sink: PositionSink | undefined;
    const session = new ConcertSession({ now: () => t, source: { start: (s) => void (sink = s), stop: () => undefined } });
    const recorder = new SessionRecorder(session, { dataDir, now: () => t });

    const live = await session.start('Test concert');
    t += 250;
    sink!.position({ reportSec: 0.25, scoreSec: 0.3, scoreBeat: 0.5, measure: '1', beatInMeasure: 1.5, tempoBpm: 100, confidence: 0.8, state: 'following' });
    t += 250;
    session.jump('5');
    t += 500;
    await session.stop();

    const text = readFileSync(join(dataDir, `${live.sessionId}.jsonl`), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(5); // header + 4 events
    const rec = await readRecording(dataDir, live.sessionId!);
    expect(rec.info).toEqual({ id: live.sessionId, title: 'Test concert', startedAtMs: 10_000, durationMs: 1000, eventCount: 4 });
    expect(rec.events.map((e) => [e.offsetMs, e.event.type])).toEqual([
      [0, 'state'],
      [250, 'position'],
      [500, 'jump'],
      [1000, 'state'],
    ]);
    expect(await listRecordings(dataDir)).toEqual([rec.info]);
    recorder.close();
  });

  it('names the file and line of a damaged recording, and listing skips it', async () => {
    const dataDir = tempDir();
    const header = JSON.stringify({ type: 'header', format: 'tutti-session', protocolVersion: 1, sessionId: 'bad', title: null, startedAtMs: 1 });
    writeFileSync(join(dataDir, 'bad.jsonl'), `${header}\n{"offsetMs":0,"event":{"type":"state"}}\n{"offsetMs":5,"event":{"type":"nope"}}\n`);
    writeFileSync(join(dataDir, 'junk.jsonl'), 'not json\n');
    await expect(readRecording(dataDir, 'bad')).rejects.toThrow(`${join(dataDir, 'bad.jsonl')}:3: field "event.type" must be one of`);
    await expect(readRecording(dataDir, 'junk')).rejects.toThrow(`${join(dataDir, 'junk.jsonl')}:1: invalid JSON`);
    await expect(readRecording(dataDir, 'missing')).rejects.toThrow(/missing\.jsonl: no such recording/);
    await expect(readRecording(dataDir, '../etc/passwd')).rejects.toThrow(RecordingError);
    const skipped: string[] = [];
    expect(await listRecordings(dataDir, (e) => skipped.push(e.message))).toEqual([]);
    expect(skipped).toHaveLength(2);
    expect(await listRecordings(join(dataDir, 'does-not-exist'))).toEqual([]);
  });

  it('replays events in order, paced by their offsets and the speed', async () => {
    const events: RecordedEvent[] = [0, 40, 80, 400].map((offsetMs) => ({ offsetMs, event: { type: 'audience', audience: { count: offsetMs } } }));
    const recording = { info: { id: 'r', title: null, startedAtMs: 0, durationMs: 400, eventCount: 4 }, header: {} as never, events };
    const seen: number[] = [];
    const t0 = Date.now();
    const reason = await new Promise((done) => playRecording(recording, 4, { onEvent: (e) => seen.push(e.offsetMs), onEnd: done }));
    expect(reason).toBe('finished');
    expect(seen).toEqual([0, 40, 80, 400]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95); // 400 ms at 4× is 100 ms, give or take a timer tick

    const partial: number[] = [];
    const stopped = await new Promise((done) => {
      const handle = playRecording(recording, 1, { onEvent: (e) => { partial.push(e.offsetMs); if (e.offsetMs === 40) handle.stop(); }, onEnd: done });
    });
    expect(stopped).toBe('stopped');
    expect(partial).toEqual([0, 40]);
  });
});
