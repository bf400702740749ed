/** Adjustments around the key finder that encode how analysts name keys at cadences and endings. */
import { templateAt, type Template } from './chordLabel.js';
import type { KeyTuning } from './keyFinder.js';
import { pc, sameKey, type MusicalKey } from './keys.js';
import type { Slice } from './segment.js';

/**
 * Is the chord vii° (or, with `halfDiminished`, viiø7) of `tonic`? A diminished seventh sounds the
 * same from any of its four notes, and its template root is arbitrary: any of them may be the leading tone.
 */
function leadingToneChordOf(t: Template, tonic: number, halfDiminished: boolean): boolean {
  const leadingTone = pc(tonic + 11);
  if (t.quality === 'dim7') return t.members.includes(leadingTone);
  return t.root === leadingTone && (t.quality === 'dim' || (halfDiminished && t.quality === 'm7b5'));
}

/**
 * A dominant resolving to a tonic where the melody comes to rest confirms that tonic's key: human
 * analysts change key at such cadences, not at passing tonicisations, so the key finder is told so.
 */
export function addCadenceEvidence(slices: readonly Slice[], chords: Int32Array, evidence: Float64Array[], atRest: readonly boolean[], tuning: KeyTuning): void {
  for (let k = 1; k < slices.length; k++) {
    if (chords[k] === chords[k - 1]) continue;
    const arrival = templateAt(chords[k]);
    const before = templateAt(chords[k - 1]);
    const minor = arrival.quality === 'm';
    if (!minor && arrival.quality !== 'M') continue;
    const dominant = (before.quality === 'M' || before.quality === '7') && before.root === (arrival.root + 7) % 12;
    const leading = leadingToneChordOf(before, arrival.root, false);
    if (!dominant && !leading) continue;
    // Root-position bass 5 → 1 counts as cadential even where no phrase end is known.
    const bassFifthToRoot = slices[k - 1].bassPitch % 12 === before.root && slices[k].bassPitch % 12 === arrival.root;
    const resting = atRest[k] || (k + 1 < slices.length && atRest[k + 1] && chords[k + 1] === chords[k]);
    if (!resting && !bassFifthToRoot) continue;
    const key = arrival.root + (minor ? 12 : 0);
    const bonus = tuning.cadenceBonus * (resting ? 2 : 1);
    // Back to the previous phrase end at most: the cadence speaks for its own phrase.
    for (let j = k; j >= 0 && slices[j].startBeat >= slices[k].startBeat - tuning.cadenceReach && (j === k || !atRest[j]); j--) {
      evidence[j][key] += bonus;
      // A major tonic at a phrase end may be a tierce de Picardie closing a phrase in the minor: both keys gain.
      if (resting && !minor) evidence[j][arrival.root + 12] += bonus;
    }
  }
}

/** A closing major tonic after a minor key is a tierce de Picardie, not a move to the major key. */
export function keepPicardyThird(keys: MusicalKey[], slices: readonly Slice[]): MusicalKey[] {
  const n = keys.length;
  if (n === 0) return keys;
  const final = keys[n - 1];
  let start = n - 1;
  while (start > 0 && sameKey(keys[start - 1], final)) start--;
  const before = keys[start - 1];
  let lastSounding = n - 1;
  while (lastSounding > start && slices[lastSounding].bassPitch < 0) lastSounding--;
  const short = slices[lastSounding].endBeat - slices[start].startBeat <= 4;
  if (start > 0 && short && final.mode === 'major' && before.mode === 'minor' && before.tonic === final.tonic) {
    return keys.map((k, i) => (i >= start ? before : k));
  }
  return keys;
}

/**
 * A modulation is written where the new key's dominant sounds: the key path, which needs a window of
 * evidence, tends to switch one chord late, on the new tonic. Moves such a change back onto the
 * dominant (V, V7, viio) of the new key just before it, unless that chord ends a phrase.
 */
export function placeKeyChangesOnDominants(keys: readonly MusicalKey[], chords: Int32Array, atRest: readonly boolean[]): MusicalKey[] {
  const out = [...keys];
  for (let k = 1; k < keys.length; k++) {
    if (sameKey(keys[k - 1], keys[k])) continue;
    const t = templateAt(chords[k - 1]);
    const tonic = keys[k].tonic;
    const dominant = t.root === pc(tonic + 7) && (t.quality === 'M' || t.quality === '7');
    const leading = leadingToneChordOf(t, tonic, true);
    if (!dominant && !leading) continue;
    let b = k - 1;
    while (b > 0 && chords[b - 1] === chords[k - 1] && sameKey(keys[b - 1], keys[k - 1])) b--;
    let rest = false;
    for (let j = b; j < k; j++) rest ||= atRest[j];
    if (rest) continue;
    for (let j = b; j < k; j++) out[j] = keys[k];
  }
  return out;
}

/**
 * In a major key, V/vi → vi is a tonicisation, not a modulation: a short stay (at most `maxQuarters`)
 * in the relative minor with that major on both sides is read in the major, as the analysts write it.
 * The piece's home key is never absorbed (a minor piece's own tonic is no tonicisation), and a short
 * relative major inside a minor key is left alone (III is a real key area in minor; absorbing it scored lower).
 */
export function absorbRelativeMinor(keys: readonly MusicalKey[], slices: readonly Slice[], maxQuarters: number, home: MusicalKey): MusicalKey[] {
  const out = [...keys];
  const runs = keyRuns(keys);
  for (let i = 1; i + 1 < runs.length; i++) {
    const key = keys[runs[i].from];
    if (key.mode !== 'minor' || sameKey(key, home)) continue;
    const major: MusicalKey = { tonic: pc(key.tonic + 3), mode: 'major' };
    if (!sameKey(keys[runs[i - 1].from], major) || !sameKey(keys[runs[i + 1].from], major)) continue;
    if (slices[runs[i].to - 1].endBeat - slices[runs[i].from].startBeat > maxQuarters) continue;
    for (let k = runs[i].from; k < runs[i].to; k++) out[k] = major;
  }
  return out;
}

/**
 * A phrase that cadences V → I (or vii° → I) on the tonic of its key stays in that key on the arrival:
 * the analysts name the cadence in the key it confirms (`b: V7 I`, a mid-piece tierce de Picardie in
 * minor too), while the key path, pulled by the next phrase, may already read that tonic as the V of
 * another key (`e: V`). Only arrivals that reach a phrase end are kept.
 */
export function keepCadenceArrivalKey(keys: readonly MusicalKey[], chords: Int32Array, atRest: readonly boolean[]): MusicalKey[] {
  const out = [...keys];
  for (let k = 1; k < keys.length; k++) {
    const key = out[k - 1];
    if (sameKey(key, keys[k]) || chords[k] === chords[k - 1]) continue;
    const arrival = templateAt(chords[k]);
    const before = templateAt(chords[k - 1]);
    if (arrival.root !== key.tonic || (arrival.quality !== 'M' && arrival.quality !== 'm')) continue;
    const dominant = before.root === pc(key.tonic + 7) && (before.quality === 'M' || before.quality === '7');
    const leading = leadingToneChordOf(before, key.tonic, false);
    if (!dominant && !leading) continue;
    let end = k;
    while (end + 1 < keys.length && chords[end + 1] === chords[k] && sameKey(keys[end + 1], keys[k])) end++;
    let rest = false;
    for (let j = k; j <= end; j++) rest ||= atRest[j];
    if (!rest) continue;
    for (let j = k; j <= end; j++) out[j] = key;
  }
  return out;
}

/**
 * A phrase that stops on V after V/V is a half cadence in its key, not a cadence in the dominant key,
 * when the dominant key's tonic sounds only as that arrival: a stay of at most `maxQuarters` in the
 * dominant key of the key before it, ending at a phrase end on the new tonic with no tonic chord of
 * the new key before it (`G: vi V65/V V`, not `D: ii6 V65 I`). A stay where the new tonic is heard
 * before the cadence (`D: I6 I64 V7 I`) keeps its key: the analysts write a cadence in the dominant.
 */
export function readHalfCadencesInKey(keys: readonly MusicalKey[], chords: Int32Array, atRest: readonly boolean[], slices: readonly Slice[], maxQuarters: number): MusicalKey[] {
  const out = [...keys];
  for (const run of keyRuns(keys)) {
    if (run.from === 0) continue;
    const before = keys[run.from - 1];
    const key = keys[run.from];
    if (key.mode !== 'major' || key.tonic !== pc(before.tonic + 7)) continue;
    if (slices[run.to - 1].endBeat - slices[run.from].startBeat > maxQuarters) continue;
    const last = templateAt(chords[run.to - 1]);
    if (last.root !== key.tonic || last.quality !== 'M') continue;
    // The arrival: the stay's last chord, the new tonic, which must reach a phrase end.
    let arrival = run.to - 1;
    while (arrival > run.from && chords[arrival - 1] === chords[run.to - 1]) arrival--;
    let rest = false;
    for (let j = arrival; j < run.to; j++) rest ||= atRest[j];
    if (!rest || arrival === run.from) continue;
    let tonicBefore = false;
    for (let j = run.from; j < arrival; j++) {
      const t = templateAt(chords[j]);
      tonicBefore ||= t.root === key.tonic && (t.quality === 'M' || t.quality === 'maj7');
    }
    if (tonicBefore) continue;
    for (let j = run.from; j < run.to; j++) out[j] = before;
  }
  return out;
}

/**
 * A key is established by its dominant: a stay of at most `maxQuarters` in a key with no V, V7 or
 * vii° of that key is no modulation, and the key before it holds (`G: I IV IV`, not `C: I I` for a
 * phrase that opens on G's subdominant chord and turns elsewhere).
 */
export function keepKeyWithoutDominant(keys: readonly MusicalKey[], chords: Int32Array, slices: readonly Slice[], maxQuarters: number): MusicalKey[] {
  const out = [...keys];
  for (const run of keyRuns(keys)) {
    if (run.from === 0 || slices[run.to - 1].endBeat - slices[run.from].startBeat > maxQuarters) continue;
    const key = keys[run.from];
    let dominant = false;
    for (let j = run.from; j < run.to && !dominant; j++) {
      const t = templateAt(chords[j]);
      const fifth = t.root === pc(key.tonic + 7) && (t.quality === 'M' || t.quality === '7');
      const leading = leadingToneChordOf(t, key.tonic, true);
      dominant = fifth || leading;
    }
    if (dominant) continue;
    for (let j = run.from; j < run.to; j++) out[j] = out[run.from - 1];
  }
  return out;
}

/** The maximal stretches of one key, as half-open index ranges `[from, to)`, in order. */
function keyRuns(keys: readonly MusicalKey[]): { readonly from: number; readonly to: number }[] {
  const runs: { from: number; to: number }[] = [];
  for (let k = 0; k < keys.length; k++) {
    if (k > 0 && sameKey(keys[k], keys[k - 1])) runs[runs.length - 1].to = k + 1;
    else runs.push({ from: k, to: k + 1 });
  }
  return runs;
}
