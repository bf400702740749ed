/**
 * The harmony analysis of a score, computed once ahead of the concert: beat slices → local keys →
 * chords → merged segments with Roman numerals, cadences and audience lines.
 */
import type { Score } from '../score/types.js';
import { cadenceLine, modulationLine } from './audience.js';
import { classifyCadence, type CadenceType } from './cadence.js';
import { inversionOf, type ChordLabel } from './chord.js';
import { chordKeyEvidence, DEFAULT_CHORD_TUNING, labelSlices, templateAt, type ChordTuning } from './chordLabel.js';
import { chordSymbol } from './chordName.js';
import { DEFAULT_KEY_TUNING, findKeys, homeKey, type KeyTuning } from './keyFinder.js';
import { keyName, sameKey, type MusicalKey } from './keys.js';
import { romanNumeral } from './romanLabel.js';
import { sliceScore, type Slice } from './segment.js';

export interface HarmonySegment {
  readonly startBeat: number;
  readonly endBeat: number;
  /** Printed measure label and 1-based beat (quarters) where the segment starts. */
  readonly measure: string;
  readonly measureIndex: number;
  readonly beatInMeasure: number;
  readonly key: MusicalKey;
  /** RomanText key name: `C`, `f#`. */
  readonly keyName: string;
  readonly chord: ChordLabel;
  /** Chord symbol with bass, e.g. `D7/F#`. */
  readonly chordSymbol: string;
  readonly numeral: string;
  readonly cadence?: CadenceType;
  /** Plain-language line for the audience at notable events (cadences, modulations). */
  readonly line?: string;
}

export interface HarmonyAnalysis {
  readonly source: string;
  readonly segments: readonly HarmonySegment[];
}

export interface HarmonyOptions {
  readonly key?: Partial<KeyTuning>;
  readonly chord?: Partial<ChordTuning>;
  /** A melody note at least this many times the median melody note length marks a phrase end. */
  readonly phraseNoteRatio?: number;
  /**
   * Known phrase ends (score beats), e.g. fermatas (see fermatas.ts). When given and not empty they
   * replace the melody-length guess.
   */
  readonly phraseEnds?: readonly number[];
}

interface Draft {
  readonly first: number;
  readonly last: number;
  readonly template: number;
  readonly bass: number;
  readonly key: MusicalKey;
}

function mergeSlices(slices: readonly Slice[], path: Int32Array, keys: readonly MusicalKey[]): Draft[] {
  const drafts: Draft[] = [];
  for (let k = 0; k < slices.length; k++) {
    const bassPitch = slices[k].bassPitch;
    const prev = drafts[drafts.length - 1];
    const bass = bassPitch >= 0 ? bassPitch % 12 : prev ? prev.bass : -1;
    // Within one chord a new bass only starts a new segment when it is held (I → I6), not when it is figuration.
    const structuralBass = slices[k].bassHold >= 0.5 * (slices[k].endBeat - slices[k].startBeat);
    if (prev && prev.template === path[k] && (prev.bass === bass || bassPitch < 0 || !structuralBass) && sameKey(prev.key, keys[k])) {
      drafts[drafts.length - 1] = { ...prev, last: k };
    } else drafts.push({ first: k, last: k, template: path[k], bass, key: keys[k] });
  }
  return drafts;
}

/** Per slice: does a phrase end there (a known phrase end inside it, else a melody note that rests)? */
function phraseEndSlices(slices: readonly Slice[], options: HarmonyOptions): boolean[] {
  const ends = options.phraseEnds ?? [];
  if (ends.length > 0) {
    return slices.map((s) => ends.some((b) => b >= s.startBeat - 1e-6 && b < s.endBeat - 1e-6));
  }
  const melodyPace = median(slices.filter((s) => s.topPitch >= 0).map((s) => s.topDuration));
  const phraseNote = melodyPace * (options.phraseNoteRatio ?? 2);
  return slices.map((s, k) => s.topPitch >= 0 && s.topDuration >= phraseNote && (k === 0 || slices[k - 1].topPitch !== s.topPitch || slices[k - 1].topDuration !== s.topDuration));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * A dominant resolving to a tonic where the melody comes to rest confirms that tonic's key: human
 * analysts change key at such cadences, not at passing tonicisations, so the key finder is told so.
 */
function addCadenceEvidence(slices: readonly Slice[], chords: Int32Array, evidence: Float64Array[], atRest: readonly boolean[], tuning: KeyTuning): void {
  for (let k = 1; k < slices.length; k++) {
    if (chords[k] === chords[k - 1]) continue;
    const arrival = templateAt(chords[k]);
    const before = templateAt(chords[k - 1]);
    const minor = arrival.quality === 'm';
    if (!minor && arrival.quality !== 'M') continue;
    const dominant = (before.quality === 'M' || before.quality === '7') && before.root === (arrival.root + 7) % 12;
    const leading = (before.quality === 'dim' || before.quality === 'dim7') && before.root === (arrival.root + 11) % 12;
    if (!dominant && !leading) continue;
    // Root-position bass 5 → 1 counts as cadential even without a visible phrase end (chorale fermatas are not in the model).
    const bassFifthToRoot = slices[k - 1].bassPitch % 12 === before.root && slices[k].bassPitch % 12 === arrival.root;
    const resting = atRest[k] || (k + 1 < slices.length && atRest[k + 1] && chords[k + 1] === chords[k]);
    if (!resting && !bassFifthToRoot) continue;
    const key = arrival.root + (minor ? 12 : 0);
    const bonus = tuning.cadenceBonus * (resting ? 2 : 1);
    // Back to the previous phrase end at most: the cadence speaks for its own phrase.
    for (let j = k; j >= 0 && slices[j].startBeat >= slices[k].startBeat - tuning.cadenceReach && (j === k || !atRest[j]); j--) evidence[j][key] += bonus;
  }
}

export function analyzeHarmony(score: Score, options: HarmonyOptions = {}): HarmonyAnalysis {
  const keyTuning = { ...DEFAULT_KEY_TUNING, ...options.key };
  const chordTuning = { ...DEFAULT_CHORD_TUNING, ...options.chord };
  const slices = sliceScore(score);
  const firstKeys = findKeys(slices, keyTuning);
  const firstChords = labelSlices(slices, firstKeys, chordTuning);
  const atRest = phraseEndSlices(slices, options);
  const evidence = Array.from(firstChords, (t, k) => chordKeyEvidence(t, slices[k].endBeat - slices[k].startBeat));
  addCadenceEvidence(slices, firstChords, evidence, atRest, keyTuning);
  const home = homeKey(slices);
  // With known phrase ends (chorale fermatas) analysts move the key phrase by phrase; without them only
  // sustained evidence should move it.
  const phrased = (options.phraseEnds ?? []).length >= score.measures.length / 8;
  const modulationCost = phrased ? keyTuning.modulationCost : keyTuning.modulationCostUnphrased;
  const keys = findKeys(slices, { ...keyTuning, modulationCost }, evidence, home);
  const path = labelSlices(slices, keys, chordTuning);
  const drafts = mergeSlices(slices, path, keys);

  const segments: HarmonySegment[] = [];
  drafts.forEach((d, i) => {
    const first = slices[d.first];
    const t = templateAt(d.template);
    const bass = d.bass >= 0 ? d.bass : t.root;
    const chord: ChordLabel = { root: t.root, bass, quality: t.quality, inversion: inversionOf(t.root, t.quality, bass) };
    const prev = segments[i - 1];
    const next = drafts[i + 1];
    const restsAfter = next === undefined || slices[next.first].bassPitch < 0;
    let phraseEnd = restsAfter && first.topPitch >= 0;
    for (let k = d.first; k <= d.last && !phraseEnd; k++) phraseEnd = atRest[k];
    const cadence =
      prev && phraseEnd ? classifyCadence({ before: prev.chord, arrival: chord, key: d.key, melody: first.topPitch >= 0 ? first.topPitch % 12 : -1 }) : undefined;
    const modulated = prev !== undefined && !sameKey(prev.key, d.key);
    const measure = score.measures[first.measureIndex];
    segments.push({
      startBeat: first.startBeat,
      endBeat: slices[d.last].endBeat,
      measure: measure.number,
      measureIndex: measure.index,
      beatInMeasure: first.beatInMeasure,
      key: d.key,
      keyName: keyName(d.key),
      chord,
      chordSymbol: chordSymbol(chord, d.key),
      numeral: romanNumeral(chord, d.key),
      ...(cadence ? { cadence } : {}),
      ...(cadence ? { line: cadenceLine(cadence, d.key) } : modulated ? { line: modulationLine(prev.key, d.key) } : {}),
    });
  });
  return { source: score.source, segments };
}
