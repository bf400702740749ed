/** Analysing a score file: load it, take its fermatas as phrase ends, analyse. */
import { loadScore, type LoadScoreOptions } from '../score/load.js';
import type { Score } from '../score/types.js';
import { analyzeHarmony, type HarmonyAnalysis, type HarmonyOptions } from './analyze.js';
import { fermataBeats } from './fermatas.js';

export interface AnalyzedScore {
  readonly score: Score;
  readonly analysis: HarmonyAnalysis;
  /** Milliseconds spent loading the score and analysing it (fermatas included). */
  readonly timing: { readonly loadMs: number; readonly analysisMs: number };
}

export async function analyzeScoreFile(path: string, options: HarmonyOptions & LoadScoreOptions = {}): Promise<AnalyzedScore> {
  const t0 = performance.now();
  const score = await loadScore(path, options.repeats === undefined ? {} : { repeats: options.repeats });
  const t1 = performance.now();
  const phraseEnds = options.phraseEnds ?? fermataBeats(score);
  const analysis = analyzeHarmony(score, { ...options, phraseEnds });
  const t2 = performance.now();
  return { score, analysis, timing: { loadMs: t1 - t0, analysisMs: t2 - t1 } };
}
