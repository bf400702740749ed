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
  /** Stable id; for MusicXML the verovio/MEI xml:id, so the browser's SVG highlights the same note. */
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

export interface Score {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly Part[];
  /** Sorted by onsetBeat, then pitch. */
  readonly notes: readonly ScoreNote[];
  readonly measures: readonly Measure[];
  readonly tempoMap: readonly TempoChange[];
  readonly keySignatures: readonly KeySignature[];
  /** Where the model came from (file path), for error messages. */
  readonly source: string;
}
