/**
 * The rendered demo recordings are remade byte for byte: two renderings of a short excerpt (real fluidsynth,
 * sox and ffmpeg) are identical, decode as mono Opus, and end with applause after the music.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../audio/decode.js';
import { DEFAULT_SOUNDFONT } from '../../dataset/render.js';
import { loadScore } from '../../score/load.js';
import { BUNDLED_SCORES_DIR } from '../bundled.js';
import { loadPieceManifest } from '../manifest.js';
import { barTimesTsv, planPerformance, renderPiece, withTempi } from './renderPiece.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tutti-render-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('render-demo', () => {
  it('remakes the same bytes from the same manifest settings, and the file is mono Opus with applause at the end', async () => {
    const piece = await loadPieceManifest(join(BUNDLED_SCORES_DIR, 'haydn-symphony104-mvt1'));
    const request = { scorePath: piece.paths.score, settings: piece.recording.rendering!, soundfont: DEFAULT_SOUNDFONT, bars: { from: '14', to: '20' } };
    const a = await renderPiece({ ...request, outPath: join(dir, 'a.opus') });
    const b = await renderPiece({ ...request, outPath: join(dir, 'b.opus') });
    const [bytesA, bytesB] = await Promise.all([readFile(a.outPath), readFile(b.outPath)]);
    expect(bytesA.subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(bytesA.includes(Buffer.from('OpusHead'))).toBe(true);
    expect(Buffer.compare(bytesA, bytesB)).toBe(0);
    // Bars 14-20 cross from the Adagio into the Allegro: two tempo segments, the empty bar 17 included.
    expect(a.barTimes.map((t) => t.measure)).toEqual(['14', '15', '16', '17', '18', '19', '20']);
    for (let i = 1; i < a.barTimes.length; i++) expect(a.barTimes[i].sec).toBeGreaterThan(a.barTimes[i - 1].sec);
    // The bar times without rendering (render-demo --bar-times --no-audio) are the rendered recording's.
    const planned = await planPerformance(request.scorePath, request.settings, request.bars);
    expect(planned.performed.barTimes).toEqual(a.barTimes);
    expect(barTimesTsv(a.barTimes).split('\n')[0]).toBe(`0\t14\t${a.barTimes[0].sec.toFixed(3)}`);

    const decoded = await decodeAudioFile(a.outPath);
    expect(decoded.channels).toHaveLength(1);
    const samples = decoded.channels[0];
    const sec = decoded.durationSec;
    expect(Math.abs(sec - a.audioSec)).toBeLessThan(0.1);
    // ~48 kb/s: a few kilobytes a second, not a WAV.
    expect(bytesA.length / sec).toBeLessThan(9000);
    const rmsOver = (from: number, to: number): number => {
      let s = 0;
      const i0 = Math.round(from * decoded.sampleRate);
      const i1 = Math.round(to * decoded.sampleRate);
      for (let i = i0; i < i1; i++) s += samples[i] ** 2;
      return Math.sqrt(s / (i1 - i0));
    };
    const musicEnd = a.barTimes[0].sec + a.musicSec;
    const music = rmsOver(a.barTimes[0].sec, musicEnd);
    const applause = rmsOver(sec - 6, sec - 3);
    const leadIn = rmsOver(0, 1);
    expect(applause).toBeGreaterThan(music * 0.1);
    expect(applause).toBeGreaterThan(leadIn * 5);
  }, 120_000);

  it('plays the manifest tempi from their bars on, on every pass of a repeat', async () => {
    const score = await loadScore(join(BUNDLED_SCORES_DIR, 'haydn-symphony104-mvt1', 'Haydn_104_1.mxl'));
    const map = withTempi(score, [{ bar: '1', bpm: 66 }, { bar: '18', bpm: 184 }]);
    const passes18 = score.measures.filter((m) => m.number === '18');
    expect(passes18).toHaveLength(2);
    expect(map.map((t) => [t.beat, t.bpm])).toEqual([[0, 66], [passes18[0].startBeat, 184]]);
    expect(map[1].sec).toBeCloseTo((passes18[0].startBeat * 60) / 66, 9);
    expect(() => withTempi(score, [{ bar: '999', bpm: 60 }])).toThrow(/bar "999", which the score does not have/);
  }, 60_000);
});
