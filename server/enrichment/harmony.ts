/** The harmony analysis cut into bars: the segments sounding in each bar, in audience-ready form. */
import type { HarmonyAnalysis, HarmonySegment } from '../harmony/analyze.js';
import { readableKey } from '../harmony/audience.js';
import type { PassageHarmony } from '../protocol/index.js';
import type { Score } from '../score/types.js';
import { measureIndexAtBeat } from './measureLookup.js';

/** Chord symbols with typographic accidentals: "Bb7/D" → "B♭7/D". */
export function prettyChord(symbol: string): string {
  return symbol.replace(/([A-G])b/g, '$1♭').replace(/([A-G])#/g, '$1♯');
}

function toPassage(segment: HarmonySegment, startsHere: boolean): PassageHarmony {
  return {
    key: readableKey(segment.key),
    chord: prettyChord(segment.chordSymbol),
    numeral: segment.numeral,
    // A cadence or a modulation happens where its segment starts, not in every bar it lasts.
    cadence: startsHere ? (segment.cadence ?? null) : null,
    line: startsHere ? (segment.line ?? null) : null,
  };
}

const sameChord = (a: PassageHarmony, b: PassageHarmony) => a.key === b.key && a.chord === b.chord && a.numeral === b.numeral;

export function harmonyPerMeasure(score: Score, analysis: HarmonyAnalysis): PassageHarmony[][] {
  const out = score.measures.map((): PassageHarmony[] => []);
  for (const segment of analysis.segments) {
    if (!(segment.endBeat > segment.startBeat)) continue;
    const first = measureIndexAtBeat(score.measures, segment.startBeat);
    for (let k = first; k >= 0 && k < score.measures.length && score.measures[k].startBeat < segment.endBeat - 1e-9; k++) {
      const passage = toPassage(segment, k === first);
      const list = out[k];
      const prev = list[list.length - 1];
      // Segments split only by a cadence mark or a bass figure read as one chord to the listener.
      if (prev && sameChord(prev, passage)) list[list.length - 1] = { ...prev, cadence: prev.cadence ?? passage.cadence, line: prev.line ?? passage.line };
      else list.push(passage);
    }
  }
  return out;
}
