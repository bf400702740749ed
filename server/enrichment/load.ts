/** Everything enrichment needs for one score, loaded and computed once when the server starts. */
import { analyzeHarmony, type HarmonyAnalysis } from '../harmony/analyze.js';
import { fermataBeats } from '../harmony/fermatas.js';
import type { Score } from '../score/types.js';
import { loadProgramNotesFor } from './programNotes.js';
import { buildEnrichmentTable, type EnrichmentTable } from './table.js';

export interface LoadedEnrichment {
  readonly table: EnrichmentTable;
  /** Milliseconds: the harmony analysis, then the table itself (program notes included). */
  readonly timing: { readonly analysisMs: number; readonly tableMs: number };
  readonly programNotesPath: string | undefined;
  /** Set when the harmony analysis failed: the table then has no harmony, but instruments and notes still work. */
  readonly harmonyError?: string;
}

/** Analyses the harmony, reads `program-notes.json` beside the score if there is one, builds the table. */
export async function loadEnrichment(score: Score): Promise<LoadedEnrichment> {
  const t0 = performance.now();
  // The score's fermatas are its phrase ends, as `tutti harmony` analyses it.
  let analysis: HarmonyAnalysis | undefined;
  let harmonyError: string | undefined;
  try {
    analysis = analyzeHarmony(score, { phraseEnds: fermataBeats(score) });
  } catch (err) {
    // Harmony is a bonus for the audience: a score it cannot analyse must not stop the concert.
    harmonyError = `harmony analysis of ${score.source} failed: ${(err as Error).message}`;
  }
  const t1 = performance.now();
  // Program notes are written by hand for this concert: a mistake in them is an error to fix, not to hide.
  const programNotes = await loadProgramNotesFor(score.source);
  const table = buildEnrichmentTable(score, { analysis, programNotes });
  const t2 = performance.now();
  return { table, timing: { analysisMs: t1 - t0, tableMs: t2 - t1 }, programNotesPath: programNotes?.source, ...(harmonyError ? { harmonyError } : {}) };
}
