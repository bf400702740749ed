/** Analysing a score file: load it, read its fermatas as phrase ends, analyse. */
import { loadScore, type LoadScoreOptions } from '../score/load.js';
import type { Score } from '../score/types.js';
import { analyzeHarmony, type HarmonyAnalysis, type HarmonyOptions } from './analyze.js';
import { fermataBeats } from './fermatas.js';

export interface AnalyzedScore {
  readonly score: Score;
  readonly analysis: HarmonyAnalysis;
}

export async function analyzeScoreFile(path: string, options: HarmonyOptions & LoadScoreOptions = {}): Promise<AnalyzedScore> {
  const score = await loadScore(path, options.repeats === undefined ? {} : { repeats: options.repeats });
  const phraseEnds = options.phraseEnds ?? (await fermataBeats(path, score));
  return { score, analysis: analyzeHarmony(score, { ...options, phraseEnds }) };
}
