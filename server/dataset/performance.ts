/**
 * The performance model: how an orchestra might play an excerpt. A smooth tempo curve (a global tempo,
 * slow rubato waves, phrase-final ritardandi, held fermatas and a few held chords with a breath after them)
 * maps score beats to performance seconds; notes then get per-part asynchrony, per-note jitter, a dynamic
 * curve and articulation. The ground truth is the curve itself at each score onset (one time per chord, as
 * in Bach10's beat-tapped ground truth), so it is exactly what a perfect follower should report.
 */
import { PPQ, type Excerpt } from './excerpt.js';
import type { Rng } from './rng.js';

/** A stretch of the score played slower by `factor`, then (optionally) a silent breath of `pauseSec`. */
export interface Hold {
  readonly beat: number;
  readonly durationBeat: number;
  /** How many times longer than notated (>= 1). */
  readonly factor: number;
  /** Silence after the hold, before the next onset. */
  readonly pauseSec: number;
  /** 'stop': the players stop here and start again (a rehearsal restart): no slowing, only the pause. */
  readonly source: 'fermata' | 'inserted' | 'stop';
}

/** Tempo slows by up to `depth` (0.2 = 20 % slower at the end) over the beats before `endBeat`. */
export interface Ritardando {
  readonly endBeat: number;
  readonly lengthBeat: number;
  readonly depth: number;
}

export interface RubatoWave {
  readonly amplitude: number;
  readonly periodBeat: number;
  readonly phase: number;
}

export interface TempoCurve {
  /** Notated tempo changes (excerpt-relative). */
  readonly tempoMap: Excerpt['tempoMap'];
  /** The performers' overall tempo relative to the notated one. */
  readonly globalFactor: number;
  readonly waves: readonly RubatoWave[];
  readonly ritardandi: readonly Ritardando[];
  readonly holds: readonly Hold[];
}

export interface PerformedNote {
  /** Index into Excerpt.notes. */
  readonly noteIndex: number;
  readonly partIndex: number;
  readonly pitch: number;
  /** Seconds from the start of the audio, as played (jitter and asynchrony included). */
  readonly onsetSec: number;
  readonly offsetSec: number;
  /** MIDI velocity 1..127 before instrument balance. */
  readonly velocity: number;
}

export interface Performance {
  /** Audio before the excerpt's beat 0 (noise only). */
  readonly leadInSec: number;
  readonly curve: TempoCurve;
  /** Integration knots (beats) and the curve's seconds at them, pauses excluded: see perfSecAt. */
  readonly knots: Float64Array;
  readonly knotSecs: Float64Array;
  readonly notes: readonly PerformedNote[];
  /** Performance time of the excerpt's end (its last barline). */
  readonly endSec: number;
}

export interface PerformanceOptions {
  readonly leadInSec: number;
  /** Held chords to add where the score has no fermata. */
  readonly insertedHolds: number;
  /** Standard deviation of each note's onset jitter. */
  readonly jitterSec: number;
  /** Standard deviation of each part's constant lead/lag. */
  readonly partAsyncSec: number;
  /** Excerpt beats where the players stop for `pauseSec` and start again (restarts); no hold may overlap one. */
  readonly stops?: readonly { readonly beat: number; readonly pauseSec: number }[];
}

export const defaultPerformanceOptions: PerformanceOptions = {
  leadInSec: 1,
  insertedHolds: 2,
  jitterSec: 0.008,
  partAsyncSec: 0.012,
};

const EPS = 1e-9;

function notatedBpmAt(curve: TempoCurve, beat: number): number {
  let bpm = curve.tempoMap.length > 0 ? curve.tempoMap[0].bpm : 120;
  // Exact comparison: tempo changes sit on integration knots, and the integral evaluates just before them.
  for (const t of curve.tempoMap) if (t.beat <= beat) bpm = t.bpm;
  return bpm;
}

/** Performed tempo relative to the notated one at `beat` (< 1 = slower). */
export function tempoFactorAt(curve: TempoCurve, beat: number): number {
  let f = curve.globalFactor;
  for (const w of curve.waves) f *= 1 + w.amplitude * Math.sin((2 * Math.PI * beat) / w.periodBeat + w.phase);
  for (const r of curve.ritardandi) {
    const start = r.endBeat - r.lengthBeat;
    if (beat >= start && beat < r.endBeat) f *= 1 - r.depth * ((beat - start) / r.lengthBeat) ** 2;
  }
  for (const h of curve.holds) if (beat >= h.beat && beat < h.beat + h.durationBeat) f /= h.factor;
  return f;
}

/** The tempo curve: performed seconds per score beat at `beat`. */
export function secPerBeatAt(curve: TempoCurve, beat: number): number {
  return 60 / (notatedBpmAt(curve, beat) * tempoFactorAt(curve, beat));
}

/** Simpson's rule over [a, b], which holds no discontinuity of the curve (the knots see to that). */
function integrate(curve: TempoCurve, a: number, b: number): number {
  if (b <= a) return 0;
  return ((b - a) / 6) * (secPerBeatAt(curve, a) + 4 * secPerBeatAt(curve, (a + b) / 2) + secPerBeatAt(curve, b - EPS));
}

/** Knots: a fine grid plus every point where the curve jumps (tempo changes, holds, ritardando starts/ends). */
function buildKnots(curve: TempoCurve, lengthBeat: number): Float64Array {
  const points = new Set<number>();
  const step = 1 / 48;
  for (let b = 0; b < lengthBeat; b += step) points.add(Math.round(b * PPQ * 48) / (PPQ * 48));
  points.add(lengthBeat);
  for (const t of curve.tempoMap) points.add(t.beat);
  for (const h of curve.holds) {
    points.add(h.beat);
    points.add(h.beat + h.durationBeat);
  }
  for (const r of curve.ritardandi) {
    points.add(r.endBeat - r.lengthBeat);
    points.add(r.endBeat);
  }
  return Float64Array.from([...points].filter((b) => b >= 0 && b <= lengthBeat).sort((a, b) => a - b));
}

function knotIndex(knots: Float64Array, beat: number): number {
  let lo = 0;
  let hi = knots.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (knots[mid] <= beat) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Performance time (seconds from the start of the audio) of score beat `beat`: lead-in + the integral of the
 * tempo curve + every breath after a hold that ends at or before `beat`. With `beforePauses`, a breath that
 * starts exactly at `beat` is not counted (a held note's release comes before its breath).
 */
export function perfSecAt(perf: Pick<Performance, 'leadInSec' | 'curve' | 'knots' | 'knotSecs'>, beat: number, beforePauses = false): number {
  const b = Math.max(0, beat);
  const lastKnot = perf.knots[perf.knots.length - 1];
  const inside = Math.min(b, lastKnot);
  const k = knotIndex(perf.knots, inside);
  let sec = perf.leadInSec + perf.knotSecs[k] + integrate(perf.curve, perf.knots[k], inside);
  // Past the excerpt's end (a note's release), keep the final tempo.
  if (b > lastKnot) sec += (b - lastKnot) * secPerBeatAt(perf.curve, lastKnot);
  for (const h of perf.curve.holds) {
    const end = h.beat + h.durationBeat;
    if (beforePauses ? end < b - EPS : end <= b + EPS) sec += h.pauseSec;
  }
  return sec;
}

/** Builds the tempo curve for an excerpt: global tempo, rubato, ritardandi at phrase ends, holds. */
export function buildTempoCurve(excerpt: Excerpt, rng: Rng, insertedHolds: number, stops: PerformanceOptions['stops'] = []): TempoCurve {
  const globalFactor = rng.uniform(0.9, 1.06);
  const waves: RubatoWave[] = [
    { amplitude: rng.uniform(0.03, 0.06), periodBeat: rng.uniform(24, 48), phase: rng.uniform(0, 2 * Math.PI) },
    { amplitude: rng.uniform(0.015, 0.035), periodBeat: rng.uniform(6, 14), phase: rng.uniform(0, 2 * Math.PI) },
  ];
  const ritardandi = phraseRitardandi(excerpt, rng);
  const fermataHolds = excerpt.fermataBeats.map((beat) => makeHold(excerpt, beat, 'fermata', rng));
  const inserted = pickInsertedHolds(excerpt, rng, insertedHolds, ritardandi, fermataHolds);
  // A stop wins over any hold that would run into it.
  const stopHolds: Hold[] = stops.map((s) => ({ beat: s.beat - 1 / PPQ, durationBeat: 1 / PPQ, factor: 1, pauseSec: s.pauseSec, source: 'stop' }));
  const clear = (h: Hold) => stopHolds.every((s) => h.beat + h.durationBeat <= s.beat - 1e-6 || h.beat > s.beat + s.durationBeat);
  const holds = [...stopHolds, ...removeOverlaps([...fermataHolds, ...inserted].sort((a, b) => a.beat - b.beat)).filter(clear)].sort((a, b) => a.beat - b.beat);
  return { tempoMap: excerpt.tempoMap, globalFactor, waves, ritardandi, holds };
}

/** Phrases of about 10 s (2, 4, 8 or 16 measures, counted from the movement's start); most end slower. */
function phraseRitardandi(excerpt: Excerpt, rng: Rng): Ritardando[] {
  if (excerpt.measures.length === 0) return [];
  // The typical bar (a pickup or cadenza bar must not set the phrase length).
  const durations = excerpt.measures.map((m) => m.durationBeat).sort((a, b) => a - b);
  const measureSec = (durations[durations.length >> 1] * 60) / (excerpt.tempoMap[0]?.bpm ?? 120);
  const phraseLen = [2, 4, 8, 16].reduce((best, n) =>
    Math.abs(n * measureSec - 10) < Math.abs(best * measureSec - 10) ? n : best,
  );
  const out: Ritardando[] = [];
  for (const m of excerpt.measures) {
    if ((m.scoreIndex + 1) % phraseLen !== 0 || rng.next() < 0.25) continue;
    const endBeat = m.startBeat + m.durationBeat;
    const bpm = excerpt.tempoMap[0]?.bpm ?? 120;
    // About two seconds of slowing, at least one beat, never more than the phrase.
    const lengthBeat = Math.min(Math.max(1, Math.round((rng.uniform(1.5, 3) * bpm) / 60)), endBeat, phraseLen * m.durationBeat);
    out.push({ endBeat, lengthBeat, depth: rng.uniform(0.12, 0.3) });
  }
  return out;
}

function makeHold(excerpt: Excerpt, beat: number, source: Hold['source'], rng: Rng): Hold {
  const starting = excerpt.notes.filter((n) => Math.abs(n.onsetBeat - beat) < 1e-6);
  let durationBeat: number;
  if (starting.length > 0) durationBeat = Math.max(...starting.map((n) => n.durationBeat));
  else {
    // A fermata over a rest: hold the silence up to the next onset.
    const next = excerpt.notes.find((n) => n.onsetBeat > beat + 1e-6);
    durationBeat = next ? next.onsetBeat - beat : 1;
  }
  durationBeat = Math.min(durationBeat, 4, excerpt.lengthBeat - beat);
  return {
    beat,
    durationBeat: Math.max(durationBeat, 1 / PPQ),
    factor: source === 'fermata' ? rng.uniform(1.8, 2.8) : rng.uniform(1.6, 2.4),
    pauseSec: source === 'fermata' ? rng.uniform(0.1, 0.45) : rng.uniform(0, 0.25),
    source,
  };
}

/** Held chords where the music breathes: a long chord ending a phrase, away from the score's own fermatas. */
function pickInsertedHolds(excerpt: Excerpt, rng: Rng, count: number, rits: readonly Ritardando[], fermatas: readonly Hold[]): Hold[] {
  const chords = new Map<number, number>();
  for (const n of excerpt.notes) chords.set(n.onsetBeat, Math.max(chords.get(n.onsetBeat) ?? 0, n.durationBeat));
  const far = (beat: number): boolean => fermatas.every((h) => Math.abs(h.beat - beat) > 4);
  const inside = (beat: number, d: number): boolean => beat > excerpt.lengthBeat * 0.15 && beat + d < excerpt.lengthBeat - 1;
  const long = [...chords].filter(([beat, d]) => d >= 1 && far(beat) && inside(beat, d));
  const phraseEnds = long.filter(([beat]) => rits.some((r) => beat >= r.endBeat - r.lengthBeat - 1e-6 && beat < r.endBeat));
  const pool = phraseEnds.length >= count ? phraseEnds : long;
  const out: Hold[] = [];
  for (let i = 0; i < count && pool.length > 0; i++) {
    const [beat] = pool.splice(rng.int(0, pool.length - 1), 1)[0];
    out.push(makeHold(excerpt, beat, 'inserted', rng));
    // Keep held chords apart so each is its own event.
    for (let j = pool.length - 1; j >= 0; j--) if (Math.abs(pool[j][0] - beat) < 8) pool.splice(j, 1);
  }
  return out;
}

/** A hold that starts inside an earlier one is dropped (nested fermatas in different parts). */
function removeOverlaps(holds: readonly Hold[]): Hold[] {
  const out: Hold[] = [];
  for (const h of holds) {
    const prev = out[out.length - 1];
    if (prev && h.beat < prev.beat + prev.durationBeat - 1e-6) continue;
    out.push(h);
  }
  return out;
}

/** Integrates the curve once at every knot. */
function integrateKnots(curve: TempoCurve, knots: Float64Array): Float64Array {
  const secs = new Float64Array(knots.length);
  for (let i = 1; i < knots.length; i++) secs[i] = secs[i - 1] + integrate(curve, knots[i - 1], knots[i]);
  return secs;
}

/** Plays the excerpt: the tempo curve, then per-note timing, dynamics and articulation. */
export function performExcerpt(excerpt: Excerpt, rng: Rng, options: Partial<PerformanceOptions> = {}): Performance {
  const opts = { ...defaultPerformanceOptions, ...options };
  const curve = buildTempoCurve(excerpt, rng.fork('tempo'), opts.insertedHolds, opts.stops);
  const knots = buildKnots(curve, excerpt.lengthBeat);
  const base = { leadInSec: opts.leadInSec, curve, knots, knotSecs: integrateKnots(curve, knots) };
  const notes = performNotes(excerpt, base, rng.fork('notes'), opts);
  return { ...base, notes, endSec: perfSecAt(base, excerpt.lengthBeat) };
}

function performNotes(
  excerpt: Excerpt,
  perf: Pick<Performance, 'leadInSec' | 'curve' | 'knots' | 'knotSecs'>,
  rng: Rng,
  opts: PerformanceOptions,
): PerformedNote[] {
  const clip = (x: number, limit: number): number => Math.max(-limit, Math.min(limit, x));
  const partLag = excerpt.parts.map(() => clip(rng.normal(0, opts.partAsyncSec), 2.5 * opts.partAsyncSec));
  const legato = excerpt.parts.map(() => rng.uniform(0.82, 0.97));
  const dyn = [
    { amp: rng.uniform(12, 20), period: rng.uniform(24, 56), phase: rng.uniform(0, 2 * Math.PI) },
    { amp: rng.uniform(4, 9), period: rng.uniform(5, 12), phase: rng.uniform(0, 2 * Math.PI) },
  ];
  const downbeats = new Set(excerpt.measures.map((m) => m.startBeat));

  const notes = excerpt.notes.map((n, noteIndex): PerformedNote => {
    const nominal = perfSecAt(perf, n.onsetBeat);
    const nominalEnd = perfSecAt(perf, n.onsetBeat + n.durationBeat, true);
    const onsetSec = Math.max(0, nominal + partLag[n.partIndex] + clip(rng.normal(0, opts.jitterSec), 3 * opts.jitterSec));
    const offsetSec = onsetSec + Math.max(0.06, (nominalEnd - nominal) * legato[n.partIndex]);
    let velocity = 78;
    for (const d of dyn) velocity += d.amp * Math.sin((2 * Math.PI * n.onsetBeat) / d.period + d.phase);
    if (downbeats.has(n.onsetBeat)) velocity += 6;
    velocity += rng.normal(0, 4);
    return { noteIndex, partIndex: n.partIndex, pitch: n.pitch, onsetSec, offsetSec, velocity: Math.round(Math.max(20, Math.min(127, velocity))) };
  });
  return releaseBeforeRepeat(notes);
}

/** A repeated pitch in one part must be released before it is struck again, or the synthesizer merges them. */
function releaseBeforeRepeat(notes: PerformedNote[]): PerformedNote[] {
  const lastByKey = new Map<string, number>();
  const out = notes.slice();
  const order = out.map((_, i) => i).sort((a, b) => out[a].onsetSec - out[b].onsetSec);
  for (const i of order) {
    const key = `${out[i].partIndex}:${out[i].pitch}`;
    const prev = lastByKey.get(key);
    if (prev !== undefined && out[prev].offsetSec > out[i].onsetSec - 0.01) {
      out[prev] = { ...out[prev], offsetSec: Math.max(out[prev].onsetSec + 0.02, out[i].onsetSec - 0.01) };
    }
    lastByKey.set(key, i);
  }
  return out;
}

/** Ground-truth audio onset of a score beat: the tempo curve's time for it (per chord, like Bach10). */
export function groundTruthSec(perf: Performance, beat: number): number {
  return perfSecAt(perf, beat);
}
