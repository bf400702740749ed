/**
 * Local key finding: Albrecht–Shanahan key profiles scored over a sliding window of slices, then a
 * Viterbi pass over the 24 keys that charges for every modulation (more for distant keys), so the
 * key changes only where the music stays in a new key for a while. Chord evidence (tonic and
 * dominant chords, foreign chords) sharpens where the change happens.
 */
import { ALL_KEYS, type MusicalKey } from './keys.js';
import type { Slice } from './segment.js';

/** Major and minor key profiles, C = index 0 (only their shape matters: they are normalised). */
export const KEY_PROFILES = {
  /** Albrecht & Shanahan (2013), pitch-class distributions of major- and minor-key passages. */
  'albrecht-shanahan': {
    major: [0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.08, 0.008, 0.081],
    minor: [0.22, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052],
  },
  /** Krumhansl & Kessler (1982), probe-tone ratings. */
  'krumhansl-kessler': {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  /** Temperley (2007), Kostka–Payne corpus: how often each degree sounds in a segment. */
  temperley: {
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
} as const;

export type KeyProfileName = keyof typeof KEY_PROFILES;

export interface KeyTuning {
  /** Which key profiles score the pitch classes. */
  readonly profile: KeyProfileName;
  /** Half-width of the evidence window, in quarter notes. */
  readonly windowQuarters: number;
  /** Cost of a modulation, in log-likelihood units of one quarter note of music, when phrase ends are known. */
  readonly modulationCost: number;
  /** The same when no phrase ends are known. */
  readonly modulationCostUnphrased: number;
  /** Factor on the modulation cost at the first slice of a phrase (phrase ends known). */
  readonly phraseStartFactor: number;
  /** Extra cost per step on the circle of fifths (a minor key sits with its relative major): near keys are nearer. */
  readonly distanceWeight: number;
  /** Weight of the chord evidence per slice. */
  readonly chordWeight: number;
  /** Evidence for the key of an authentic cadence at a phrase end, per slice, over `cadenceReach` quarters before it. */
  readonly cadenceBonus: number;
  readonly cadenceReach: number;
  /** Pull towards the home key, per quarter note: analysts name the home key unless the music has clearly left it. */
  readonly homeBias: number;
  /** Extra pull towards the home key on the first and last slice: a piece begins and ends at home. */
  readonly homeStartEndBias: number;
  /** Longest stay (quarters) in a major key's relative minor, between stretches of the major, still read as a tonicisation of vi. */
  readonly relativeMinorMaxQuarters: number;
  /** Longest stay (quarters) in the dominant key that is only V/V → V at a phrase end, still read as a half cadence. */
  readonly halfCadenceMaxQuarters: number;
  /** Longest key stay (quarters) that, without a dominant chord of its key, is still no modulation. */
  readonly keyWithoutDominantMaxQuarters: number;
}

export const DEFAULT_KEY_TUNING: KeyTuning = { profile: 'albrecht-shanahan', windowQuarters: 2, modulationCost: 1.5, modulationCostUnphrased: 12, phraseStartFactor: 0.5, distanceWeight: 0.5, chordWeight: 0.6, homeBias: 0.2, homeStartEndBias: 2, cadenceBonus: 0.3, cadenceReach: 8, relativeMinorMaxQuarters: 8, halfCadenceMaxQuarters: 4, keyWithoutDominantMaxQuarters: 4 };

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

/** log profile per key: logProfiles(name)[key][pc]. */
function logProfiles(name: KeyProfileName): readonly Float64Array[] {
  return ALL_KEYS.map((k) => {
    const profile = KEY_PROFILES[name][k.mode];
    const sum = profile.reduce((a, b) => a + b, 0);
    return Float64Array.from({ length: 12 }, (_, p) => Math.log(profile[(p - k.tonic + 12) % 12] / sum));
  });
}

const LOG_PROFILES = new Map((Object.keys(KEY_PROFILES) as KeyProfileName[]).map((name) => [name, logProfiles(name)]));

/** Per-slice log-likelihood of each key from the pitch classes around it. */
function profileEvidence(slices: readonly Slice[], windowQuarters: number, profile: KeyProfileName, phrase?: Int32Array): Float64Array[] {
  const logProfile = LOG_PROFILES.get(profile)!;
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
    // The window stays inside the slice's phrase: a cadence's key should not leak into the next phrase's start.
    let from = lo;
    let to = hi;
    if (phrase) {
      while (from < k && phrase[from] !== phrase[k]) from++;
      while (to > k + 1 && phrase[to - 1] !== phrase[k]) to--;
    }
    const hist = new Float64Array(12);
    let total = 0;
    for (let p = 0; p < 12; p++) {
      hist[p] = prefix[to][p] - prefix[from][p];
      total += hist[p];
    }
    const ev = new Float64Array(24);
    if (total > 0) {
      const span = slices[k].endBeat - slices[k].startBeat;
      for (let key = 0; key < 24; key++) {
        let ll = 0;
        for (let p = 0; p < 12; p++) ll += hist[p] * logProfile[key][p];
        ev[key] = (ll / total) * span; // mean log-likelihood per quarter, for this slice's length
      }
    }
    out.push(ev);
  }
  return out;
}

/** The home key (index tonic + 12·minor): the best key for the whole piece by its pitch-class profile. */
export function homeKey(slices: readonly Slice[], profile: KeyProfileName = DEFAULT_KEY_TUNING.profile): number {
  const whole = profileEvidence(slices, Number.POSITIVE_INFINITY, profile);
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

/**
 * One key per slice. `chordEvidence`, when given, adds per-slice, per-key scores (index tonic + 12·minor),
 * e.g. from the chords already labelled; `home` is pulled towards; `phrase` (phrase number per slice,
 * when phrase ends are known) keeps evidence windows inside phrases and makes keys change at phrase starts.
 */
export function findKeys(
  slices: readonly Slice[],
  tuning: KeyTuning = DEFAULT_KEY_TUNING,
  chordEvidence?: readonly Float64Array[],
  home?: number,
  phrase?: Int32Array,
): MusicalKey[] {
  const n = slices.length;
  if (n === 0) return [];
  const ev = profileEvidence(slices, tuning.windowQuarters, tuning.profile, phrase);
  if (home !== undefined) for (let k = 0; k < n; k++) ev[k][home] += tuning.homeBias * (slices[k].endBeat - slices[k].startBeat);
  const back = new Int32Array(n * 24);
  let prev = new Float64Array(24);
  let cur = new Float64Array(24);
  for (let k = 0; k < n; k++) {
    const e = ev[k];
    if (chordEvidence) for (let key = 0; key < 24; key++) e[key] += tuning.chordWeight * chordEvidence[k][key];
    if (k === 0) {
      prev.set(e);
      if (home !== undefined) prev[home] += tuning.homeStartEndBias;
      continue;
    }
    // Analysts move the key most readily where a new phrase begins.
    const cost = tuning.modulationCost * (phrase && phrase[k] !== phrase[k - 1] ? tuning.phraseStartFactor : 1);
    for (let j = 0; j < 24; j++) {
      let from = j;
      let score = prev[j];
      for (let i = 0; i < 24; i++) {
        if (i === j) continue;
        const v = prev[i] - cost * (1 + tuning.distanceWeight * KEY_DISTANCE[i * 24 + j]);
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
  // A piece that ends on its home tonic in the bass ends in its home key (a guard for short pieces and Picardy thirds).
  let last = n - 1;
  while (last > 0 && slices[last].bassPitch < 0) last--;
  if (home !== undefined && slices[last].bassPitch % 12 === home % 12) {
    prev[home] += tuning.homeStartEndBias;
    prev[(home + 12) % 24] += tuning.homeStartEndBias; // or its parallel key: a tierce de Picardie, kept in minor later
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
