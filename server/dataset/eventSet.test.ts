/** The event set end to end through the CLI: two short pieces (from the start after silence; mid-movement after noise). */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrchestralSetCommand } from '../cli/makeOrchestralSet.js';
import { listPieces } from '../eval/dataset.js';
import { loadScore } from '../score/load.js';
import { parseEvents, readEvents, type EventsFile } from './eventsFile.js';
import { parseGroundTruth } from './groundTruth.js';
import { readWav16 } from './wav.js';

describe('make-orchestral-set --events (two 8-s pieces)', () => {
  let out = '';
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'tutti-event-set-test-'));
    expect(await makeOrchestralSetCommand.run(['--out', out, '--pieces', '2', '--seconds', '8', '--seed', '5', '--events'])).toBe(0);
  });
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes audio, the whole movement, ground truth in its time and the events, readable by eval', async () => {
    const pieces = await listPieces(out);
    expect(pieces.map((p) => p.name)).toEqual(['01-bach-brandenburg4-mvt1', '02-beethoven-symphony1-mvt1']);
    const doc = await readFile(join(out, 'SOURCE.md'), 'utf8');
    expect(doc).toContain('--events');
    expect(doc).toContain('| 02-beethoven-symphony1-mvt1 | mid-start | noise | tune |');
    for (const p of pieces) {
      expect((await readdir(join(out, p.name))).sort()).toEqual([`${p.name}.events.json`, `${p.name}.mxl`, `${p.name}.txt`, `${p.name}.wav`]);
      expect(p.scorePath.endsWith('.mxl')).toBe(true);
      const events = (await readEvents(p.eventsPath)) as EventsFile;
      const rows = parseGroundTruth(await readFile(p.truthPath, 'utf8'), p.truthPath);
      const score = await loadScore(p.scorePath);
      // Every row is a note of the whole movement, at its time there.
      const notes = new Set(score.notes.map((n) => `${Math.round(n.onsetSec * 1000)}:${n.pitch}`));
      for (const r of rows) expect(notes.has(`${r.scoreMs}:${r.pitch}`)).toBe(true);
      // Every row lies in a segment, audio and score; nothing before the lead-in ends.
      for (const r of rows) {
        const seg = events.segments.find((s) => r.audioMs >= s.audioStartMs - 1 && r.audioMs <= s.audioEndMs + 1);
        expect(seg).toBeDefined();
        expect(r.scoreMs).toBeGreaterThanOrEqual(seg!.scoreStartMs - 1);
        expect(r.scoreMs).toBeLessThanOrEqual(seg!.scoreEndMs + 1);
      }
      expect(Math.min(...rows.map((r) => r.audioMs))).toBeGreaterThanOrEqual(events.leadIn.sec * 1000 - 60);
      const wav = readWav16(new Uint8Array(await readFile(p.audioPath)), p.audioPath);
      expect(wav.samples.length / wav.sampleRate).toBeGreaterThan(events.segments[events.segments.length - 1]!.audioEndMs / 1000);
    }
    const mid = (await readEvents(pieces[1]!.eventsPath))!;
    expect(mid.kind).toBe('mid-start');
    expect(mid.leadIn.kind).toBe('noise');
    expect(mid.leadIn.sec).toBeGreaterThanOrEqual(5);
    expect(mid.segments[0]!.scoreStartMs).toBeGreaterThan(10_000);
  });
});

describe('events file', () => {
  const good = { format: 'tutti-events', version: 1, kind: 'restart-back', split: 'test', leadIn: { kind: 'noise', sec: 3, levelDb: -20 }, segments: [{ audioStartMs: 3000, audioEndMs: 9000, scoreStartMs: 0, scoreEndMs: 6000, restart: false, bars: 'm1-4' }] };
  it('reads a good file and names the file and field of a bad one', () => {
    expect(parseEvents(JSON.stringify(good), 'a.events.json').split).toBe('test');
    expect(() => parseEvents('{', 'a.events.json')).toThrow(/a\.events\.json: not JSON/);
    expect(() => parseEvents(JSON.stringify({ ...good, split: 'train' }), 'b.events.json')).toThrow(/b\.events\.json: split/);
    const bad = { ...good, segments: [{ ...good.segments[0], audioEndMs: 1000 }] };
    expect(() => parseEvents(JSON.stringify(bad), 'c.events.json')).toThrow(/c\.events\.json: segments\.0: audioEndMs/);
    expect(() => parseEvents(JSON.stringify({ ...good, extra: 1 }), 'd.events.json')).toThrow(/d\.events\.json/);
  });
});
