import { describe, expect, it } from 'vitest';
import type { Excerpt } from './excerpt.js';
import { midiBytes, parseMidi, performanceMidi, scoreMidi, toUnitVelocity } from './midi.js';
import { performExcerpt } from './performance.js';
import { createRng } from './rng.js';

const excerpt: Excerpt = {
  title: 'Two parts', composer: 'Test', source: 'two.musicxml',
  parts: [{ id: 'P1', name: 'Violin 1', family: 'strings' }, { id: 'P2', name: 'Timpani', family: 'percussion' }],
  notes: [
    { partIndex: 0, pitch: 76, onsetBeat: 0, durationBeat: 1, measure: '5' },
    { partIndex: 1, pitch: 45, onsetBeat: 0, durationBeat: 2, measure: '5' },
    { partIndex: 0, pitch: 77, onsetBeat: 1 / 3, durationBeat: 1 / 3, measure: '5' },
    { partIndex: 0, pitch: 79, onsetBeat: 4, durationBeat: 2, measure: '6' },
  ],
  measures: [
    { number: '5', startBeat: 0, durationBeat: 3, timeSignature: { numerator: 3, denominator: 4 }, scoreIndex: 4 },
    { number: '6', startBeat: 3, durationBeat: 4, timeSignature: { numerator: 4, denominator: 4 }, scoreIndex: 5 },
  ],
  tempoMap: [{ beat: 0, bpm: 90, sec: 0 }, { beat: 3, bpm: 60, sec: 2 }],
  fermataBeats: [], lengthBeat: 7, startBeatInScore: 12, startSecInScore: 8, firstMeasure: '5', lastMeasure: '6', span: 'm5-6',
};

describe('MIDI files', () => {
  it('writes the score at its notated tempo: one track per part, tempo changes, meters, GM programs', () => {
    const midi = parseMidi(midiBytes(scoreMidi(excerpt)));
    expect(midi.header.ppq).toBe(480);
    expect(midi.header.tempos.map((t) => [t.ticks, Math.round(t.bpm)])).toEqual([[0, 90], [1440, 60]]);
    expect(midi.header.timeSignatures.map((t) => t.timeSignature)).toEqual([[3, 4], [4, 4]]);
    expect(midi.tracks.map((t) => [t.name, t.instrument.number])).toEqual([['Violin 1', 48], ['Timpani', 47]]);
    const violin = midi.tracks[0].notes;
    expect(violin.map((n) => n.ticks)).toEqual([0, 160, 1920]);
    // Through the tempo map: beat 4 = 3 beats at 90 bpm (2 s) + 1 beat at 60 bpm.
    expect(violin[2].time).toBeCloseTo(3, 4);
    expect(violin[0].velocity * 127).toBeCloseTo(80, 0);
  });

  it('writes the performance at its played times and keeps MIDI velocities exact', () => {
    const perf = performExcerpt(excerpt, createRng(3), { leadInSec: 0.5 });
    const midi = parseMidi(midiBytes(performanceMidi(excerpt, perf, 12)));
    const played = midi.tracks.flatMap((t) => t.notes.map((n) => n.time)).sort((a, b) => a - b);
    const expected = perf.notes.map((n) => n.onsetSec).sort((a, b) => a - b);
    played.forEach((t, i) => expect(Math.abs(t - expected[i])).toBeLessThan(0.0011));
    // @tonejs/midi writes raw 14-bit bends but reads them back scaled to -1..1.
    expect(midi.tracks[0].pitchBends[0].value * 8192).toBe(Math.round((12 / 200) * 8192));
    for (const v of [1, 64, 80, 126, 127]) expect(Math.floor(toUnitVelocity(v) * 127)).toBe(v);
  });
});
