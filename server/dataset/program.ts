/**
 * Performances that leave the page: what the players actually play, as a list of measure ranges of the
 * score in performance (unfolded) order. A mid-movement start is one range starting mid-movement; a repeat
 * taken is a range through the unfolded repeat; a repeat skipped jumps from the end of the first pass to
 * the music after the second; a rehearsal restart stops, then starts again 3-60 s of music back or forward;
 * a recapitulation start begins at a passage that resembles an earlier one. The follower is handed the
 * whole movement, as in a hall, and the ground truth keeps each note's time in that whole score.
 */
import { beatToSecWith } from '../score/timemap.js';
import type { Score } from '../score/types.js';
import { describeSpan, distinctOnsets, firstMeasureWithNotes, hasOnsetAt, pickMidMovementStart, PPQ, sliceTempoMap, type Excerpt, type ExcerptMeasure, type ExcerptNote } from './excerpt.js';
import type { Rng } from './rng.js';

export const EVENT_KINDS = ['from-start', 'mid-start', 'repeat-taken', 'repeat-skipped', 'restart-back', 'restart-forward', 'recap-start'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Measures [start, end) of the score in performance order; `restart`: the players stop and begin again here. */
export interface MeasureRange {
  readonly start: number;
  readonly end: number;
  readonly restart: boolean;
}

export interface ProgramPlan {
  readonly kind: EventKind;
  readonly ranges: readonly MeasureRange[];
}

/** One range as it lands in the excerpt: excerpt beats and the source score's seconds. */
export interface ProgramSegment {
  readonly startBeat: number;
  readonly endBeat: number;
  readonly scoreStartSec: number;
  readonly scoreEndSec: number;
  readonly restart: boolean;
  readonly firstMeasure: string;
  readonly lastMeasure: string;
}

export interface ProgramExcerpt extends Excerpt {
  readonly segments: readonly ProgramSegment[];
}

const quantize = (beat: number): number => Math.round(beat * PPQ) / PPQ;

/** Score seconds of measure boundary `i` (i = measures.length: the end of the score). */
function boundarySec(score: Score, i: number): number {
  const ms = score.measures;
  if (i < ms.length) return ms[i]!.startSec;
  const last = ms[ms.length - 1]!;
  return beatToSecWith(score.tempoMap, last.startBeat + last.durationBeat);
}

/** The first boundary at least `seconds` after `start` (or the end). */
function endAfter(score: Score, start: number, seconds: number): number {
  let end = start + 1;
  while (end < score.measures.length && boundarySec(score, end) - boundarySec(score, start) < seconds) end++;
  return end;
}

/** The last boundary at least `seconds` before `end` (or 0). */
function startBefore(score: Score, end: number, seconds: number): number {
  let start = end - 1;
  while (start > 0 && boundarySec(score, end) - boundarySec(score, start) < seconds) start--;
  return Math.max(0, start);
}

/** The measure nearest to score time `sec` that starts with a sounding downbeat (players restart on one). */
function soundingMeasureNear(score: Score, sec: number, onsets: Float64Array): number {
  const ms = score.measures;
  let best = -1;
  for (let i = 0; i < ms.length; i++) {
    if (!hasOnsetAt(onsets, ms[i]!.startBeat)) continue;
    if (best < 0 || Math.abs(ms[i]!.startSec - sec) < Math.abs(ms[best]!.startSec - sec)) best = i;
  }
  return Math.max(0, best);
}

/** Repeats of the unfolded score: `second` starts the second pass, `after` is the first measure past it. */
export function findRepeats(score: Score): { readonly second: number; readonly after: number; readonly firstEnding: number }[] {
  const ms = score.measures;
  const printed = (i: number) => ms[i]!.printedIndex ?? i;
  const out: { second: number; after: number; firstEnding: number }[] = [];
  for (let j = 1; j < ms.length; j++) {
    if (printed(j) > printed(j - 1)) continue;
    let after = j;
    while (after < ms.length && printed(after) <= printed(j - 1)) after++;
    if (after >= ms.length) continue;
    // First-ending bars (played in pass 1, not in pass 2) are left out when the repeat is skipped.
    const secondPass = new Set<number>();
    for (let k = j; k < after; k++) secondPass.add(printed(k));
    let firstEnding = j;
    while (firstEnding > 0 && !secondPass.has(printed(firstEnding - 1)) && printed(firstEnding - 1) > printed(j)) firstEnding--;
    out.push({ second: j, after, firstEnding });
  }
  return out;
}

/** Pitch-duration histograms of the `windowSec` after each measure start, unit length. */
function measureHistograms(score: Score, windowSec: number): Float32Array[] {
  const hist = score.measures.map(() => new Float32Array(128));
  let first = 0;
  const notes = score.notes;
  for (let i = 0; i < score.measures.length; i++) {
    const from = score.measures[i]!.startSec;
    while (first < notes.length && notes[first]!.onsetSec < from) first++;
    for (let k = first; k < notes.length && notes[k]!.onsetSec < from + windowSec; k++) hist[i]![notes[k]!.pitch] += Math.min(notes[k]!.durationSec, 1);
    let norm = 0;
    for (const v of hist[i]!) norm += v * v;
    if (norm > 0) for (let p = 0; p < 128; p++) hist[i]![p] /= Math.sqrt(norm);
  }
  return hist;
}

/**
 * A recapitulation-like start: a measure in the second half of the movement whose next 8 s resemble an
 * earlier passage at least 30 s before (another printed bar) as closely as any: the place a follower
 * must not confuse with its model. Seeded among the three most similar.
 */
export function pickRecapStart(score: Score, seconds: number, rng: Rng): number {
  const ms = score.measures;
  const hist = measureHistograms(score, 8);
  const onsets = distinctOnsets(score);
  const total = boundarySec(score, ms.length);
  const scored: { i: number; sim: number }[] = [];
  for (let j = 0; j < ms.length; j++) {
    if (ms[j]!.startSec < total * 0.4 || total - ms[j]!.startSec < seconds || !hasOnsetAt(onsets, ms[j]!.startBeat)) continue;
    let sim = 0;
    for (let i = 0; i < j; i++) {
      if (ms[j]!.startSec - ms[i]!.startSec < 30 || (ms[i]!.printedIndex ?? i) === (ms[j]!.printedIndex ?? j)) continue;
      let dot = 0;
      for (let p = 0; p < 128; p++) dot += hist[i]![p]! * hist[j]![p]!;
      sim = Math.max(sim, dot);
    }
    scored.push({ i: j, sim });
  }
  if (scored.length === 0) return firstMeasureWithNotes(score);
  scored.sort((a, b) => b.sim - a.sim);
  return scored[rng.int(0, Math.min(2, scored.length - 1))]!.i;
}

/** Plans what the players play for one event kind; null when the score cannot have it (no repeat). */
export function planProgram(score: Score, kind: EventKind, seconds: number, rng: Rng): ProgramPlan | null {
  const onsets = distinctOnsets(score);
  const n = score.measures.length;
  const one = (start: number): MeasureRange[] => [{ start, end: endAfter(score, start, seconds), restart: false }];
  switch (kind) {
    case 'from-start':
      return { kind, ranges: one(firstMeasureWithNotes(score)) };
    case 'mid-start':
      return { kind, ranges: one(pickMidMovementStart(score, { seconds, fromStart: false }, rng)) };
    case 'recap-start':
      return { kind, ranges: one(pickRecapStart(score, seconds, rng)) };
    case 'repeat-taken':
    case 'repeat-skipped': {
      const repeats = findRepeats(score);
      if (repeats.length === 0) return null;
      const r = repeats[rng.int(0, repeats.length - 1)]!;
      const before = rng.uniform(0.35, 0.6) * seconds;
      const start = startBefore(score, kind === 'repeat-skipped' ? r.firstEnding : r.second, before);
      if (kind === 'repeat-taken') return { kind, ranges: [{ start, end: endAfter(score, r.second, seconds - before), restart: false }] };
      return {
        kind,
        ranges: [
          { start, end: r.firstEnding, restart: false },
          { start: r.after, end: endAfter(score, r.after, seconds - before), restart: false },
        ],
      };
    }
    case 'restart-back':
    case 'restart-forward': {
      const firstPart = rng.uniform(0.4, 0.6) * seconds;
      const start = pickMidMovementStart(score, { seconds, fromStart: false }, rng);
      const stop = endAfter(score, start, firstPart);
      const distance = rng.uniform(3, 60);
      const stopSec = boundarySec(score, stop);
      const targetSec = kind === 'restart-back' ? Math.max(boundarySec(score, firstMeasureWithNotes(score)), stopSec - distance) : Math.min(boundarySec(score, n) - (seconds - firstPart), stopSec + distance);
      let again = soundingMeasureNear(score, targetSec, onsets);
      // A restart is a jump of at least 3 s of music, not a bar repeated on the spot.
      if (Math.abs(boundarySec(score, again) - stopSec) < 3) again = kind === 'restart-back' ? startBefore(score, stop, 3) : endAfter(score, stop, 3);
      return {
        kind,
        ranges: [
          { start, end: stop, restart: false },
          { start: again, end: endAfter(score, again, seconds - firstPart), restart: true },
        ],
      };
    }
  }
}

/**
 * Cuts the planned ranges out of the score and joins them into one excerpt (beat 0 = the first range's
 * first downbeat). Notes keep their source-score onset (`scoreOnsetSec`); a note never rings past the end
 * of its range.
 */
export function cutProgram(score: Score, plan: ProgramPlan, fermataBeats: readonly number[] = []): ProgramExcerpt {
  if (score.measures.length === 0 || score.notes.length === 0) throw new Error(`${score.source}: the score has no measures or no notes to cut a performance from`);
  const partsPlaying = new Set<string>();
  const notes: ExcerptNote[] = [];
  const measures: ExcerptMeasure[] = [];
  const segments: ProgramSegment[] = [];
  const tempo: { beat: number; bpm: number }[] = [];
  const fermatas: number[] = [];
  const picked: Score['measures'][number][] = [];
  const noteRanges: { from: number; to: number; offset: number; rangeEnd: number }[] = [];
  let offset = 0;
  for (const range of plan.ranges) {
    const ms = score.measures.slice(range.start, range.end);
    if (ms.length === 0) throw new Error(`${score.source}: empty measure range ${range.start}-${range.end}`);
    picked.push(...ms);
    const from = ms[0]!.startBeat;
    const last = ms[ms.length - 1]!;
    const to = last.startBeat + last.durationBeat;
    const length = quantize(to - from);
    for (const m of ms) measures.push({ number: m.number, startBeat: quantize(offset + m.startBeat - from), durationBeat: quantize(m.durationBeat), timeSignature: m.timeSignature, scoreIndex: m.index });
    for (const t of sliceTempoMap(score.tempoMap, from, to)) if (tempo.length === 0 || tempo[tempo.length - 1]!.bpm !== t.bpm) tempo.push({ beat: quantize(offset + t.beat), bpm: t.bpm });
    for (const b of fermataBeats) if (b >= from - 1e-6 && b < to - 1e-6) fermatas.push(quantize(offset + b - from));
    segments.push({
      startBeat: offset,
      endBeat: offset + length,
      scoreStartSec: ms[0]!.startSec,
      scoreEndSec: beatToSecWith(score.tempoMap, to),
      restart: range.restart,
      firstMeasure: ms[0]!.number,
      lastMeasure: last.number,
    });
    noteRanges.push({ from, to, offset, rangeEnd: offset + length });
    for (const note of score.notes) if (note.onsetBeat >= from - 1e-6 && note.onsetBeat < to - 1e-6) partsPlaying.add(note.partId);
    offset += length;
  }
  const parts = score.parts.filter((p) => partsPlaying.has(p.id));
  const partIndex = new Map(parts.map((p, i) => [p.id, i]));
  for (const r of noteRanges) {
    const byKey = new Map<string, ExcerptNote>();
    for (const note of score.notes) {
      if (note.onsetBeat < r.from - 1e-6 || note.onsetBeat >= r.to - 1e-6) continue;
      const onsetBeat = quantize(r.offset + note.onsetBeat - r.from);
      if (onsetBeat >= r.rangeEnd) continue;
      const durationBeat = Math.max(1 / 8, Math.min(quantize(note.durationBeat), r.rangeEnd - onsetBeat));
      const index = partIndex.get(note.partId) ?? 0;
      const key = `${index}:${note.pitch}:${onsetBeat}`;
      const prior = byKey.get(key);
      if (!prior || prior.durationBeat < durationBeat) byKey.set(key, { partIndex: index, pitch: note.pitch, onsetBeat, durationBeat, measure: note.measure, scoreOnsetSec: note.onsetSec });
    }
    notes.push(...byKey.values());
  }
  notes.sort((a, b) => a.onsetBeat - b.onsetBeat || a.partIndex - b.partIndex || a.pitch - b.pitch);
  let sec = 0;
  const tempoMap = tempo.map((c, i) => {
    if (i > 0) sec += ((c.beat - tempo[i - 1]!.beat) * 60) / tempo[i - 1]!.bpm;
    return { beat: c.beat, bpm: c.bpm, sec };
  });
  const first = score.measures[plan.ranges[0]!.start]!;
  return {
    title: score.title,
    composer: score.composer,
    source: score.source,
    parts,
    notes,
    measures,
    tempoMap,
    fermataBeats: [...new Set(fermatas)].sort((a, b) => a - b),
    lengthBeat: offset,
    startBeatInScore: first.startBeat,
    startSecInScore: first.startSec,
    firstMeasure: first.number,
    lastMeasure: picked[picked.length - 1]!.number,
    span: describeSpan(picked),
    segments,
  };
}
