import { describe, expect, it } from 'vitest';
import type { Score, ScoreNote } from '../score/types.js';
import { cutExcerpt, type Excerpt } from './excerpt.js';
import { perfSecAt, performExcerpt, secPerBeatAt, type Performance } from './performance.js';
import { createRng } from './rng.js';

/** A hand-made score: 16 bars of 4/4, quarter-note chords in two parts, a tempo change at bar 9, a fermata. */
function handScore(): { score: Score; fermata: number } {
  const tempoMap = [
    { beat: 0, bpm: 100, sec: 0 },
    { beat: 32, bpm: 140, sec: 19.2 },
  ];
  const sec = (beat: number): number => (beat < 32 ? (beat * 60) / 100 : 19.2 + ((beat - 32) * 60) / 140);
  const notes: ScoreNote[] = [];
  for (let beat = 0; beat < 64; beat++) {
    const long = beat % 8 === 6; // a half note ending every second bar
    if (beat % 8 === 7) continue;
    for (const [partId, pitch] of [['P1', 72 + (beat % 5)], ['P2', 48 + (beat % 3)]] as const) {
      const durationBeat = long ? 2 : 1;
      notes.push({
        id: `${partId}-${beat}`, partId, pitch, onsetBeat: beat, durationBeat, onsetSec: sec(beat),
        durationSec: sec(beat + durationBeat) - sec(beat), measure: String(Math.floor(beat / 4) + 1),
        beatInMeasure: (beat % 4) + 1, staff: 1, voice: 1, tieMerged: false,
      });
    }
  }
  const measures = Array.from({ length: 16 }, (_, i) => ({
    index: i, number: String(i + 1), startBeat: i * 4, durationBeat: 4,
    timeSignature: { numerator: 4, denominator: 4 }, startSec: sec(i * 4),
  }));
  const score: Score = {
    title: 'Hand-made', composer: 'Test', source: 'hand-made.musicxml',
    parts: [{ id: 'P1', name: 'Violin 1', family: 'strings' }, { id: 'P2', name: 'Bassoon', family: 'woodwinds' }],
    notes, measures, tempoMap, keySignatures: [],
  };
  return { score, fermata: 22 };
}

function makePerformance(seed: number): { excerpt: Excerpt; perf: Performance } {
  const { score, fermata } = handScore();
  const excerpt = cutExcerpt(score, 2, { seconds: 30, fermataBeats: [fermata] });
  return { excerpt, perf: performExcerpt(excerpt, createRng(seed), { leadInSec: 0.7, insertedHolds: 2 }) };
}

const onsets = (excerpt: Excerpt): number[] => [...new Set(excerpt.notes.map((n) => n.onsetBeat))];

/** The tempo curve integrated independently (fine trapezoids), plus the breaths of holds ending in (a, b]. */
function expectedGap(perf: Performance, a: number, b: number): number {
  const steps = Math.max(200, Math.ceil((b - a) * 2000));
  const h = (b - a) / steps;
  let sec = 0;
  for (let i = 0; i < steps; i++) sec += (h / 2) * (secPerBeatAt(perf.curve, a + i * h) + secPerBeatAt(perf.curve, a + (i + 1) * h - 1e-9));
  for (const hold of perf.curve.holds) {
    const end = hold.beat + hold.durationBeat;
    if (end > a + 1e-9 && end <= b + 1e-9) sec += hold.pauseSec;
  }
  return sec;
}

describe('performance model', () => {
  it('gives ground-truth onsets that strictly increase with score time and start after the lead-in', () => {
    for (const seed of [1, 2, 3]) {
      const { excerpt, perf } = makePerformance(seed);
      const times = onsets(excerpt).map((b) => perfSecAt(perf, b));
      expect(times[0]).toBeCloseTo(0.7, 6);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
      expect(perf.endSec).toBeGreaterThan(times[times.length - 1]);
    }
  });

  it('spaces ground-truth onsets exactly as the tempo curve (and the breaths after holds) say', () => {
    let worst = 0;
    for (const seed of [5, 6, 7]) {
      const { excerpt, perf } = makePerformance(seed);
      const beats = onsets(excerpt);
      for (let i = 1; i < beats.length; i++) {
        const got = perfSecAt(perf, beats[i]) - perfSecAt(perf, beats[i - 1]);
        worst = Math.max(worst, Math.abs(got - expectedGap(perf, beats[i - 1], beats[i])));
      }
    }
    expect(worst).toBeLessThan(0.0002);
  });

  it('follows the notated tempo change, holds the fermata and adds held chords and ritardandi', () => {
    const { excerpt, perf } = makePerformance(9);
    // The excerpt starts at bar 3 (beat 8): the score's tempo change at beat 32 is at excerpt beat 24.
    expect(excerpt.tempoMap.map((t) => [t.beat, t.bpm])).toEqual([[0, 100], [24, 140]]);
    const fermata = perf.curve.holds.find((h) => h.source === 'fermata');
    expect(fermata?.beat).toBe(14);
    expect(fermata?.durationBeat).toBe(2);
    const notated = (2 * 60) / 100;
    const played = perfSecAt(perf, 16, true) - perfSecAt(perf, 14);
    expect(played / notated).toBeGreaterThan(1.5);
    expect(perf.curve.holds.filter((h) => h.source === 'inserted').length).toBeGreaterThanOrEqual(1);
    expect(perf.curve.ritardandi.length).toBeGreaterThan(0);
    for (const r of perf.curve.ritardandi) {
      const start = r.endBeat - r.lengthBeat;
      if (perf.curve.holds.some((h) => h.beat < r.endBeat && h.beat + h.durationBeat > start)) continue;
      if (excerpt.tempoMap.some((t) => t.beat > start && t.beat < r.endBeat)) continue;
      expect(secPerBeatAt(perf.curve, r.endBeat - 1e-6)).toBeGreaterThan(secPerBeatAt(perf.curve, start));
    }
  });

  it('plays each note near its ground truth, with velocities in range and no overlapping repeats', () => {
    const { excerpt, perf } = makePerformance(11);
    expect(perf.notes.length).toBe(excerpt.notes.length);
    const spread = new Set<number>();
    for (const n of perf.notes) {
      const truth = perfSecAt(perf, excerpt.notes[n.noteIndex].onsetBeat);
      expect(Math.abs(n.onsetSec - truth)).toBeLessThan(0.06);
      spread.add(Math.round((n.onsetSec - truth) * 1e4));
      expect(n.offsetSec).toBeGreaterThan(n.onsetSec);
      expect(n.velocity).toBeGreaterThanOrEqual(1);
      expect(n.velocity).toBeLessThanOrEqual(127);
    }
    expect(spread.size).toBeGreaterThan(10); // jitter and asynchrony really are there
    const byKey = new Map<string, { onsetSec: number; offsetSec: number }[]>();
    for (const n of perf.notes) byKey.set(`${n.partIndex}:${n.pitch}`, [...(byKey.get(`${n.partIndex}:${n.pitch}`) ?? []), n]);
    for (const list of byKey.values()) {
      list.sort((a, b) => a.onsetSec - b.onsetSec);
      for (let i = 1; i < list.length; i++) expect(list[i - 1].offsetSec).toBeLessThanOrEqual(list[i].onsetSec);
    }
  });

  it('is the same performance for the same seed and a different one for another seed', () => {
    const a = makePerformance(21).perf;
    const b = makePerformance(21).perf;
    const c = makePerformance(22).perf;
    expect(b.notes).toEqual(a.notes);
    expect(b.curve).toEqual(a.curve);
    expect(c.notes.map((n) => n.onsetSec)).not.toEqual(a.notes.map((n) => n.onsetSec));
  });
});
