/** The score as written (printed order, no repeats taken): what read.ts produces and unfold.ts reorders. */
import type { KeySignature, Part, TimeSignature } from '../types.js';

export interface WrittenNote {
  /** Sounding MIDI pitch (transposition applied). */
  readonly pitch: number;
  /** Quarter notes from the start of the measure. */
  readonly offsetBeat: number;
  readonly durationBeat: number;
  readonly staff: number;
  readonly voice: number;
  readonly tieStart: boolean;
  readonly tieStop: boolean;
  /** Stable id: `<partId>-m<printed measure index>-n<k>`. */
  readonly id: string;
}

export interface Jumps {
  readonly segno: boolean;
  readonly coda: boolean;
  readonly fine: boolean;
  readonly daCapo: boolean;
  readonly dalSegno: boolean;
  readonly toCoda: boolean;
}

export interface WrittenMeasure {
  /** Printed label (the `number` attribute). */
  readonly number: string;
  readonly timeSignature: TimeSignature;
  /** Actual length in quarter notes: the longest part (pickups and cadenza bars may differ from the time signature). */
  readonly lengthBeat: number;
  readonly startRepeat: boolean;
  /** Total passes for a backward repeat at the end of this measure (2 for a plain repeat); 0 when none. */
  readonly endRepeatTimes: number;
  /** Numbers of the volta bracket over this measure (e.g. [1] or [1, 2]), empty when none. */
  readonly ending: readonly number[];
  /** A volta bracket starts at this measure. */
  readonly endingStart: boolean;
  readonly jumps: Jumps;
  /** `<sound tempo>` marks (quarter notes per minute) at an offset in the measure. */
  readonly tempos: readonly { readonly offsetBeat: number; readonly bpm: number }[];
  /** Fermatas on notes, rests or the barline (any part), at an offset in the measure. */
  readonly fermatas: readonly { readonly offsetBeat: number; readonly durationBeat: number }[];
  /** Key signature changes (from a concert-pitch part) at an offset in the measure. */
  readonly keys: readonly Omit<KeySignature, 'beat'>[];
}

export interface WrittenScore {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly Part[];
  readonly measures: readonly WrittenMeasure[];
  /** notesByPart[p][m]: the written notes of part p in printed measure m, in document order. */
  readonly notesByPart: readonly (readonly (readonly WrittenNote[])[])[];
  /** Number of staves of each part (`<staves>`, else the highest staff a note uses, at least 1). */
  readonly stavesByPart: readonly number[];
}
