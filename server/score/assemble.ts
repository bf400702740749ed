/**
 * Turns a loader's draft (beats only) into the immutable Score: sorts notes, adds seconds at the
 * notated tempo, printed measure labels and beat-in-measure, and rejects scores that no stage can use.
 */
import { ScoreError } from './errors.js';
import { beatToSecWith, locateBeat } from './timemap.js';
import type { Fermata, KeySignature, Measure, Part, Score, ScoreNote, TempoChange, TimeSignature } from './types.js';

export interface DraftNote {
  readonly id: string;
  readonly partId: string;
  readonly pitch: number;
  readonly onsetBeat: number;
  readonly durationBeat: number;
  readonly staff: number;
  readonly voice: number;
  readonly tieMerged: boolean;
  /** Id of the printed note when a repeat plays it again (see ScoreNote.printedId). */
  readonly printedId?: string;
}

export interface DraftMeasure {
  readonly number: string;
  readonly startBeat: number;
  readonly durationBeat: number;
  readonly timeSignature: TimeSignature;
  /** 0-based index in printed (file) order. */
  readonly printedIndex: number;
}

export interface ScoreDraft {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly Part[];
  readonly notes: readonly DraftNote[];
  readonly measures: readonly DraftMeasure[];
  /** Tempo changes in beats; need not be sorted or start at 0. */
  readonly tempos: readonly { readonly beat: number; readonly bpm: number }[];
  readonly keySignatures: readonly KeySignature[];
  readonly fermatas?: readonly Fermata[];
  readonly source: string;
}

export const DEFAULT_BPM = 120;

/**
 * A first tempo mark within the opening two measures (often placed after a pickup rest or a beat late)
 * holds from beat 0; a later first mark (a "meno mosso" in bar 40) leaves the default before it.
 */
function buildTempoMap(tempos: ScoreDraft['tempos'], openingEndBeat: number): TempoChange[] {
  const sorted = [...tempos].filter((t) => Number.isFinite(t.bpm) && t.bpm > 0).sort((a, b) => a.beat - b.beat);
  // Keep the last tempo given at a beat and drop ones that change nothing.
  const merged: { beat: number; bpm: number }[] = [];
  for (const t of sorted) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last.beat - t.beat) < 1e-9) last.bpm = t.bpm;
    else merged.push({ beat: t.beat, bpm: t.bpm });
  }
  if (merged.length === 0 || merged[0].beat > 0) {
    merged.unshift({ beat: 0, bpm: merged.length > 0 && merged[0].beat <= openingEndBeat ? merged[0].bpm : DEFAULT_BPM });
  }
  const deduped = merged.filter((t, i) => i === 0 || t.bpm !== merged[i - 1].bpm);
  const map: TempoChange[] = [];
  for (const t of deduped) {
    const prev = map[map.length - 1];
    const sec = prev ? prev.sec + ((t.beat - prev.beat) * 60) / prev.bpm : 0;
    map.push(Object.freeze({ beat: Math.max(0, t.beat), bpm: t.bpm, sec }));
  }
  return map;
}

function byOnsetThenPitch(a: ScoreNote, b: ScoreNote): number {
  return a.onsetBeat - b.onsetBeat || a.pitch - b.pitch || (a.partId < b.partId ? -1 : a.partId > b.partId ? 1 : 0);
}

export function assembleScore(draft: ScoreDraft): Score {
  if (draft.notes.length === 0) throw new ScoreError(draft.source, 'the score has no notes');
  const opening = draft.measures[Math.min(1, draft.measures.length - 1)];
  const tempoMap = buildTempoMap(draft.tempos, opening ? opening.startBeat + opening.durationBeat : 0);
  const measures: Measure[] = draft.measures.map((m, index) =>
    Object.freeze({
      index,
      number: m.number,
      startBeat: m.startBeat,
      durationBeat: m.durationBeat,
      timeSignature: Object.freeze({ ...m.timeSignature }),
      startSec: beatToSecWith(tempoMap, m.startBeat),
      printedIndex: m.printedIndex,
    }),
  );
  const partNames = new Map(draft.parts.map((p) => [p.id, p.name]));
  const located = { measures };
  const notes: ScoreNote[] = draft.notes.map((n) => {
    const where = locateBeat(located, n.onsetBeat);
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) {
      throw new ScoreError(draft.source, `pitch ${n.pitch} is outside the MIDI range 0..127`, {
        part: partNames.get(n.partId) ?? n.partId,
        measure: where.measure,
      });
    }
    if (!Number.isFinite(n.onsetBeat) || !Number.isFinite(n.durationBeat) || n.onsetBeat < 0 || n.durationBeat < 0) {
      throw new ScoreError(draft.source, `note ${n.id} has an invalid onset or duration (${n.onsetBeat}, ${n.durationBeat} beats)`, {
        part: partNames.get(n.partId) ?? n.partId,
      });
    }
    const onsetSec = beatToSecWith(tempoMap, n.onsetBeat);
    const note: ScoreNote = {
      id: n.id,
      partId: n.partId,
      pitch: n.pitch,
      onsetBeat: n.onsetBeat,
      durationBeat: n.durationBeat,
      onsetSec,
      durationSec: beatToSecWith(tempoMap, n.onsetBeat + n.durationBeat) - onsetSec,
      measure: where.measure,
      beatInMeasure: where.beatInMeasure,
      staff: n.staff,
      voice: n.voice,
      tieMerged: n.tieMerged,
      ...(n.printedId !== undefined ? { printedId: n.printedId } : {}),
    };
    return Object.freeze(note);
  });
  notes.sort(byOnsetThenPitch);
  return Object.freeze({
    title: draft.title,
    composer: draft.composer,
    parts: Object.freeze(draft.parts.map((p) => Object.freeze({ ...p }))),
    notes: Object.freeze(notes),
    measures: Object.freeze(measures),
    tempoMap: Object.freeze(tempoMap),
    keySignatures: Object.freeze(draft.keySignatures.map((k) => Object.freeze({ ...k }))),
    fermatas: Object.freeze((draft.fermatas ?? []).map((f) => Object.freeze({ ...f }))),
    source: draft.source,
  });
}
