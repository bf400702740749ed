/** Analysing a score file: load it, read its fermatas as phrase ends, analyse. */
import { loadScore, type LoadScoreOptions } from '../score/load.js';
import type { Score } from '../score/types.js';
import { analyzeHarmony, type HarmonyAnalysis, type HarmonyOptions } from './analyze.js';
import { fermataBeats } from './fermatas.js';

export interface AnalyzedScore {
  readonly score: Score;
  readonly analysis: HarmonyAnalysis;
  /** Milliseconds spent loading the score, reading its fermatas, and analysing it. */
  readonly timing: { readonly loadMs: number; readonly fermataMs: number; readonly analysisMs: number };
}

export async function analyzeScoreFile(path: string, options: HarmonyOptions & LoadScoreOptions = {}): Promise<AnalyzedScore> {
  const t0 = performance.now();
  const score = await loadScore(path, options.repeats === undefined ? {} : { repeats: options.repeats });
  const t1 = performance.now();
  const phraseEnds = options.phraseEnds ?? (await fermataBeats(path, score));
  const t2 = performance.now();
  const analysis = analyzeHarmony(score, { ...options, phraseEnds });
  const t3 = performance.now();
  return { score, analysis, timing: { loadMs: t1 - t0, fermataMs: t2 - t1, analysisMs: t3 - t2 } };
}
