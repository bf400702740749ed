import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Excerpt } from './excerpt.js';
import { midiBytes, performanceMidi } from './midi.js';
import { performExcerpt } from './performance.js';
import { applyHall, DEFAULT_SOUNDFONT, renderMidi, SAMPLE_RATE } from './render.js';
import { createRng } from './rng.js';

/** One flute A4 for four beats at 60 bpm, after a 0.5-s lead-in. */
const excerpt: Excerpt = {
  title: 'A4', composer: 'Test', source: 'a4.musicxml',
  parts: [{ id: 'P1', name: 'Flute', family: 'woodwinds' }],
  notes: [{ partIndex: 0, pitch: 69, onsetBeat: 0, durationBeat: 4, measure: '1' }],
  measures: [{ number: '1', startBeat: 0, durationBeat: 4, timeSignature: { numerator: 4, denominator: 4 }, scoreIndex: 0 }],
  tempoMap: [{ beat: 0, bpm: 60, sec: 0 }],
  fermataBeats: [], lengthBeat: 4, startBeatInScore: 0, startSecInScore: 0, firstMeasure: '1', lastMeasure: '1', span: 'm1',
};

/**
 * Mean fundamental near 440 Hz over a stretch: the autocorrelation peak at four periods (for four times the
 * resolution of one), refined by parabolic interpolation.
 */
function pitchHz(x: Float32Array, from: number, to: number): number {
  const ac = (lag: number): number => {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i] * x[i + lag];
    return s;
  };
  const lo = Math.round((4 * SAMPLE_RATE) / 480);
  const hi = Math.round((4 * SAMPLE_RATE) / 410);
  let best = lo;
  for (let lag = lo; lag <= hi; lag++) if (ac(lag) > ac(best)) best = lag;
  const [a, b, c] = [ac(best - 1), ac(best), ac(best + 1)];
  return (4 * SAMPLE_RATE) / (best + (0.5 * (a - c)) / (a - 2 * b + c));
}

describe('fluidsynth rendering and tuning', () => {
  let work = '';
  const rendered = new Map<number, Float32Array>();

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tutti-render-test-'));
    const perf = performExcerpt(excerpt, createRng(1), { leadInSec: 0.5, insertedHolds: 0, jitterSec: 0, partAsyncSec: 0 });
    for (const cents of [0, 20]) {
      const mid = join(work, `a4-${cents}.mid`);
      const wav = join(work, `a4-${cents}.wav`);
      await writeFile(mid, midiBytes(performanceMidi(excerpt, perf, cents)));
      await renderMidi(mid, wav, DEFAULT_SOUNDFONT);
      rendered.set(cents, await applyHall(wav, work, { reverberance: 10, preDelayMs: 0, wetGainDb: -10 }, 0.5));
    }
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('plays the note when the performance says, silent before', () => {
    const x = rendered.get(0)!;
    const rms = (a: number, b: number): number => {
      let s = 0;
      for (let i = Math.round(a * SAMPLE_RATE); i < Math.round(b * SAMPLE_RATE); i++) s += x[i] * x[i];
      return Math.sqrt(s / ((b - a) * SAMPLE_RATE));
    };
    expect(rms(0, 0.45)).toBeLessThan(1e-4);
    expect(rms(0.55, 1.5)).toBeGreaterThan(1e-3);
  });

  it('detunes the orchestra by the asked cents (pitch bend)', () => {
    const from = Math.round(1 * SAMPLE_RATE);
    const to = Math.round(2 * SAMPLE_RATE);
    const f0 = pitchHz(rendered.get(0)!, from, to);
    const f20 = pitchHz(rendered.get(20)!, from, to);
    expect(f0).toBeGreaterThan(430);
    expect(f0).toBeLessThan(450);
    // Within 2.5 cents: the flute sample's own wobble moves the estimate by a cent or two.
    expect(Math.abs(1200 * Math.log2(f20 / f0) - 20)).toBeLessThan(2.5);
  });

  it('names the missing soundfont', async () => {
    await expect(renderMidi(join(work, 'a4-0.mid'), join(work, 'x.wav'), '/nonexistent/none.sf2')).rejects.toThrow(/soundfont not found: \/nonexistent\/none\.sf2/);
  });
});
