import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { choraleEnrichment, positionInMeasure } from '../../test/support/enrichmentFixture.js';
import { EnrichmentFeed } from '../enrichment/feed.js';
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
    expect(rec.info).toEqual({ id: live.sessionId, title: 'Test concert', startedAtMs: 10_000, durationMs: 1000, eventCount: 4, piece: null });
    expect(rec.header).toMatchObject({ formatVersion: 3, protocolVersion: 2, piece: null });
    expect(rec.events.map((e) => [e.offsetMs, e.event.type])).toEqual([
      [0, 'state'],
      [250, 'position'],
      [500, 'jump'],
      [1000, 'state'],
    ]);
    expect(await listRecordings(dataDir)).toEqual([rec.info]);
    recorder.close();
  });

  it('records the piece and the enrichment the phones were sent, each right after the position that caused it', async () => {
    const chorale = await choraleEnrichment();
    const dataDir = tempDir();
    let t = 50_000;
    let sink: PositionSink | undefined;
    const session = new ConcertSession({ now: () => t, source: { start: (s) => void (sink = s), stop: () => undefined } });
    const recorder = new SessionRecorder(session, { dataDir, now: () => t });
    const feed = new EnrichmentFeed(session, chorale.table);
    recorder.recordEnrichment(feed);

    const live = await session.start('Chorale');
    t += 100;
    sink!.position(positionInMeasure(chorale.score, 1));
    t += 100;
    sink!.position(positionInMeasure(chorale.score, 1)); // same bar: no new enrichment
    t += 100;
    sink!.position(positionInMeasure(chorale.score, 4));
    t += 100;
    session.jump('3');
    t += 100;
    await session.stop();
    feed.close();
    recorder.close();

    const rec = await readRecording(dataDir, live.sessionId!);
    expect(rec.header.piece).toEqual(chorale.table.piece);
    expect(rec.info.piece).toEqual(chorale.table.piece);
    expect(rec.events.map((e) => [e.offsetMs, e.event.type])).toEqual([
      [0, 'state'],
      [100, 'position'],
      [100, 'enrichment'],
      [200, 'position'],
      [300, 'position'],
      [300, 'enrichment'],
      [400, 'jump'],
      [400, 'enrichment'],
      [500, 'state'],
    ]);
    const enrichments = rec.events.flatMap((e) => (e.event.type === 'enrichment' ? [e.event.enrichment] : []));
    expect(enrichments).toEqual([1, 4, 2].map((i) => ({ sessionId: live.sessionId, measure: chorale.table.measures[i], searching: false })));
    expect(enrichments[0].measure.note?.text).toContain('first line of the hymn');
  });

  it('reads a format-1 recording (no piece, no enrichment) and rejects a newer format or a broken enrichment line by file and line', async () => {
    const dataDir = tempDir();
    const v1 = JSON.stringify({ type: 'header', format: 'tutti-session', protocolVersion: 1, sessionId: 'old', title: 'Old', startedAtMs: 7 });
    writeFileSync(join(dataDir, 'old.jsonl'), `${v1}\n{"offsetMs":0,"event":{"type":"jump","jump":{"sessionId":"old","measure":"4"}}}\n`);
    const old = await readRecording(dataDir, 'old');
    expect(old.header).toMatchObject({ formatVersion: 1, piece: null });
    expect(old.info).toEqual({ id: 'old', title: 'Old', startedAtMs: 7, durationMs: 0, eventCount: 1, piece: null });

    const v4 = JSON.stringify({ type: 'header', format: 'tutti-session', formatVersion: 4, protocolVersion: 3, sessionId: 'new', title: null, startedAtMs: 1 });
    writeFileSync(join(dataDir, 'new.jsonl'), `${v4}\n`);
    await expect(readRecording(dataDir, 'new')).rejects.toThrow(`${join(dataDir, 'new.jsonl')}:1: recording format 4 is newer than this Tutti reads (up to 3)`);

    const v2 = JSON.stringify({ type: 'header', format: 'tutti-session', formatVersion: 2, protocolVersion: 1, sessionId: 'bad2', title: null, startedAtMs: 1, piece: null });
    const enrichment = { sessionId: 'bad2', searching: false, measure: { measureIndex: 0, measure: '1', tutti: false, instruments: [], harmony: [], note: { from: '1', to: '2' } } };
    writeFileSync(join(dataDir, 'bad2.jsonl'), `${v2}\n\n${JSON.stringify({ offsetMs: 3, event: { type: 'enrichment', enrichment } })}\n`);
    await expect(readRecording(dataDir, 'bad2')).rejects.toThrow(`${join(dataDir, 'bad2.jsonl')}:3: field "event.enrichment.measure.note" must be null or { from, to, text }`);

    writeFileSync(join(dataDir, 'piece.jsonl'), JSON.stringify({ ...JSON.parse(v2), sessionId: 'piece', piece: { title: 'T' } }) + '\n');
    await expect(readRecording(dataDir, 'piece')).rejects.toThrow(`${join(dataDir, 'piece.jsonl')}:1: header field "piece" must be null or`);
  });

  it('reads the ticks of a protocol-1 recording as follower ticks numbered in order, timed from the session start', async () => {
    const dataDir = tempDir();
    const v2 = JSON.stringify({ type: 'header', format: 'tutti-session', formatVersion: 2, protocolVersion: 1, sessionId: 'p1', title: null, startedAtMs: 5000, piece: null });
    const at = (measure: string) => ({ reportSec: 1, scoreSec: 1, scoreBeat: 1, measure, beatInMeasure: 1, tempoBpm: 90, confidence: 0.5, state: 'following' });
    const lines = [
      v2,
      JSON.stringify({ offsetMs: 0, event: { type: 'state', session: { state: 'live', sessionId: 'p1', title: null, startedAtMs: 5000, endedAtMs: null, position: null, currentMeasure: null } } }),
      JSON.stringify({ offsetMs: 100, event: { type: 'position', tick: { sessionId: 'p1', position: at('3') } } }),
      JSON.stringify({ offsetMs: 250, event: { type: 'position', tick: { sessionId: 'p1', position: at('4') } } }),
    ];
    writeFileSync(join(dataDir, 'p1.jsonl'), lines.join('\n') + '\n');
    const rec = await readRecording(dataDir, 'p1');
    expect(rec.events.flatMap((e) => (e.event.type === 'position' ? [e.event.tick] : []))).toEqual([
      { sessionId: 'p1', seq: 1, serverTimeMs: 5100, source: 'follower', position: at('3') },
      { sessionId: 'p1', seq: 2, serverTimeMs: 5250, source: 'follower', position: at('4') },
    ]);
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
