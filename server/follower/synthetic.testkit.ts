/**
 * Test helpers: a synthetic chord score and salience frames rendered along a known performance path,
 * so aligner tests can check against the exact truth. Seeded; no randomness leaks between tests.
 */
import type { SalienceFrame } from '../pipeline.js';
import type { Score, ScoreNote } from '../score/types.js';
import { LOWEST_MIDI, PITCH_BINS } from './template.js';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `chords` block chords of 3–4 random pitches, `chordSec` long each, at 60 bpm (1 beat = 1 s), 4/4. */
export function chordScore(chords: number, chordSec: number, seed: number): Score {
  const rand = seededRandom(seed);
  const notes: ScoreNote[] = [];
  for (let c = 0; c < chords; c++) {
    const size = 3 + Math.floor(rand() * 2);
    const pitches = new Set<number>();
    while (pitches.size < size) pitches.add(48 + Math.floor(rand() * 30));
    for (const pitch of [...pitches].sort((a, b) => a - b)) {
      const onset = 1 + c * chordSec;
      notes.push({
        id: `n${notes.length}`,
        partId: 'P1',
        pitch,
        onsetBeat: onset,
        durationBeat: chordSec,
        onsetSec: onset,
        durationSec: chordSec,
        measure: String(Math.floor(onset / 4) + 1),
        beatInMeasure: (onset % 4) + 1,
        staff: 1,
        voice: 1,
        tieMerged: false,
      });
    }
  }
  const total = 1 + chords * chordSec;
  const measures = Array.from({ length: Math.ceil(total / 4) }, (_, i) => ({
    index: i,
    number: String(i + 1),
    startBeat: i * 4,
    durationBeat: 4,
    timeSignature: { numerator: 4, denominator: 4 },
    startSec: i * 4,
  }));
  return {
    title: 'synthetic',
    composer: '',
    parts: [{ id: 'P1', name: 'synth', family: 'keyboard' }],
    notes,
    measures,
    tempoMap: [{ beat: 0, bpm: 60, sec: 0 }],
    keySignatures: [],
    source: 'synthetic.mid',
  } as unknown as Score;
}

/** A performance path: score seconds as a function of performance seconds (NaN = silence). */
export type Path = (perfSec: number) => number;

/** Renders frames along `path`: active pitches ≈ 0.7 ± noise, onsets ≈ 0.8 at attacks, background noise. */
export function renderFrames(score: Score, path: Path, durationSec: number, frameRate: number, seed: number, noise = 0.1): SalienceFrame[] {
  const rand = seededRandom(seed);
  const frames: SalienceFrame[] = [];
  let prev = -Infinity;
  for (let k = 0; k < Math.round(durationSec * frameRate); k++) {
    const t = k / frameRate;
    const s = path(t);
    const notes = new Float32Array(PITCH_BINS);
    const onsets = new Float32Array(PITCH_BINS);
    for (let b = 0; b < PITCH_BINS; b++) notes[b] = rand() * noise * 0.5;
    if (Number.isFinite(s)) {
      for (const n of score.notes) {
        const b = n.pitch - LOWEST_MIDI;
        if (n.onsetSec <= s && s < n.onsetSec + n.durationSec) notes[b] = 0.7 + (rand() - 0.5) * noise;
        if (n.onsetSec > prev && n.onsetSec <= s) onsets[b] = 0.8;
      }
      prev = s;
    }
    frames.push({ timeSec: t, notes, onsets, availableSec: t });
  }
  return frames;
}

/** Piecewise-linear path through (perfSec, scoreSec) knots; before the first knot: silence. */
export function linearPath(knots: readonly (readonly [number, number])[]): Path {
  return (t) => {
    if (t < knots[0]![0]) return NaN;
    for (let i = 1; i < knots.length; i++) {
      const [t0, s0] = knots[i - 1]!;
      const [t1, s1] = knots[i]!;
      if (t <= t1) return s0 + ((s1 - s0) * (t - t0)) / (t1 - t0);
    }
    return knots[knots.length - 1]![1];
  };
}
