import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrchestralSetCommand } from '../cli/makeOrchestralSet.js';
import { UsageError, UserError } from '../cli/command.js';
import { loadScore } from '../score/load.js';
import { parseGroundTruth, type GroundTruthRow } from './groundTruth.js';
import { piecesFromStart } from './set.js';
import { readWav16, type WavInfo } from './wav.js';

/** One short piece end to end, through the CLI command: excerpt, performance, fluidsynth, sox, noise, files. */
describe('make-orchestral-set (one 8-s piece)', () => {
  let out = '';
  let id = '';
  let wav: WavInfo;
  let rows: GroundTruthRow[];
  let txt = '';

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'tutti-orchestral-test-'));
    const code = await makeOrchestralSetCommand.run(['--out', out, '--pieces', '1', '--seconds', '8', '--seed', '7']);
    expect(code).toBe(0);
    [id] = (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    wav = readWav16(new Uint8Array(await readFile(join(out, id, `${id}.wav`))), `${id}.wav`);
    txt = await readFile(join(out, id, `${id}.txt`), 'utf8');
    rows = parseGroundTruth(txt, `${id}.txt`);
  });

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('writes the Bach10 layout with a SOURCE.md naming seed and licences', async () => {
    expect(id).toBe('01-bach-brandenburg4-mvt1');
    expect((await readdir(join(out, id))).sort()).toEqual([`${id}.mid`, `${id}.txt`, `${id}.wav`]);
    const doc = await readFile(join(out, 'SOURCE.md'), 'utf8');
    expect(doc).toContain('--seed 7');
    expect(doc).toContain('CC0');
    expect(doc).toContain('MIT licence');
  });

  it('writes ground truth as tab-separated integers with CRLF, sorted by audio and by score time', () => {
    expect(txt.endsWith('\r\n')).toBe(true);
    expect(txt.split('\r\n').slice(0, -1).every((l) => /^\d+\t\d+\t\d+\t\d+$/.test(l))).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].audioMs).toBeGreaterThanOrEqual(rows[i - 1].audioMs);
      expect(rows[i].scoreMs).toBeGreaterThanOrEqual(rows[i - 1].scoreMs);
    }
  });

  it('has one ground-truth row per score-MIDI note (score ms, pitch, part = track)', async () => {
    const score = await loadScore(join(out, id, `${id}.mid`));
    const fromMidi = score.notes.map((n) => `${Math.round(n.onsetSec * 1000)}:${n.pitch}:${n.partId}`).sort();
    const fromTxt = rows.map((r) => `${r.scoreMs}:${r.pitch}:P${r.part}`).sort();
    expect(fromTxt).toEqual(fromMidi);
    // About 8 s of score (whole measures).
    expect(Math.max(...score.notes.map((n) => n.onsetSec))).toBeGreaterThan(6);
  });

  it('renders 44.1-kHz mono 16-bit audio that lasts the performance plus a tail', () => {
    expect(wav.sampleRate).toBe(44100);
    expect(wav.channels).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    const seconds = wav.samples.length / wav.sampleRate;
    const lastOnset = rows[rows.length - 1].audioMs / 1000;
    expect(seconds).toBeGreaterThan(lastOnset + 1);
    expect(seconds).toBeLessThan(lastOnset + 8);
  });

  it('has music at the ground-truth onsets, well above the noise of the lead-in', () => {
    const rmsAt = (from: number, to: number): number => {
      const a = Math.max(0, Math.round(from * wav.sampleRate));
      const b = Math.min(wav.samples.length, Math.round(to * wav.sampleRate));
      let sum = 0;
      for (let i = a; i < b; i++) sum += wav.samples[i] ** 2;
      return Math.sqrt(sum / Math.max(1, b - a));
    };
    const first = rows[0].audioMs / 1000;
    expect(first).toBeGreaterThanOrEqual(0.3); // a lead-in of hall noise before the music
    // The quietest 50-ms stretch of the lead-in: audience noise without a cough.
    let floor = Infinity;
    for (let t = 0; t + 0.05 <= first - 0.02; t += 0.025) floor = Math.min(floor, rmsAt(t, t + 0.05));
    const onsets = [...new Set(rows.map((r) => r.audioMs))].map((ms) => ms / 1000);
    const loud = onsets.filter((t) => rmsAt(t, t + 0.15) > 4 * floor);
    expect(loud.length / onsets.length).toBeGreaterThan(0.95);
    // The first onset is where the music starts: clearly louder just after it than just before.
    expect(rmsAt(first + 0.01, first + 0.1)).toBeGreaterThan(3 * rmsAt(first - 0.1, first - 0.01));
  });

  it('names a score that does not parse', async () => {
    const scores = await mkdtemp(join(tmpdir(), 'tutti-bad-scores-'));
    try {
      await mkdir(join(scores, 'broken'));
      await writeFile(join(scores, 'broken', 'broken.mxl'), 'not a zip');
      const run = makeOrchestralSetCommand.run(['--scores', scores, '--out', join(scores, 'out'), '--pieces', '1', '--seconds', '2']);
      await expect(run).rejects.toThrow(UserError);
      await expect(run).rejects.toThrow(/broken\.mxl/);
    } finally {
      await rm(scores, { recursive: true, force: true });
    }
  });

  it('refuses to overwrite a folder that is not an orchestral set, and bad options', async () => {
    const other = await mkdtemp(join(tmpdir(), 'tutti-not-a-set-'));
    try {
      await writeFile(join(other, 'notes.txt'), 'mine');
      await expect(makeOrchestralSetCommand.run(['--out', other, '--pieces', '1', '--seconds', '2'])).rejects.toThrow(UserError);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    await expect(makeOrchestralSetCommand.run(['--pieces', '0'])).rejects.toThrow(UsageError);
    await expect(makeOrchestralSetCommand.run(['--scores', '/nonexistent/scores'])).rejects.toThrow(/scores folder not found: \/nonexistent\/scores/);
    await expect(makeOrchestralSetCommand.run(['--seconds', 'ten'])).rejects.toThrow(UsageError);
    await expect(makeOrchestralSetCommand.run(['--bogus'])).rejects.toThrow(UsageError);
  });
});

describe('piecesFromStart', () => {
  it('starts a quarter of the pieces at the first bar, chosen by the seed', () => {
    expect(piecesFromStart(8, 1).size).toBe(2);
    expect(piecesFromStart(1, 1).size).toBe(0);
    const sets = [1, 2, 3, 4, 5].map((seed) => [...piecesFromStart(8, seed)].sort().join(','));
    expect(new Set(sets).size).toBeGreaterThan(1);
  });
});
