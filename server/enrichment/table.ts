/**
 * The per-bar enrichment table, computed once per score before the concert (never per frame):
 * for every bar in performance order, the parts playing, the harmony and the program note.
 */
import type { HarmonyAnalysis } from '../harmony/analyze.js';
import type { MeasureEnrichment, PassageNote, PieceInfo } from '../protocol/index.js';
import type { Score } from '../score/types.js';
import { harmonyPerMeasure } from './harmony.js';
import { instrumentsPerMeasure } from './instruments.js';
import { measureIndexAtBeat } from './measureLookup.js';
import { noteIndexPerMeasure, type ProgramNotes } from './programNotes.js';

export interface EnrichmentTable {
  readonly piece: PieceInfo;
  /** One entry per bar, performance order. */
  readonly measures: readonly MeasureEnrichment[];
  /** Bars with the same content share a number, so "did it change?" is one comparison. */
  readonly contentIds: Int32Array;
  /** The bar (performance order) containing a score beat. */
  measureAtBeat(beat: number): number;
  /** The pass of a printed label nearest to bar `near` (performance order), or -1 when the score has no such bar. */
  measureOfLabel(label: string, near: number): number;
}

export interface EnrichmentInputs {
  /** The harmony analysis of the same score; without it bars carry no harmony. */
  readonly analysis?: HarmonyAnalysis;
  readonly programNotes?: ProgramNotes;
}

export function buildEnrichmentTable(score: Score, inputs: EnrichmentInputs = {}): EnrichmentTable {
  const instruments = instrumentsPerMeasure(score);
  const harmony = inputs.analysis ? harmonyPerMeasure(score, inputs.analysis) : undefined;
  const notes = inputs.programNotes;
  const noteIndex = notes ? noteIndexPerMeasure(score, notes) : undefined;
  const passageNotes: PassageNote[] = notes ? notes.notes.map((n) => ({ from: n.from, to: n.to, text: n.text })) : [];

  const measures = score.measures.map((m, k): MeasureEnrichment => {
    const note = noteIndex && noteIndex[k] >= 0 ? passageNotes[noteIndex[k]] : null;
    return { measureIndex: k, measure: m.number, instruments: instruments[k].groups, tutti: instruments[k].tutti, harmony: harmony?.[k] ?? [], note };
  });

  const contentIds = new Int32Array(measures.length);
  const seen = new Map<string, number>();
  measures.forEach((m, k) => {
    const key = JSON.stringify([m.instruments, m.tutti, m.harmony, m.note]);
    if (!seen.has(key)) seen.set(key, seen.size);
    contentIds[k] = seen.get(key)!;
  });

  const byLabel = new Map<string, number[]>();
  score.measures.forEach((m, k) => byLabel.set(m.number, [...(byLabel.get(m.number) ?? []), k]));

  return {
    piece: { title: score.title, composer: score.composer, programTitle: notes?.title ?? null },
    measures,
    contentIds,
    measureAtBeat: (beat) => measureIndexAtBeat(score.measures, beat),
    measureOfLabel: (label, near) => {
      const passes = byLabel.get(label.trim());
      if (!passes) return -1;
      return passes.reduce((best, k) => (Math.abs(k - near) < Math.abs(best - near) ? k : best), passes[0]);
    },
  };
}
