/**
 * The per-bar enrichment table, computed once per score before the concert (never per frame):
 * for every bar in performance order, the parts playing, the harmony, and what the cue sheet says
 * (section, note at two levels, spotlights) and who has the main tune.
 */
import type { HarmonyAnalysis } from '../harmony/analyze.js';
import type { MainTune, MeasureEnrichment, PassageNote, PieceAbout, PieceInfo } from '../protocol/index.js';
import type { ResolvedCueSheet } from '../repertoire/cueCheck.js';
import { printedBars } from '../repertoire/cueCheck.js';
import type { MainTunes } from '../repertoire/hauptstimme.js';
import type { Score } from '../score/types.js';
import { layOutCueSheet, mainTunePerMeasure, type CueLayout } from './cueEnrichment.js';
import { harmonyPerMeasure } from './harmony.js';
import { instrumentsPerMeasure } from './instruments.js';
import { measureIndexAtBeat } from './measureLookup.js';
import type { MeasureMarkings } from './markings.js';
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
  /** The cue sheet, checked against this score (server/repertoire). */
  readonly cueSheet?: ResolvedCueSheet;
  /** Older, single-level program notes (`program-notes.json`); ignored when there is a cue sheet. */
  readonly programNotes?: ProgramNotes;
  /** Main-tune annotations for "who has the tune now". */
  readonly mainTunes?: MainTunes;
  /** The piece manifest's facts, for the phone's "about" page. */
  readonly about?: PieceAbout;
  /** Dynamics and tempo headings the score prints, per bar (./markings.ts). */
  readonly markings?: readonly MeasureMarkings[];
}

function legacyNotes(score: Score, notes: ProgramNotes): (PassageNote | null)[] {
  const noteIndex = noteIndexPerMeasure(score, notes);
  const passageNotes: PassageNote[] = notes.notes.map((n) => ({ from: n.from, to: n.to, text: n.text }));
  return score.measures.map((_, k) => (noteIndex[k] >= 0 ? passageNotes[noteIndex[k]] : null));
}

export function buildEnrichmentTable(score: Score, inputs: EnrichmentInputs = {}): EnrichmentTable {
  const instruments = instrumentsPerMeasure(score);
  const harmony = inputs.analysis ? harmonyPerMeasure(score, inputs.analysis) : undefined;
  const { index: printedIndex } = printedBars(score);
  const cues: CueLayout | undefined = inputs.cueSheet ? layOutCueSheet(score, inputs.cueSheet, (bar) => printedIndex.get(bar) ?? -1) : undefined;
  const notes = cues ? cues.notes : inputs.programNotes ? legacyNotes(score, inputs.programNotes) : undefined;
  const tunes: (MainTune | null)[] | undefined = inputs.mainTunes ? mainTunePerMeasure(score, inputs.mainTunes, inputs.cueSheet) : undefined;

  const measures = score.measures.map((m, k): MeasureEnrichment => ({
    measureIndex: k,
    measure: m.number,
    instruments: instruments[k].groups,
    tutti: instruments[k].tutti,
    harmony: harmony?.[k] ?? [],
    note: notes?.[k] ?? null,
    // Present only when there is a source for them, so a phone can tell "none here" from "not known".
    ...(cues ? { section: cues.sections[k], spotlights: cues.spotlights[k] } : {}),
    ...(tunes ? { mainTune: tunes[k] } : {}),
    ...(inputs.markings ? { dynamics: inputs.markings[k].dynamics, tempo: inputs.markings[k].tempo } : {}),
  }));

  const contentIds = new Int32Array(measures.length);
  const seen = new Map<string, number>();
  measures.forEach((m, k) => {
    const key = JSON.stringify([m.instruments, m.tutti, m.harmony, m.note, m.section, m.spotlights, m.mainTune, m.dynamics, m.tempo]);
    if (!seen.has(key)) seen.set(key, seen.size);
    contentIds[k] = seen.get(key)!;
  });

  const byLabel = new Map<string, number[]>();
  score.measures.forEach((m, k) => byLabel.set(m.number, [...(byLabel.get(m.number) ?? []), k]));

  const programTitle = inputs.cueSheet?.title ?? inputs.programNotes?.title ?? null;
  return {
    piece: {
      title: score.title,
      composer: score.composer,
      programTitle,
      ...(cues ? { sections: cues.summaries, glossary: cues.glossary, language: inputs.cueSheet!.language } : {}),
      ...(inputs.about ? { about: inputs.about } : {}),
    },
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
