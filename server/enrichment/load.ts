/** Everything enrichment needs for one score, loaded and computed once when the server starts. */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { analyzeHarmony, type HarmonyAnalysis } from '../harmony/analyze.js';
import { fermataBeats } from '../harmony/fermatas.js';
import type { PieceAbout } from '../protocol/index.js';
import { CUE_SHEET_FILE, loadCueSheet } from '../repertoire/cueSheet.js';
import type { ResolvedCueSheet } from '../repertoire/cueCheck.js';
import { loadMainTunes, type MainTunes } from '../repertoire/hauptstimme.js';
import { loadPieceManifest, PIECE_MANIFEST_FILE, type PieceManifest } from '../repertoire/manifest.js';
import type { Score } from '../score/types.js';
import { loadMarkings } from './markings.js';
import { loadProgramNotesFor, type ProgramNotes } from './programNotes.js';
import { buildEnrichmentTable, type EnrichmentTable } from './table.js';

export interface LoadedEnrichment {
  readonly table: EnrichmentTable;
  /** Milliseconds: the harmony analysis, then the table itself (cue sheet or program notes included). */
  readonly timing: { readonly analysisMs: number; readonly tableMs: number };
  /** Where the notes came from: the cue sheet, or older program notes; undefined when the score has none. */
  readonly programNotesPath: string | undefined;
  readonly cueSheetPath?: string;
  readonly manifestPath?: string;
  readonly mainTunesPath?: string;
  /** Set when the harmony analysis failed: the table then has no harmony, but instruments and notes still work. */
  readonly harmonyError?: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** The manifest's facts as the "about" page shows them. */
export function aboutOf(piece: PieceManifest): PieceAbout {
  return {
    work: piece.work,
    movement: `${piece.movement.number}. ${piece.movement.title}`,
    instrumentation: piece.instrumentation,
    durationSec: piece.durationSec,
    recording: { kind: piece.recording.kind, description: piece.recording.description, attribution: piece.recording.attribution },
    attributions: [piece.score.attribution, piece.recording.attribution, ...(piece.annotations ? [piece.annotations.attribution] : [])],
  };
}

interface Authored {
  readonly manifest?: PieceManifest;
  readonly cueSheet?: ResolvedCueSheet;
  readonly mainTunes?: MainTunes;
  readonly programNotes?: ProgramNotes;
}

/**
 * What was written for this score: its folder's piece manifest (then the cue sheet and annotations it names),
 * else a `cues.yaml` beside it, else older `program-notes.json`. Hand-written files are checked strictly: a
 * mistake in them is an error to fix before the concert, not to hide.
 */
export async function loadAuthored(score: Score): Promise<Authored> {
  const dir = dirname(score.source);
  if (await exists(join(dir, PIECE_MANIFEST_FILE))) {
    const manifest = await loadPieceManifest(dir);
    const mainTunes = manifest.paths.annotations ? await loadMainTunes(manifest.paths.annotations, score) : undefined;
    const cueSheet = manifest.paths.cues ? await loadCueSheet(manifest.paths.cues, score, { hauptstimmeLabels: mainTunes?.labels }) : undefined;
    return { manifest, ...(cueSheet ? { cueSheet } : {}), ...(mainTunes ? { mainTunes } : {}) };
  }
  const cues = join(dir, CUE_SHEET_FILE);
  if (await exists(cues)) return { cueSheet: await loadCueSheet(cues, score) };
  const programNotes = await loadProgramNotesFor(score.source);
  return programNotes ? { programNotes } : {};
}

/** Analyses the harmony, reads what was written for the score (see loadAuthored), builds the table. */
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
  const authored = await loadAuthored(score);
  const markings = await loadMarkings(score);
  const table = buildEnrichmentTable(score, {
    analysis,
    ...(authored.cueSheet ? { cueSheet: authored.cueSheet } : {}),
    ...(authored.programNotes ? { programNotes: authored.programNotes } : {}),
    ...(authored.mainTunes ? { mainTunes: authored.mainTunes } : {}),
    ...(authored.manifest ? { about: aboutOf(authored.manifest) } : {}),
    ...(markings ? { markings } : {}),
  });
  const t2 = performance.now();
  return {
    table,
    timing: { analysisMs: t1 - t0, tableMs: t2 - t1 },
    programNotesPath: authored.cueSheet?.source ?? authored.programNotes?.source,
    ...(authored.cueSheet ? { cueSheetPath: authored.cueSheet.source } : {}),
    ...(authored.manifest ? { manifestPath: authored.manifest.manifestPath } : {}),
    ...(authored.mainTunes ? { mainTunesPath: authored.mainTunes.source } : {}),
    ...(harmonyError ? { harmonyError } : {}),
  };
}
