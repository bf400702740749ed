import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PositionSink } from './positionSource.js';
import { SessionRecorder } from './recorder.js';
import { INDEX_FILE, RecordingIndex } from './recordingIndex.js';
import { readRecording } from './recordings.js';
import { ConcertSession } from './session.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tutti-index-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const POSITION = { reportSec: 0.25, scoreSec: 0.3, scoreBeat: 0.5, measure: '1', beatInMeasure: 1.5, tempoBpm: 100, confidence: 0.8, state: 'following' } as const;

/** Records `count` sessions of three events each, one minute apart, through the real recorder into the index. */
async function recordSessions(dataDir: string, count: number, index: RecordingIndex): Promise<string[]> {
  let t = 1_000_000;
  let sink: PositionSink | undefined;
  const session = new ConcertSession({ now: () => t, source: { start: (s) => void (sink = s), stop: () => undefined } });
  const recorder = new SessionRecorder(session, { dataDir, now: () => t, onProgress: (e) => index.update(e) });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const live = await session.start(`Concert ${i}`);
    ids.push(live.sessionId!);
    t += 1500;
    sink!.position({ ...POSITION });
    t += 500;
    await session.stop();
    t += 60_000;
  }
  recorder.close();
  return ids;
}

describe('RecordingIndex', () => {
  it('lists what the recorder wrote, newest first, in pages, with the same info a full read gives', async () => {
    const dataDir = tempDir();
    const index = await RecordingIndex.open(dataDir, { saveDelayMs: 10 });
    const ids = await recordSessions(dataDir, 5, index);
    const first = index.page(0, 2);
    expect(first.total).toBe(5);
    expect(first.nextOffset).toBe(2);
    expect(first.recordings.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(index.page(4, 2)).toMatchObject({ nextOffset: null, recordings: [{ id: ids[0] }] });
    expect(index.page(0, 1000).recordings).toHaveLength(5); // capped at 100, here all
    for (const id of ids) expect(index.page(0, 100).recordings.find((r) => r.id === id)).toEqual((await readRecording(dataDir, id)).info);
    await index.flush();
    expect(JSON.parse(readFileSync(join(dataDir, INDEX_FILE), 'utf8')).recordings).toHaveLength(5);
  });

  it('reopens from index.json without reading unchanged recordings, and reads again only the ones whose size changed', async () => {
    const dataDir = tempDir();
    const index = await RecordingIndex.open(dataDir, { saveDelayMs: 10 });
    const [a, b, c] = await recordSessions(dataDir, 3, index);
    await index.flush();
    // Same size, unreadable content: had the index read it, it would drop it as damaged.
    const fileA = join(dataDir, `${a}.jsonl`);
    writeFileSync(fileA, 'x'.repeat(statSync(fileA).size));
    // b grew after the index was written (a crash before its end was indexed): read again.
    appendFileSync(join(dataDir, `${b}.jsonl`), JSON.stringify({ offsetMs: 9000, event: { type: 'jump', jump: { sessionId: b, measure: '7' } } }) + '\n');
    rmSync(join(dataDir, `${c}.jsonl`));
    const log: string[] = [];
    const reopened = await RecordingIndex.open(dataDir, { log: (l) => log.push(l) });
    const listed = reopened.page().recordings;
    expect(listed.map((r) => r.id)).toEqual([b, a]);
    expect(listed[0]).toMatchObject({ durationMs: 9000, eventCount: 4 });
    expect(log).toEqual([]);
  });

  it('rebuilds a damaged index from the recordings, leaving out (and naming) a damaged recording', async () => {
    const dataDir = tempDir();
    const index = await RecordingIndex.open(dataDir, { saveDelayMs: 10 });
    const [a] = await recordSessions(dataDir, 1, index);
    await index.flush();
    writeFileSync(join(dataDir, INDEX_FILE), '{"format":"tutti-rec');
    writeFileSync(join(dataDir, 'broken.jsonl'), 'not json\n');
    const log: string[] = [];
    const rebuilt = await RecordingIndex.open(dataDir, { log: (l) => log.push(l) });
    expect(rebuilt.page().recordings.map((r) => r.id)).toEqual([a]);
    expect(log[0]).toMatch(/index\.json is damaged .*rebuilding it/);
    expect(log[1]).toMatch(/^replay: skipped .*broken\.jsonl:1: /);
  });
});
