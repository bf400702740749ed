/**
 * The harmony analysis of a score, computed once ahead of the concert: beat slices → local keys →
 * chords → merged segments with Roman numerals, cadences and audience lines.
 */
import type { Score } from '../score/types.js';
import { cadenceLine, modulationLine } from './audience.js';
import { classifyCadence, type CadenceType } from './cadence.js';
import { cadentialArrivals } from './cadencePatterns.js';
import { inversionOf, type ChordLabel } from './chord.js';
import { chordKeyEvidence, DEFAULT_CHORD_TUNING, labelSlices, templateAt, type ChordTuning } from './chordLabel.js';
import { chordSymbol } from './chordName.js';
import { DEFAULT_KEY_TUNING, findKeys, homeKey, type KeyTuning } from './keyFinder.js';
import {
  absorbRelativeMinor,
  addCadenceEvidence,
  keepCadenceArrivalKey,
  keepKeyWithoutDominant,
  keepPicardyThird,
  placeKeyChangesOnDominants,
  readHalfCadencesInKey,
} from './keyEvidence.js';
import { ALL_KEYS, keyName, sameKey, spellKeyNear, type MusicalKey } from './keys.js';
import { phraseEndSlices, phraseOfSlices, type PhraseOptions } from './phrases.js';
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

/** Tuning, and phrase ends when known (fermatas, see fermatas.ts). */
export interface HarmonyOptions extends PhraseOptions {
  readonly key?: Partial<KeyTuning>;
  readonly chord?: Partial<ChordTuning>;
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
    if (!prev && bassPitch < 0) continue; // leading silence has no harmony
    const bass = bassPitch >= 0 ? bassPitch % 12 : prev ? prev.bass : -1;
    // Within one chord a new bass only starts a new segment when it is held (I → I6), not when it is figuration.
    const structuralBass = slices[k].bassHold >= 0.5 * (slices[k].endBeat - slices[k].startBeat);
    if (prev && prev.template === path[k] && (prev.bass === bass || bassPitch < 0 || !structuralBass) && sameKey(prev.key, keys[k])) {
      drafts[drafts.length - 1] = { ...prev, last: k };
    } else drafts.push({ first: k, last: k, template: path[k], bass, key: keys[k] });
  }
  return drafts;
}

/** The written key signature (fifths: sharps positive, flats negative) in force at a score beat; 0 when none is written. */
function keySignatureAt(score: Score, beat: number): number {
  let fifths = 0;
  for (const k of score.keySignatures) if (k.beat <= beat + 1e-6) fifths = k.fifths;
  return fifths;
}

/**
 * A rest carries the harmony in force: a chord starts when its notes sound, not on the silent beat
 * before them (the fermata chord's key and chord hold through the breath before the next phrase).
 * Each silent slice after a sounding one takes the chord and key of the slice before it; leading
 * silence is left alone (it gets no chord).
 */
function carryThroughRests(slices: readonly Slice[], path: Int32Array, keys: readonly MusicalKey[]): { path: Int32Array; keys: MusicalKey[] } {
  const carried = { path: Int32Array.from(path), keys: [...keys] };
  let sounded = false;
  for (let k = 0; k < slices.length; k++) {
    if (slices[k].bassPitch >= 0) sounded = true;
    else if (sounded) {
      carried.path[k] = carried.path[k - 1];
      carried.keys[k] = carried.keys[k - 1];
    }
  }
  return carried;
}

/**
 * A diminished seventh sounds the same from any of its four notes; its root is the one that leads a
 * semitone up into the next chord's root, else into its bass (vii°7/V before a cadential 6-4: F♯ to
 * the G in the bass), else the key's leading tone, else the template's.
 */
function diminishedSeventhRoot(root: number, nextRoot: number | undefined, key: MusicalKey, nextBass?: number): number {
  const candidates = [0, 3, 6, 9].map((i) => (root + i) % 12);
  return (
    candidates.find((r) => nextRoot !== undefined && (r + 1) % 12 === nextRoot) ??
    candidates.find((r) => nextBass !== undefined && nextBass >= 0 && (r + 1) % 12 === nextBass) ??
    candidates.find((r) => r === (key.tonic + 11) % 12) ??
    root
  );
}

export function analyzeHarmony(score: Score, options: HarmonyOptions = {}): HarmonyAnalysis {
  const keyTuning = { ...DEFAULT_KEY_TUNING, ...options.key };
  const chordTuning = { ...DEFAULT_CHORD_TUNING, ...options.chord };
  const slices = sliceScore(score);
  const firstKeys = findKeys(slices, keyTuning);
  // The chords that feed the key passes are labelled without the function prior: it would pull each
  // chord towards the key being tested and make the key path confirm itself (chorale key 91.5 → 90.2 %).
  const keyPassChords: ChordTuning = { ...chordTuning, functionPrior: 0 };
  const firstChords = labelSlices(slices, firstKeys, keyPassChords);
  const atRest = phraseEndSlices(slices, options);
  const evidence = Array.from(firstChords, (t, k) => chordKeyEvidence(t, slices[k].endBeat - slices[k].startBeat));
  addCadenceEvidence(slices, firstChords, evidence, atRest, keyTuning);
  const home = homeKey(slices, keyTuning.profile);
  // With known phrase ends (chorale fermatas) analysts move the key phrase by phrase; without them only
  // sustained evidence should move it.
  const knownEnds = (options.phraseEnds ?? []).length > 0;
  const phrased = (options.phraseEnds ?? []).length >= score.measures.length / 8;
  const modulationCost = phrased ? keyTuning.modulationCost : keyTuning.modulationCostUnphrased;
  const phrase = phrased ? phraseOfSlices(slices, atRest) : undefined;
  const found = keepPicardyThird(findKeys(slices, { ...keyTuning, modulationCost }, evidence, home, phrase), slices);
  const foundChords = labelSlices(slices, found, keyPassChords);
  const placed = placeKeyChangesOnDominants(found, foundChords, atRest);
  const absorbed = absorbRelativeMinor(placed, slices, keyTuning.relativeMinorMaxQuarters, ALL_KEYS[home]);
  // The cadence's own key holds on its arrival chord (a mid-piece tierce de Picardie, or a tonic the path read as another key's V).
  const arrived = keepCadenceArrivalKey(absorbed, foundChords, atRest);
  // V/V → V at a phrase end is a half cadence, not a bar in the dominant key; a key needs its dominant.
  const halfCadences = readHalfCadencesInKey(arrived, foundChords, atRest, slices, keyTuning.halfCadenceMaxQuarters);
  const keys = keepKeyWithoutDominant(halfCadences, foundChords, slices, keyTuning.keyWithoutDominantMaxQuarters);
  const carried = carryThroughRests(slices, labelSlices(slices, keys, chordTuning), keys);
  const drafts = mergeSlices(slices, carried.path, carried.keys);

  const chords = drafts.map((d, i): ChordLabel => {
    const t = templateAt(d.template);
    const next = drafts[i + 1];
    const bass = d.bass >= 0 ? d.bass : t.root;
    const root = t.quality === 'dim7' ? diminishedSeventhRoot(t.root, next ? templateAt(next.template).root : undefined, d.key, next?.bass) : t.root;
    return { root, bass, quality: t.quality, inversion: inversionOf(root, t.quality, bass) };
  });
  // Without fermatas, the cadential formula itself marks where phrases end.
  const cadential = phrased
    ? drafts.map(() => false)
    : cadentialArrivals(
        drafts.map((d, i) => ({ chord: chords[i], key: d.key, startBeat: slices[d.first].startBeat, endBeat: slices[d.last].endBeat, downbeat: slices[d.first].strength === 0 && slices[d.first].beatInMeasure === 1 })),
      );

  const segments: HarmonySegment[] = [];
  drafts.forEach((d, i) => {
    const first = slices[d.first];
    // Named on the side of the written key signature: G♭ major in a movement written in E♭, not F♯.
    const key = spellKeyNear(d.key, keySignatureAt(score, first.startBeat));
    const next = drafts[i + 1];
    const chord = chords[i];
    const prev = segments[i - 1];
    // Rests are carried into the segment before them: a segment that ends in silence ends a phrase.
    const restsAfter = next === undefined || slices[d.last].bassPitch < 0;
    let phraseEnd = (restsAfter && first.topPitch >= 0) || cadential[i];
    // A long melody note alone is too weak a sign of a cadence (it stays as key evidence); known phrase ends count.
    for (let k = d.first; k <= d.last && !phraseEnd && knownEnds; k++) phraseEnd = atRest[k];
    const cadence =
      prev && phraseEnd ? classifyCadence({ before: prev.chord, arrival: chord, key, melody: first.topPitch >= 0 ? first.topPitch % 12 : -1 }) : undefined;
    const modulated = prev !== undefined && !sameKey(prev.key, key);
    const measure = score.measures[first.measureIndex];
    segments.push({
      startBeat: first.startBeat,
      endBeat: slices[d.last].endBeat,
      measure: measure.number,
      measureIndex: measure.index,
      beatInMeasure: first.beatInMeasure,
      key,
      keyName: keyName(key),
      chord,
      chordSymbol: chordSymbol(chord, key),
      // A major tonic in a minor key closing a phrase (or the piece) is a tierce de Picardie: `I`.
      numeral: romanNumeral(chord, key, next === undefined || phraseEnd),
      ...(cadence ? { cadence } : {}),
      ...(cadence ? { line: cadenceLine(cadence, key) } : modulated ? { line: modulationLine(prev.key, key) } : {}),
    });
  });
  return { source: score.source, segments };
}
