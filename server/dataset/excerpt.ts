/**
 * Cuts an excerpt (whole measures, about N seconds at the notated tempo) out of a score, either from the
 * first measure or from a measure in the middle of the movement, chosen by the seeded generator.
 * Everything in an excerpt is relative to its first downbeat (beat 0), quantized to MIDI ticks so the
 * score MIDI, the performance and the ground truth all see the same beats.
 */
import { beatToSecWith } from '../score/timemap.js';
import type { Part, Score, TempoChange, TimeSignature } from '../score/types.js';
import type { Rng } from './rng.js';

/** Ticks per quarter note of every MIDI file we write (@tonejs/midi's fixed PPQ). */
export const PPQ = 480;

export interface ExcerptNote {
  /** Index into Excerpt.parts. */
  readonly partIndex: number;
  readonly pitch: number;
  /** Beats (quarter notes) from the excerpt's first downbeat, a multiple of 1/PPQ. */
  readonly onsetBeat: number;
  readonly durationBeat: number;
  /** Printed measure label in the source score. */
  readonly measure: string;
  /** The note's onset in the source score, seconds at the notated tempo (performance order): ground truth against the whole score. */
  readonly scoreOnsetSec?: number;
}

export interface ExcerptMeasure {
  readonly number: string;
  readonly startBeat: number;
  readonly durationBeat: number;
  readonly timeSignature: TimeSignature;
  /** Index of the measure in the source score (performance order): phrase boundaries are counted from it. */
  readonly scoreIndex: number;
}

export interface Excerpt {
  readonly title: string;
  readonly composer: string;
  readonly source: string;
  /** Only the parts that play in the excerpt, in score order. */
  readonly parts: readonly Part[];
  /** Sorted by onset, then part, then pitch. */
  readonly notes: readonly ExcerptNote[];
  readonly measures: readonly ExcerptMeasure[];
  /** Notated tempo, relative to the excerpt (first change at beat 0). */
  readonly tempoMap: readonly TempoChange[];
  /** Beats of fermata marks in the excerpt. */
  readonly fermataBeats: readonly number[];
  readonly lengthBeat: number;
  /** Where the excerpt sits in the source score. */
  readonly startBeatInScore: number;
  readonly startSecInScore: number;
  readonly firstMeasure: string;
  readonly lastMeasure: string;
  /** Printed bars in playing order, e.g. "m74-124, m1-21" when the excerpt takes a repeat. */
  readonly span: string;
}

export interface ExcerptOptions {
  /** Target length at the notated tempo; whole measures are added until it is reached. */
  readonly seconds: number;
  /** Start at the first measure with notes instead of a measure in the middle of the movement. */
  readonly fromStart: boolean;
  /** Fermata marks of the whole score, in score beats (performance order). */
  readonly fermataBeats?: readonly number[];
  /** Fewest distinct onsets per second (notated) a mid-movement excerpt may have; skips long rests. */
  readonly minOnsetsPerSec?: number;
}

const quantize = (beat: number): number => Math.round(beat * PPQ) / PPQ;

/** Picks the start measure (seeded) and cuts the excerpt. */
export function pickExcerpt(score: Score, options: ExcerptOptions, rng: Rng): Excerpt {
  if (score.measures.length === 0 || score.notes.length === 0) {
    throw new Error(`${score.source}: the score has no measures or no notes to cut an excerpt from`);
  }
  const start = options.fromStart ? firstMeasureWithNotes(score) : pickMidMovementStart(score, options, rng);
  return cutExcerpt(score, start, options);
}

export function firstMeasureWithNotes(score: Score): number {
  const firstOnset = score.notes[0].onsetBeat;
  const i = score.measures.findIndex((m) => m.startBeat + m.durationBeat > firstOnset);
  return Math.max(0, i);
}

/** End measure index (exclusive) so that the excerpt lasts at least `seconds` at the notated tempo. */
function endMeasureFor(score: Score, start: number, seconds: number): number {
  const startSec = beatToSecWith(score.tempoMap, score.measures[start].startBeat);
  let end = start;
  while (end < score.measures.length) {
    const m = score.measures[end];
    end++;
    if (beatToSecWith(score.tempoMap, m.startBeat + m.durationBeat) - startSec >= seconds) break;
  }
  return end;
}

export function pickMidMovementStart(score: Score, options: ExcerptOptions, rng: Rng): number {
  const minDensity = options.minOnsetsPerSec ?? 1.5;
  const onsets = distinctOnsets(score);
  const candidates: number[] = [];
  const n = score.measures.length;
  for (let i = Math.max(1, Math.floor(n * 0.05)); i < n; i++) {
    const m = score.measures[i];
    const end = endMeasureFor(score, i, options.seconds);
    const last = score.measures[end - 1];
    const endBeat = last.startBeat + last.durationBeat;
    const seconds = beatToSecWith(score.tempoMap, endBeat) - beatToSecWith(score.tempoMap, m.startBeat);
    if (seconds < options.seconds * 0.95) break; // too close to the end of the movement
    // Start on a sounding downbeat, so the excerpt does not open with the tail of a rest.
    if (!hasOnsetAt(onsets, m.startBeat)) continue;
    const count = countBetween(onsets, m.startBeat, endBeat);
    if (count / seconds >= minDensity) candidates.push(i);
  }
  if (candidates.length === 0) return firstMeasureWithNotes(score);
  return candidates[rng.int(0, candidates.length - 1)];
}

export function distinctOnsets(score: Score): Float64Array {
  const out: number[] = [];
  for (const note of score.notes) {
    if (out.length === 0 || note.onsetBeat - out[out.length - 1] > 1e-6) out.push(note.onsetBeat);
  }
  return Float64Array.from(out);
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function hasOnsetAt(onsets: Float64Array, beat: number): boolean {
  const i = lowerBound(onsets, beat - 1e-6);
  return i < onsets.length && Math.abs(onsets[i] - beat) < 1e-6;
}

function countBetween(onsets: Float64Array, from: number, to: number): number {
  return lowerBound(onsets, to - 1e-6) - lowerBound(onsets, from - 1e-6);
}

/** Cuts measures [start, end) where end is chosen by `options.seconds`. */
export function cutExcerpt(score: Score, start: number, options: Pick<ExcerptOptions, 'seconds' | 'fermataBeats'>): Excerpt {
  const end = endMeasureFor(score, start, options.seconds);
  const startBeat = score.measures[start].startBeat;
  const last = score.measures[end - 1];
  const endBeat = last.startBeat + last.durationBeat;
  const lengthBeat = quantize(endBeat - startBeat);

  const playing = new Set<string>();
  for (const note of score.notes) {
    if (note.onsetBeat >= startBeat - 1e-6 && note.onsetBeat < endBeat - 1e-6) playing.add(note.partId);
  }
  const parts = score.parts.filter((p) => playing.has(p.id));
  const partIndex = new Map(parts.map((p, i) => [p.id, i]));

  const byKey = new Map<string, ExcerptNote>();
  for (const note of score.notes) {
    if (note.onsetBeat < startBeat - 1e-6 || note.onsetBeat >= endBeat - 1e-6) continue;
    const onsetBeat = quantize(note.onsetBeat - startBeat);
    if (onsetBeat >= lengthBeat) continue;
    // Grace notes (zero length) still sound: give them a 32nd note; nothing rings past the excerpt's end.
    const durationBeat = Math.max(1 / 8, Math.min(quantize(note.durationBeat), lengthBeat - onsetBeat));
    const index = partIndex.get(note.partId) ?? 0;
    // Divisi unisons in one part would be two identical MIDI notes: keep the longer.
    const key = `${index}:${note.pitch}:${onsetBeat}`;
    const prior = byKey.get(key);
    if (!prior || prior.durationBeat < durationBeat) {
      byKey.set(key, { partIndex: index, pitch: note.pitch, onsetBeat, durationBeat, measure: note.measure });
    }
  }
  const notes = [...byKey.values()].sort(
    (a, b) => a.onsetBeat - b.onsetBeat || a.partIndex - b.partIndex || a.pitch - b.pitch,
  );

  const measures: ExcerptMeasure[] = score.measures.slice(start, end).map((m) => ({
    number: m.number,
    startBeat: quantize(m.startBeat - startBeat),
    durationBeat: quantize(m.durationBeat),
    timeSignature: m.timeSignature,
    scoreIndex: m.index,
  }));

  const fermataBeats = (options.fermataBeats ?? [])
    .filter((b) => b >= startBeat - 1e-6 && b < endBeat - 1e-6)
    .map((b) => quantize(b - startBeat));

  return {
    title: score.title,
    composer: score.composer,
    source: score.source,
    parts,
    notes,
    measures,
    tempoMap: sliceTempoMap(score.tempoMap, startBeat, endBeat),
    fermataBeats: [...new Set(fermataBeats)].sort((a, b) => a - b),
    lengthBeat,
    startBeatInScore: startBeat,
    startSecInScore: beatToSecWith(score.tempoMap, startBeat),
    firstMeasure: score.measures[start].number,
    lastMeasure: last.number,
    span: describeSpan(score.measures.slice(start, end)),
  };
}

/** Runs of consecutive printed bars, so a jump (a repeat taken) shows. */
export function describeSpan(measures: Score['measures']): string {
  const runs: { first: string; last: string; printed: number }[] = [];
  for (const m of measures) {
    const printed = m.printedIndex ?? m.index;
    const run = runs[runs.length - 1];
    if (run && printed === run.printed + 1) {
      run.last = m.number;
      run.printed = printed;
    } else runs.push({ first: m.number, last: m.number, printed });
  }
  return runs.map((r) => (r.first === r.last ? `m${r.first}` : `m${r.first}-${r.last}`)).join(', ');
}

/** The notated tempo from `from` to `to`, re-based so the excerpt's first beat is beat 0 at 0 s. */
export function sliceTempoMap(tempoMap: readonly TempoChange[], from: number, to: number): readonly TempoChange[] {
  const bpmAt = (beat: number): number => {
    let bpm = tempoMap.length > 0 ? tempoMap[0].bpm : 120;
    for (const t of tempoMap) if (t.beat <= beat + 1e-9) bpm = t.bpm;
    return bpm;
  };
  const changes: { beat: number; bpm: number }[] = [{ beat: 0, bpm: bpmAt(from) }];
  for (const t of tempoMap) {
    if (t.beat > from + 1e-9 && t.beat < to - 1e-9 && t.bpm !== changes[changes.length - 1].bpm) {
      changes.push({ beat: quantize(t.beat - from), bpm: t.bpm });
    }
  }
  let sec = 0;
  return changes.map((c, i) => {
    if (i > 0) sec += ((c.beat - changes[i - 1].beat) * 60) / changes[i - 1].bpm;
    return { beat: c.beat, bpm: c.bpm, sec };
  });
}
