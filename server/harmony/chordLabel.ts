/**
 * Chord labelling: every slice is scored against chord templates (12 roots × the qualities below),
 * then a Viterbi pass picks one chord per slice, charging for each change (cheaper on downbeats), so
 * repeated chords merge and brief passing sonorities are absorbed.
 */
import { QUALITY_INTERVALS, type Quality } from './chord.js';
import { MAJOR_SCALE, pc, type MusicalKey } from './keys.js';
import type { Slice } from './segment.js';

/** The qualities the labeller may choose; augmented-sixth chords are left to the human analyses. */
export const LABEL_QUALITIES: readonly Quality[] = ['M', 'm', 'dim', 'aug', '7', 'maj7', 'm7', 'm7b5', 'dim7'];

// Sevenths cost a little more than triads: a passing seventh off the beat should not make V into V7.
const QUALITY_PRIOR: Readonly<Record<string, number>> = { M: 0, m: 0, dim: -0.06, aug: -0.25, '7': -0.07, maj7: -0.16, m7: -0.12, m7b5: -0.09, dim7: -0.02 };
/** Below this share of the slice's weight a chord member counts as missing (the seventh needs more). */
const PRESENT = 0.03;
const SEVENTH_PRESENT = 0.08;
const MISSING = [0.3, 0.18, 0.04, 0.35];
const OUTSIDE = 0.7;

export interface ChordTuning {
  /** Cost of changing chord on a downbeat / elsewhere, in units of one slice's normalised evidence. */
  readonly changeDownbeat: number;
  readonly changeOther: number;
  /** Bonus for chords that belong to the local key. */
  readonly diatonic: number;
  /**
   * Weight of how common each chord is in its key (log-probability, I and V common, iii rare) once
   * the keys are final: between readings the notes leave open (I6 or iii), the common one.
   */
  readonly functionPrior: number;
}

export const DEFAULT_CHORD_TUNING: ChordTuning = { changeDownbeat: 0.15, changeOther: 0.2, diatonic: 0.15, functionPrior: 0.05 };

export interface Template {
  readonly root: number;
  readonly quality: Quality;
  readonly members: readonly number[];
}

const TEMPLATES: readonly Template[] = LABEL_QUALITIES.flatMap((quality) =>
  Array.from({ length: 12 }, (_, root) => ({ root, quality, members: QUALITY_INTERVALS[quality].map((i) => (root + i) % 12) })),
);

export const templateCount = TEMPLATES.length;
export const templateAt = (i: number): Template => TEMPLATES[i];

/** Chords native to a key (harmonic minor adds V, V7 and viio7 in minor), as `${root}:${quality}`. */
function keyChords(key: MusicalKey): Set<string> {
  const set = new Set<string>();
  const add = (degreeSemis: number, q: Quality): void => void set.add(`${pc(key.tonic + degreeSemis)}:${q}`);
  if (key.mode === 'major') {
    const triads: Quality[] = ['M', 'm', 'm', 'M', 'M', 'm', 'dim'];
    const sevenths: Quality[] = ['maj7', 'm7', 'm7', 'maj7', '7', 'm7', 'm7b5'];
    MAJOR_SCALE.forEach((s, d) => {
      add(s, triads[d]);
      add(s, sevenths[d]);
    });
    add(11, 'dim7');
  } else {
    const entries: [number, Quality][] = [
      [0, 'm'], [0, 'm7'], [2, 'dim'], [2, 'm7b5'], [3, 'M'], [3, 'maj7'], [5, 'm'], [5, 'm7'], [5, 'M'],
      [7, 'M'], [7, '7'], [7, 'm'], [8, 'M'], [8, 'maj7'], [10, 'M'], [10, '7'], [11, 'dim'], [11, 'dim7'], [9, 'dim'],
      [0, 'M'], // the major tonic that ends many minor-key pieces (tierce de Picardie)
    ];
    for (const [s, q] of entries) add(s, q);
  }
  return set;
}


/** Dominant-function chords that point at a diatonic degree (V/x, viio/x): weaker support than diatonic ones. */
function appliedBonus(t: Template, keyChordSet: Set<string>): boolean {
  if (t.quality === 'M' || t.quality === '7') {
    const target = (t.root + 5) % 12;
    return keyChordSet.has(`${target}:M`) || keyChordSet.has(`${target}:m`);
  }
  if (t.quality === 'dim' || t.quality === 'dim7' || t.quality === 'm7b5') {
    const target = (t.root + 1) % 12;
    return keyChordSet.has(`${target}:M`) || keyChordSet.has(`${target}:m`);
  }
  return false;
}

/** Per key (index tonic + 12·minor) and template: 2 diatonic, 1 applied dominant, 0 foreign. Precomputed once. */
const KEY_FIT: readonly Uint8Array[] = Array.from({ length: 24 }, (_, i) => {
  const set = keyChords({ tonic: i % 12, mode: i < 12 ? 'major' : 'minor' });
  return Uint8Array.from(TEMPLATES, (t) => (set.has(`${t.root}:${t.quality}`) ? 2 : appliedBonus(t, set) ? 1 : 0));
});

/** Evidence for every template in one slice (higher is better); all zero for a silent slice. */
export function templateScores(slice: Slice, key: MusicalKey | undefined, tuning: ChordTuning): Float64Array {
  const out = new Float64Array(TEMPLATES.length);
  let total = 0;
  for (let i = 0; i < 12; i++) total += slice.weights[i];
  if (total <= 0) return out;
  const w = Array.from(slice.weights, (x) => x / total);
  const bass = slice.bassPitch >= 0 ? slice.bassPitch % 12 : -1;
  const fit = key ? KEY_FIT[key.tonic + (key.mode === 'minor' ? 12 : 0)] : undefined;
  TEMPLATES.forEach((t, idx) => {
    let inside = 0;
    let score = QUALITY_PRIOR[t.quality];
    t.members.forEach((m, j) => {
      inside += w[m];
      if (w[m] < (j === 3 ? SEVENTH_PRESENT : PRESENT)) score -= MISSING[j];
    });
    score += inside - OUTSIDE * (1 - inside);
    if (bass === t.root) score += 0.1;
    else if (t.members.includes(bass)) score += 0.02;
    else score -= 0.05;
    if (fit) score += (fit[idx] * tuning.diatonic) / 2;
    if (key && tuning.functionPrior > 0) score += tuning.functionPrior * (KEY_EVIDENCE[idx][key.tonic + (key.mode === 'minor' ? 12 : 0)] - Math.log(0.25));
    out[idx] = score;
  });
  return out;
}

/** One template index per slice, by Viterbi with a per-change cost. */
export function labelSlices(slices: readonly Slice[], keys: readonly (MusicalKey | undefined)[], tuning: ChordTuning = DEFAULT_CHORD_TUNING): Int32Array {
  const n = slices.length;
  const T = TEMPLATES.length;
  const back = new Int32Array(n * T);
  let prev = new Float64Array(T);
  let cur = new Float64Array(T);
  for (let k = 0; k < n; k++) {
    const ev = templateScores(slices[k], keys[k], tuning);
    if (k === 0) {
      prev.set(ev);
      continue;
    }
    let best = 0;
    for (let j = 1; j < T; j++) if (prev[j] > prev[best]) best = j;
    const change = slices[k].strength === 0 ? tuning.changeDownbeat : tuning.changeOther;
    for (let j = 0; j < T; j++) {
      const stay = prev[j];
      const move = prev[best] - change;
      if (stay >= move) {
        cur[j] = stay + ev[j];
        back[k * T + j] = j;
      } else {
        cur[j] = move + ev[j];
        back[k * T + j] = best;
      }
    }
    [prev, cur] = [cur, prev];
  }
  const path = new Int32Array(n);
  if (n === 0) return path;
  let state = 0;
  for (let j = 1; j < T; j++) if (prev[j] > prev[state]) state = j;
  for (let k = n - 1; k >= 0; k--) {
    path[k] = state;
    if (k > 0) state = back[k * T + state];
  }
  return path;
}

/**
 * Rough probabilities of a chord given the key, by function (tonic and dominant most common; foreign
 * chords rare), from common-practice usage. Their logs are the chord evidence for each key.
 */
const MAJOR_FUNCTIONS: readonly [number, readonly Quality[], number][] = [
  [0, ['M', 'maj7'], 0.25], [7, ['M', '7'], 0.2], [5, ['M', 'maj7'], 0.1], [2, ['m', 'm7'], 0.1], [9, ['m', 'm7'], 0.07],
  [4, ['m', 'm7'], 0.03], [11, ['dim', 'm7b5', 'dim7'], 0.05],
];
const MINOR_FUNCTIONS: readonly [number, readonly Quality[], number][] = [
  [0, ['m', 'm7'], 0.25], [7, ['M', '7'], 0.2], [5, ['m', 'm7'], 0.1], [2, ['dim', 'm7b5'], 0.06], [8, ['M', 'maj7'], 0.07],
  [3, ['M', 'maj7'], 0.04], [10, ['M', '7'], 0.02], [11, ['dim', 'dim7'], 0.06], [7, ['m'], 0.01], [0, ['M'], 0.01], [5, ['M'], 0.01],
];
const APPLIED_PROBABILITY = 0.015;
const FOREIGN_PROBABILITY = 0.002;

const KEY_EVIDENCE: readonly Float64Array[] = TEMPLATES.map((t, idx) =>
  Float64Array.from({ length: 24 }, (_, keyIdx) => {
    const tonic = keyIdx % 12;
    const rel = (t.root - tonic + 12) % 12;
    const table = keyIdx >= 12 ? MINOR_FUNCTIONS : MAJOR_FUNCTIONS;
    const entry = table.find(([r, qs]) => r === rel && qs.includes(t.quality));
    const p = entry ? entry[2] : KEY_FIT[keyIdx][idx] >= 1 ? APPLIED_PROBABILITY : FOREIGN_PROBABILITY;
    return Math.log(p);
  }),
);

/** Key evidence of a labelled chord, scaled by how long it lasts (quarters). */
export function chordKeyEvidence(template: number, quarters: number): Float64Array {
  const base = KEY_EVIDENCE[template];
  return base.map((e) => e * quarters);
}
