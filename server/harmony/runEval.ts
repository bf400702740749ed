/** The whole harmony evaluation: every piece analysed and scored, pooled per group, plus the human ceiling. */
import { readFile } from 'node:fs/promises';
import { loadScore } from '../score/load.js';
import { analyzeHarmony, type HarmonyOptions } from './analyze.js';
import { fermataBeats } from './fermatas.js';
import { listHarmonyPieces, type HarmonyPiece } from './dataset.js';
import {
  addCounts,
  compareAnalyses,
  evaluateAnalysis,
  modulationScoresOf,
  scoresOf,
  ZERO_COUNTS,
  type HarmonyCounts,
  type HarmonyScores,
  type ModulationScores,
  type PivotReading,
} from './evaluate.js';
import { parseRomanText } from './romanText.js';

export interface HarmonyEvalReport {
  readonly chorales: HarmonyScores;
  readonly longer: HarmonyScores;
  readonly pieces: Readonly<Record<string, HarmonyScores>>;
  /** Agreement of the second analyst with the main analysis, chorales (BCMH), on the same grid. */
  readonly humanCeiling: HarmonyScores;
  /** Our figures on exactly the chorales that have a second analysis, to set beside the ceiling. */
  readonly choralesWithSecondAnalysis: HarmonyScores;
  /** The same for the longer pieces that have a second analysis (Mozart K. 331 and K. 545, Tymoczko). */
  readonly humanCeilingLonger: HarmonyScores;
  /**
   * The key changes we announce to the audience against the analysts' (same key, within one bar),
   * per group; for the ceilings, the second analyst's key changes against the first's.
   */
  readonly modulations: {
    readonly chorales: ModulationScores;
    readonly longer: ModulationScores;
    readonly humanCeiling: ModulationScores;
    readonly humanCeilingLonger: ModulationScores;
  };
  /** Beats compared, per group, so the figures can be weighed. */
  readonly beats: { readonly chorales: number; readonly longer: number; readonly humanCeiling: number };
  /** Seconds spent analysing (not loading) all pieces. */
  readonly analysisSeconds: number;
}

export interface PieceResult {
  readonly piece: HarmonyPiece;
  readonly counts: HarmonyCounts;
  readonly ceiling?: HarmonyCounts;
  readonly analysisMs: number;
}

/** The analysis' tuning, and which readings of a pivot chord count (see evaluate.ts). */
export interface HarmonyEvalOptions {
  readonly harmony?: HarmonyOptions;
  readonly pivots?: PivotReading;
}

export async function evaluatePiece(piece: HarmonyPiece, options: HarmonyEvalOptions = {}): Promise<PieceResult> {
  // Analyses are written once over repeated sections, so the score is read without unfolding repeats.
  const score = await loadScore(piece.scorePath, { repeats: false });
  const human = parseRomanText(await readFile(piece.analysisPath, 'utf8'), piece.analysisPath);
  const t0 = performance.now();
  const phraseEnds = fermataBeats(score);
  const ours = analyzeHarmony(score, { ...options.harmony, phraseEnds });
  const analysisMs = performance.now() - t0;
  const counts = evaluateAnalysis(score, ours, human, options.pivots);
  if (!piece.secondAnalysisPath) return { piece, counts, analysisMs };
  const second = parseRomanText(await readFile(piece.secondAnalysisPath, 'utf8'), piece.secondAnalysisPath);
  return { piece, counts, ceiling: compareAnalyses(score, human, second, options.pivots), analysisMs };
}

export async function runHarmonyEval(dataset: string, options: HarmonyEvalOptions = {}, onPiece?: (r: PieceResult) => void): Promise<HarmonyEvalReport> {
  const pieces = listHarmonyPieces(dataset);
  let chorales = ZERO_COUNTS;
  let longer = ZERO_COUNTS;
  let ceiling = ZERO_COUNTS;
  let oursBesideCeiling = ZERO_COUNTS;
  let ceilingLonger = ZERO_COUNTS;
  let analysisMs = 0;
  const perPiece: Record<string, HarmonyScores> = {};
  for (const piece of pieces) {
    const r = await evaluatePiece(piece, options);
    onPiece?.(r);
    analysisMs += r.analysisMs;
    perPiece[piece.folder] = scoresOf(r.counts);
    if (piece.group === 'chorales') {
      chorales = addCounts(chorales, r.counts);
      if (r.ceiling) {
        ceiling = addCounts(ceiling, r.ceiling);
        oursBesideCeiling = addCounts(oursBesideCeiling, r.counts);
      }
    } else {
      longer = addCounts(longer, r.counts);
      if (r.ceiling) ceilingLonger = addCounts(ceilingLonger, r.ceiling);
    }
  }
  return {
    chorales: scoresOf(chorales),
    longer: scoresOf(longer),
    pieces: perPiece,
    humanCeiling: scoresOf(ceiling),
    choralesWithSecondAnalysis: scoresOf(oursBesideCeiling),
    humanCeilingLonger: scoresOf(ceilingLonger),
    modulations: {
      chorales: modulationScoresOf(chorales),
      longer: modulationScoresOf(longer),
      humanCeiling: modulationScoresOf(ceiling),
      humanCeilingLonger: modulationScoresOf(ceilingLonger),
    },
    beats: { chorales: chorales.beats, longer: longer.beats, humanCeiling: ceiling.beats },
    analysisSeconds: analysisMs / 1000,
  };
}
