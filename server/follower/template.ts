/**
 * The score as the aligner sees it: one unit-length 88-bin pitch vector per score frame
 * (at the salience frame rate), plus the score time of each frame.
 *
 * Two deliberate departures from a plain piano roll, both measured on Bach10 (docs/follower.md):
 * - written gaps (rests, articulation gaps) are filled with the chord before them, because players
 *   and the hall keep sounding through them;
 * - long gaps are shortened to `maxGapSec` of template frames, so a fermata-like pause in the score
 *   does not make the follower wade through frames that match nothing.
 */
import type { Score } from '../score/types.js';

export const PITCH_BINS = 88;
export const LOWEST_MIDI = 21;

export interface Template {
  readonly frameRate: number;
  readonly nFrames: number;
  /** nFrames × 88, each row L2-normalised. */
  readonly vectors: Float32Array;
  /** Score time (notated tempo) of each template frame; non-decreasing. */
  readonly scoreSec: Float64Array;
  /** For each frame: the latest frame ≤ it where a new chord (event) starts; -1 before the first. */
  readonly eventStart: Int32Array;
  /** For each event-start frame: the pitch bins attacked there (empty array elsewhere). */
  readonly attacks: readonly (readonly number[])[];
  /** For each event-start frame: score seconds since the previous event started (Infinity for the first). */
  readonly attackGapSec: Float64Array;
  /** Score time of the first note onset and of the last note end. */
  readonly startSec: number;
  readonly endSec: number;
  /**
   * Score time of each frame mapped onto the first performance of its printed bar: frames of a repeat's
   * second pass get their first pass's time, so "the same music on the page" compares equal.
   * Absent: same as `scoreSec`.
   */
  readonly printedSec?: Float64Array;
}

export interface TemplateOptions {
  readonly frameRate: number;
  /** Longest stretch of score silence kept in the template (seconds). */
  readonly maxGapSec?: number;
  /**
   * Decay time constant (seconds) of a note's expected activity after its written end: halls and
   * instruments ring on, and in sparse passages that ringing is most of what the model hears. 0 = none.
   */
  readonly tailSec?: number;
}

/** Builds the template; throws (naming the score) when the score has no pitched notes. */
export function buildTemplate(score: Pick<Score, 'notes' | 'source'> & Partial<Pick<Score, 'measures'>>, options: TemplateOptions): Template {
  const { frameRate } = options;
  const maxGapSec = options.maxGapSec ?? 1;
  const tailSec = options.tailSec ?? 0;
  const notes = score.notes.filter((n) => n.pitch >= LOWEST_MIDI && n.pitch < LOWEST_MIDI + PITCH_BINS && n.durationSec > 0);
  if (notes.length === 0) throw new Error(`${score.source}: the score has no notes in MIDI ${LOWEST_MIDI}..${LOWEST_MIDI + PITCH_BINS - 1} to follow`);
  // A loop, not Math.min(...spread): a long work's 150k+ notes overflow the call stack.
  let startSec = Infinity;
  let endSec = -Infinity;
  for (const n of notes) {
    startSec = Math.min(startSec, n.onsetSec);
    endSec = Math.max(endSec, n.onsetSec + n.durationSec);
  }

  // Piano roll on a uniform grid of score time, and the pitches attacked on each grid frame.
  const gridFrames = Math.max(1, Math.ceil((endSec - startSec) * frameRate));
  const roll = new Float32Array(gridFrames * PITCH_BINS);
  const gridAttacks = new Map<number, number[]>();
  for (const n of notes) {
    const a = Math.max(0, Math.round((n.onsetSec - startSec) * frameRate));
    const list = gridAttacks.get(a) ?? [];
    if (!list.includes(n.pitch - LOWEST_MIDI)) list.push(n.pitch - LOWEST_MIDI);
    gridAttacks.set(a, list);
    const b = Math.min(gridFrames, Math.max(a + 1, Math.round((n.onsetSec + n.durationSec - startSec) * frameRate)));
    const bin = n.pitch - LOWEST_MIDI;
    for (let f = a; f < b; f++) roll[f * PITCH_BINS + bin] = 1;
    if (tailSec > 0) {
      // Exponential ring-down after the written end, down to 10 %.
      const tailFrames = Math.min(gridFrames - b, Math.ceil(tailSec * Math.log(10) * frameRate));
      for (let k = 0; k < tailFrames; k++) {
        const i = (b + k) * PITCH_BINS + bin;
        roll[i] = Math.max(roll[i]!, Math.exp(-(k + 1) / (tailSec * frameRate)));
      }
    }
  }

  // Walk the grid, filling gaps with the previous chord and dropping gap frames beyond maxGapSec.
  const maxGapFrames = Math.max(1, Math.round(maxGapSec * frameRate));
  const keep: number[] = [];
  const source: number[] = [];
  let lastSounding = 0;
  let gapRun = 0;
  for (let f = 0; f < gridFrames; f++) {
    let sounding = false;
    for (let k = 0; k < PITCH_BINS; k++) if (roll[f * PITCH_BINS + k] !== 0) { sounding = true; break; }
    if (sounding) {
      lastSounding = f;
      gapRun = 0;
    } else {
      gapRun++;
      if (gapRun > maxGapFrames) continue;
    }
    keep.push(f);
    source.push(lastSounding);
  }
  const nFrames = keep.length;
  const vectors = new Float32Array(nFrames * PITCH_BINS);
  const scoreSec = new Float64Array(nFrames);
  for (let i = 0; i < nFrames; i++) {
    const src = source[i]! * PITCH_BINS;
    let norm = 0;
    for (let k = 0; k < PITCH_BINS; k++) norm += roll[src + k]! * roll[src + k]!;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < PITCH_BINS; k++) vectors[i * PITCH_BINS + k] = roll[src + k]! * inv;
    scoreSec[i] = startSec + keep[i]! / frameRate;
  }
  const eventStart = new Int32Array(nFrames);
  const attacks: (readonly number[])[] = [];
  const attackGapSec = new Float64Array(nFrames);
  let latest = -1;
  for (let i = 0; i < nFrames; i++) {
    const hit = gridAttacks.get(keep[i]!);
    if (hit) {
      attackGapSec[i] = latest < 0 ? Infinity : (keep[i]! - keep[latest]!) / frameRate;
      latest = i;
    }
    eventStart[i] = latest;
    attacks.push(hit ?? []);
  }
  return { frameRate, nFrames, vectors, scoreSec, eventStart, attacks, attackGapSec, startSec, endSec, printedSec: printedTimes(score.measures ?? [], scoreSec) };
}

/** `Template.printedSec`: each time moved to the first performance of its printed measure. */
function printedTimes(ms: Score['measures'], scoreSec: Float64Array): Float64Array {
  const firstStart = new Map<number, number>();
  const out = Float64Array.from(scoreSec);
  for (const measure of ms) {
    if (measure.printedIndex !== undefined && !firstStart.has(measure.printedIndex)) firstStart.set(measure.printedIndex, measure.startSec);
  }
  let m = 0;
  for (let i = 0; i < scoreSec.length; i++) {
    while (m + 1 < ms.length && ms[m + 1]!.startSec <= scoreSec[i]!) m++;
    const measure = ms[m];
    if (!measure || measure.printedIndex === undefined) continue;
    out[i] = firstStart.get(measure.printedIndex)! + (scoreSec[i]! - measure.startSec);
  }
  return out;
}

/** The template frame at or just before a score time (binary search). */
export function templateIndexAt(template: Template, scoreSec: number): number {
  const s = template.scoreSec;
  let lo = 0;
  let hi = template.nFrames - 1;
  if (scoreSec <= s[0]!) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid]! <= scoreSec) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
