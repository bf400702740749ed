/**
 * Scoring a harmony analysis against a human RomanText analysis on the analysis' beat grid: local key
 * (tonic and mode), chord root, quality, inversion, full Roman numeral (key and numeral both right),
 * and cadences at phrase ends (`||` in the analysis) by position, within one beat.
 */
import type { Score } from '../score/types.js';
import type { HarmonyAnalysis } from './analyze.js';
import type { ChordLabel } from './chord.js';
import { analysisUnits, beatGrid, barsByNumber, placeBeat, placedChords, type GridPoint, type Placement } from './grid.js';
import { announcedKeyChanges, matchKeyChanges, writtenKeyChanges } from './keyChanges.js';
import { sameKey, type MusicalKey } from './keys.js';
import { canonicalNumeral, numeralChord, parseNumeral, type ParsedNumeral } from './numeral.js';
import type { RomanTextAnalysis } from './romanText.js';
import { matchEvents } from './matchEvents.js';

export interface HarmonyScores {
  readonly key: number | null;
  readonly root: number | null;
  readonly quality: number | null;
  readonly inversion: number | null;
  readonly roman: number | null;
  readonly cadencePrecision: number | null;
  readonly cadenceRecall: number | null;
}

/** Raw counts, so pieces can be pooled before dividing. */
export interface HarmonyCounts {
  readonly beats: number;
  readonly key: number;
  readonly root: number;
  readonly quality: number;
  readonly inversion: number;
  readonly roman: number;
  readonly cadencesFound: number;
  readonly cadencesFoundRight: number;
  readonly cadencesTrue: number;
  readonly cadencesTrueFound: number;
  /** Key changes (what the audience is told: "The music turns to …"), ours and the analyst's, and how many match. */
  readonly modulationsFound: number;
  readonly modulationsFoundRight: number;
  readonly modulationsTrue: number;
}

export const ZERO_COUNTS: HarmonyCounts = {
  beats: 0, key: 0, root: 0, quality: 0, inversion: 0, roman: 0,
  cadencesFound: 0, cadencesFoundRight: 0, cadencesTrue: 0, cadencesTrueFound: 0,
  modulationsFound: 0, modulationsFoundRight: 0, modulationsTrue: 0,
};

/** Announced key changes against the analyst's: right when to the same key within one bar (of the analysis metre). */
export interface ModulationScores {
  readonly precision: number | null;
  readonly recall: number | null;
}

export function modulationScoresOf(c: HarmonyCounts): ModulationScores {
  return { precision: ratio(c.modulationsFoundRight, c.modulationsFound), recall: ratio(c.modulationsFoundRight, c.modulationsTrue) };
}

export function addCounts(a: HarmonyCounts, b: HarmonyCounts): HarmonyCounts {
  const out: Record<string, number> = {};
  for (const k of Object.keys(ZERO_COUNTS) as (keyof HarmonyCounts)[]) out[k] = a[k] + b[k];
  return out as unknown as HarmonyCounts;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function scoresOf(c: HarmonyCounts): HarmonyScores {
  return {
    key: ratio(c.key, c.beats),
    root: ratio(c.root, c.beats),
    quality: ratio(c.quality, c.beats),
    inversion: ratio(c.inversion, c.beats),
    roman: ratio(c.roman, c.beats),
    cadencePrecision: c.cadencesTrue > 0 ? ratio(c.cadencesFoundRight, c.cadencesFound) : null,
    cadenceRecall: ratio(c.cadencesTrueFound, c.cadencesTrue),
  };
}

/** What either side says at one grid point. */
interface BeatLabel {
  readonly key: MusicalKey;
  readonly chord: ChordLabel;
  readonly numeral: string;
}

export function placementFor(score: Score, analysis: RomanTextAnalysis): Placement {
  return { bars: barsByNumber(score), firstMeasure: analysis.chords[0].measure };
}

/**
 * Which readings of a pivot chord (`m9 I G: V`, the chord in both keys) count: `either` (default:
 * the analyst puts the chord in both keys), `first` (the old key's, the chord music21 keeps), or
 * `second` (the new key's, music21's `pivotChord`).
 */
export type PivotReading = 'either' | 'first' | 'second';
export const PIVOT_READINGS: readonly PivotReading[] = ['either', 'first', 'second'];

const humanLabel = (key: MusicalKey, parsed: ParsedNumeral): BeatLabel => ({ key, chord: numeralChord(parsed, key), numeral: canonicalNumeral(parsed, key) });

/** The human labels as a step function over score offsets; a pivot chord has the readings `pivots` asks for. */
function humanTimeline(analysis: RomanTextAnalysis, placement: Placement, pivots: PivotReading): { offset: number; label: readonly BeatLabel[] }[] {
  return placedChords(analysis, placement).map(({ offset, chord: c }) => {
    const first = humanLabel(c.key, c.parsed);
    const second = c.pivot ? humanLabel(c.pivot.key, c.pivot.parsed) : undefined;
    return { offset, label: !second || pivots === 'first' ? [first] : pivots === 'second' ? [second] : [first, second] };
  });
}

function sampleTimeline<T>(timeline: readonly { offset: number; label: T }[], offset: number): T | undefined {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid].offset <= offset + 1e-6) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : timeline[lo - 1].label;
}

function machineTimeline(analysis: HarmonyAnalysis): { offset: number; label: readonly BeatLabel[] }[] {
  return analysis.segments.map((s) => {
    const parsed = parseNumeral(s.numeral);
    return { offset: s.startBeat, label: [{ key: s.key, chord: s.chord, numeral: parsed ? canonicalNumeral(parsed, s.key) : s.numeral }] };
  });
}

/**
 * Counts agreement beat by beat. Where a side gives a pivot chord two readings, either counts: the
 * analyst says the chord belongs to both keys.
 */
function compareOnGrid(grid: readonly GridPoint[], truth: (o: number) => readonly BeatLabel[] | undefined, guess: (o: number) => readonly BeatLabel[] | undefined): HarmonyCounts {
  let beats = 0, key = 0, root = 0, quality = 0, inversion = 0, roman = 0;
  for (const p of grid) {
    const ts = truth(p.offset);
    const gs = guess(p.offset);
    if (!ts || !gs) continue;
    beats++;
    const any = (agree: (t: BeatLabel, g: BeatLabel) => boolean): number => (ts.some((t) => gs.some((g) => agree(t, g))) ? 1 : 0);
    key += any((t, g) => sameKey(t.key, g.key));
    root += any((t, g) => t.chord.root === g.chord.root);
    quality += any((t, g) => t.chord.quality === g.chord.quality);
    inversion += any((t, g) => t.chord.inversion === g.chord.inversion);
    roman += any((t, g) => sameKey(t.key, g.key) && t.numeral === g.numeral);
  }
  return { ...ZERO_COUNTS, beats, key, root, quality, inversion, roman };
}

/**
 * Cadence arrivals marked in an analysis: the chord sounding where `||` stands. In an analysis that
 * marks phrase ends at all, two more places end a phrase whether or not `||` is written there: an
 * end-repeat sign (`:||`, where the chorale analysts never also write `||`: the end of a repeated
 * Stollen, under its fermata) and the end of the piece (23 of the 30 chorale analyses leave its `||`
 * unwritten, 7 write it). An analysis without `||` (Haydn's, with its one exposition repeat) marks
 * no cadences.
 */
function markedCadences(analysis: RomanTextAnalysis, placement: Placement): { readonly offset: number }[] {
  if (analysis.phraseMarks.length === 0) return [];
  const timeline = placedChords(analysis, placement).map(({ offset }) => ({ offset, label: offset }));
  const arrivals = new Set<number>();
  for (const mark of [...analysis.phraseMarks, ...analysis.sectionEnds]) {
    const at = placeBeat(analysis, placement, mark.measure, mark.beat);
    const arrival = at === undefined ? undefined : sampleTimeline(timeline, at);
    if (arrival !== undefined) arrivals.add(arrival);
  }
  const last = timeline.at(-1);
  if (arrivals.size > 0 && last) arrivals.add(last.offset);
  return [...arrivals].map((offset) => ({ offset }));
}

/** Our analysis of `score` against one human analysis. */
export function evaluateAnalysis(score: Score, ours: HarmonyAnalysis, human: RomanTextAnalysis, pivots: PivotReading = 'either'): HarmonyCounts {
  const placement = placementFor(score, human);
  const grid = beatGrid(human, placement);
  const truth = humanTimeline(human, placement, pivots);
  const guess = machineTimeline(ours);
  const counts = compareOnGrid(grid, (o) => sampleTimeline(truth, o), (o) => sampleTimeline(guess, o));
  if (grid.length === 0) return counts;
  const lo = grid[0].offset;
  const hi = grid[grid.length - 1].offset + 1;
  const { beat, bar } = analysisUnits(human);
  const written = writtenKeyChanges(human, placement);
  const announced = announcedKeyChanges(ours.segments, lo, hi);
  const modulations = { modulationsFound: announced.length, modulationsFoundRight: matchKeyChanges(announced, written, bar), modulationsTrue: written.length };
  const marked = markedCadences(human, placement);
  if (marked.length === 0) return { ...counts, ...modulations };
  const inRange = new Set([...placement.bars.values()].flatMap((b) => b.measureIndices));
  const found = ours.segments.filter((s) => s.cadence && s.startBeat >= lo && s.startBeat < hi && inRange.has(s.measureIndex)).map((s) => ({ offset: s.startBeat }));
  const matched = matchEvents(found, marked, beat);
  return { ...counts, ...modulations, cadencesFound: found.length, cadencesFoundRight: matched, cadencesTrue: marked.length, cadencesTrueFound: matched };
}

/** One human analysis against another on the first one's grid (the human-agreement ceiling). */
export function compareAnalyses(score: Score, reference: RomanTextAnalysis, other: RomanTextAnalysis, pivots: PivotReading = 'either'): HarmonyCounts {
  const placement = placementFor(score, reference);
  const grid = beatGrid(reference, placement);
  const a = humanTimeline(reference, placement, pivots);
  const b = humanTimeline(other, placementFor(score, other), pivots);
  const compared = compareOnGrid(grid, (o) => sampleTimeline(a, o), (o) => sampleTimeline(b, o));
  const { beat, bar } = analysisUnits(reference);
  const truth = writtenKeyChanges(reference, placement);
  const lo = grid.length > 0 ? grid[0].offset : 0;
  const hi = grid.length > 0 ? grid[grid.length - 1].offset + 1 : 0;
  const theirs = writtenKeyChanges(other, placementFor(score, other)).filter((c) => c.offset >= lo && c.offset < hi);
  const counts = { ...compared, modulationsFound: theirs.length, modulationsFoundRight: matchKeyChanges(theirs, truth, bar), modulationsTrue: truth.length };
  const ma = markedCadences(reference, placement);
  const mb = markedCadences(other, placement);
  if (ma.length === 0 || mb.length === 0) return counts;
  const matched = matchEvents(mb, ma, beat);
  return { ...counts, cadencesFound: mb.length, cadencesFoundRight: matched, cadencesTrue: ma.length, cadencesTrueFound: matched };
}
