/**
 * Local key finding: Albrecht–Shanahan key profiles scored over a sliding window of slices, then a
 * Viterbi pass over the 24 keys that charges for every modulation (more for distant keys), so the
 * key changes only where the music stays in a new key for a while. Chord evidence (tonic and
 * dominant chords, foreign chords) sharpens where the change happens.
 */
import { ALL_KEYS, type MusicalKey } from './keys.js';
import type { Slice } from './segment.js';

/** Albrecht & Shanahan (2013) major and minor profiles, C = index 0. */
const MAJOR_PROFILE = [0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.08, 0.008, 0.081];
const MINOR_PROFILE = [0.22, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052];

export interface KeyTuning {
  /** Half-width of the evidence window, in quarter notes. */
  readonly windowQuarters: number;
  /** Cost of a modulation, in log-likelihood units of one quarter note of music, when phrase ends are known. */
  readonly modulationCost: number;
  /** The same when no phrase ends are known. */
  readonly modulationCostUnphrased: number;
  /** Extra cost per step on the circle of fifths (a minor key sits with its relative major): near keys are nearer. */
  readonly distanceWeight: number;
  /** Weight of the chord evidence per slice. */
  readonly chordWeight: number;
  /** Evidence for the key of an authentic cadence at a phrase end, per slice, over `cadenceReach` quarters before it. */
  readonly cadenceBonus: number;
  readonly cadenceReach: number;
  /** Pull towards the home key, per quarter note: analysts name the home key unless the music has clearly left it. */
  readonly homeBias: number;
}

export const DEFAULT_KEY_TUNING: KeyTuning = { windowQuarters: 2, modulationCost: 1.5, modulationCostUnphrased: 12, distanceWeight: 0.5, chordWeight: 0.6, homeBias: 0.2, cadenceBonus: 0.3, cadenceReach: 8 };

/** Steps on the circle of fifths between two keys, a minor key placed with its relative major (0–6). */
const KEY_DISTANCE: Float64Array = (() => {
  const pos = (k: number): number => {
    const tonic = k % 12;
    const major = k < 12 ? tonic : (tonic + 3) % 12;
    return (major * 7) % 12; // position on the circle of fifths
  };
  const out = new Float64Array(24 * 24);
  for (let a = 0; a < 24; a++) {
    for (let b = 0; b < 24; b++) {
      const d = Math.abs(pos(a) - pos(b));
      out[a * 24 + b] = Math.min(d, 12 - d);
    }
  }
  return out;
})();

/** log profile per key: LOG_PROFILES[key][pc]. */
const LOG_PROFILES: readonly Float64Array[] = ALL_KEYS.map((k) => {
  const profile = k.mode === 'major' ? MAJOR_PROFILE : MINOR_PROFILE;
  const sum = profile.reduce((a, b) => a + b, 0);
  return Float64Array.from({ length: 12 }, (_, p) => Math.log(profile[(p - k.tonic + 12) % 12] / sum));
});

/** Per-slice log-likelihood of each key from the pitch classes around it. */
function profileEvidence(slices: readonly Slice[], windowQuarters: number): Float64Array[] {
  // Prefix sums of pitch-class weight let every window be read in O(12).
  const prefix: Float64Array[] = [new Float64Array(12)];
  for (const s of slices) {
    const next = Float64Array.from(prefix[prefix.length - 1]);
    let total = 0;
    for (let p = 0; p < 12; p++) total += s.weights[p];
    // Normalise per quarter note so loud, thick slices do not dominate thin ones.
    const scale = total > 0 ? (s.endBeat - s.startBeat) / total : 0;
    for (let p = 0; p < 12; p++) next[p] += s.weights[p] * scale;
    prefix.push(next);
  }
  const out: Float64Array[] = [];
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < slices.length; k++) {
    const centre = slices[k].startBeat;
    while (slices[lo].endBeat < centre - windowQuarters) lo++;
    while (hi < slices.length && slices[hi].startBeat < centre + windowQuarters) hi++;
    const hist = new Float64Array(12);
    let total = 0;
    for (let p = 0; p < 12; p++) {
      hist[p] = prefix[hi][p] - prefix[lo][p];
      total += hist[p];
    }
    const ev = new Float64Array(24);
    if (total > 0) {
      const span = slices[k].endBeat - slices[k].startBeat;
      for (let key = 0; key < 24; key++) {
        let ll = 0;
        for (let p = 0; p < 12; p++) ll += hist[p] * LOG_PROFILES[key][p];
        ev[key] = (ll / total) * span; // mean log-likelihood per quarter, for this slice's length
      }
    }
    out.push(ev);
  }
  return out;
}

/**
 * One key per slice. `chordEvidence`, when given, adds per-slice, per-key scores (index tonic + 12·minor),
 * e.g. from the chords already labelled.
 */
/** The home key (index tonic + 12·minor): the best key for the whole piece by its pitch-class profile. */
export function homeKey(slices: readonly Slice[]): number {
  const whole = profileEvidence(slices, Number.POSITIVE_INFINITY);
  const total = new Float64Array(24);
  for (const e of whole) for (let key = 0; key < 24; key++) total[key] += e[key];
  let best = 0;
  const length = slices.length > 0 ? slices[slices.length - 1].endBeat - slices[0].startBeat : 1;
  for (let key = 0; key < 24; key++) {
    total[key] = total[key] / Math.max(length, 1);
    if (total[key] > total[best]) best = key;
  }
  return best;
}

export function findKeys(
  slices: readonly Slice[],
  tuning: KeyTuning = DEFAULT_KEY_TUNING,
  chordEvidence?: readonly Float64Array[],
  home?: number,
): MusicalKey[] {
  const n = slices.length;
  if (n === 0) return [];
  const ev = profileEvidence(slices, tuning.windowQuarters);
  if (home !== undefined) for (let k = 0; k < n; k++) ev[k][home] += tuning.homeBias * (slices[k].endBeat - slices[k].startBeat);
  const back = new Int32Array(n * 24);
  let prev = new Float64Array(24);
  let cur = new Float64Array(24);
  for (let k = 0; k < n; k++) {
    const e = ev[k];
    if (chordEvidence) for (let key = 0; key < 24; key++) e[key] += tuning.chordWeight * chordEvidence[k][key];
    if (k === 0) {
      prev.set(e);
      continue;
    }
    for (let j = 0; j < 24; j++) {
      let from = j;
      let score = prev[j];
      for (let i = 0; i < 24; i++) {
        if (i === j) continue;
        const v = prev[i] - tuning.modulationCost * (1 + tuning.distanceWeight * KEY_DISTANCE[i * 24 + j]);
        if (v > score) {
          score = v;
          from = i;
        }
      }
      cur[j] = score + e[j];
      back[k * 24 + j] = from;
    }
    [prev, cur] = [cur, prev];
  }
  let state = 0;
  for (let j = 1; j < 24; j++) if (prev[j] > prev[state]) state = j;
  const path: MusicalKey[] = new Array<MusicalKey>(n);
  for (let k = n - 1; k >= 0; k--) {
    path[k] = ALL_KEYS[state];
    if (k > 0) state = back[k * 24 + state];
  }
  return path;
}
