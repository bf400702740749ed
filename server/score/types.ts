/**
 * The one score model every stage reads: a plain, immutable note array plus maps.
 * Score time in beats (`…Beat`) and in seconds at the notated tempo (`…Sec`) never share a field;
 * conversions are functions over `tempoMap` (see ./timemap.ts).
 */

export type InstrumentFamily = 'strings' | 'woodwinds' | 'brass' | 'percussion' | 'keyboard' | 'voice' | 'other';

export interface Part {
  readonly id: string;
  readonly name: string;
  readonly family: InstrumentFamily;
}

export interface ScoreNote {
  /**
   * Stable, unique id. MIDI: `<partId>-n<k>` (k-th note of the track). MusicXML: `<partId>-m<printed measure
   * index>-n<k>` (k-th sounding note written in that measure of that part); a repeat's second pass appends
   * `@<pass>` and keeps the written note's id in `printedId`. See docs/score.md.
   */
  readonly id: string;
  readonly partId: string;
  /** Sounding MIDI pitch (transposing instruments already transposed). */
  readonly pitch: number;
  readonly onsetBeat: number;
  readonly durationBeat: number;
  /** Onset in seconds at the notated tempo (through tempoMap). */
  readonly onsetSec: number;
  readonly durationSec: number;
  /** Printed measure number (label), e.g. "40" or "12a". */
  readonly measure: string;
  /** 1-based beat within the measure, in quarter notes from the measure start + 1. */
  readonly beatInMeasure: number;
  readonly staff: number;
  readonly voice: number;
  /** True when tied continuations were merged into this note. */
  readonly tieMerged: boolean;
  /** Id of the written note this performed note plays (present only on repeated passes). */
  readonly printedId?: string;
}

export interface TimeSignature {
  readonly numerator: number;
  readonly denominator: number;
}

export interface Measure {
  /** 0-based index in performance (unfolded) order. */
  readonly index: number;
  /** Printed label. */
  readonly number: string;
  /** Start in beats (quarter notes) from the start of the performance. */
  readonly startBeat: number;
  readonly durationBeat: number;
  readonly timeSignature: TimeSignature;
  readonly startSec: number;
  /** 0-based index of this measure in printed (file) order: the map from performance back to the page. */
  readonly printedIndex?: number;
}

/** Tempo change: from `beat` on, `bpm` quarter notes per minute. Sorted by beat, first at beat 0. */
export interface TempoChange {
  readonly beat: number;
  readonly bpm: number;
  /** Seconds at which this tempo segment starts (cumulative). */
  readonly sec: number;
}

export interface KeySignature {
  readonly beat: number;
  /** Number of sharps (positive) or flats (negative). */
  readonly fifths: number;
  readonly mode: 'major' | 'minor' | 'none';
}

/** A fermata (on a note, a rest or a barline): where the performers hold. */
export interface Fermata {
  /** Score beat (performance order) of the held note's or rest's onset. */
  readonly beat: number;
  /** Notated length of the longest note/rest carrying it (0 for a barline fermata). */
  readonly durationBeat: number;
  /** Printed measure label. */
  readonly measure: string;
}

export interface Score {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly Part[];
  /** Sorted by onsetBeat, then pitch. */
  readonly notes: readonly ScoreNote[];
  readonly measures: readonly Measure[];
  readonly tempoMap: readonly TempoChange[];
  readonly keySignatures: readonly KeySignature[];
  /** Fermatas in performance order, one per beat (MusicXML only; empty for MIDI). Optional for hand-built scores. */
  readonly fermatas?: readonly Fermata[];
  /** Where the model came from (file path), for error messages. */
  readonly source: string;
}
