/**
 * Any-time recovery: a coarse Viterbi over the WHOLE score (template frames pooled in blocks of
 * `blockFrames`, audio frames pooled the same way), where every cell may also be entered from the
 * best cell anywhere for a fixed `jumpPenalty`. It is cheap (≈10 steps/s over nFrames/blockFrames
 * cells) and answers "where in the score does the recent audio fit best?", regardless of where
 * the local tracker thinks it is.
 */
import { PITCH_BINS, type Template } from './template.js';
import { frameCosts } from './viterbi.js';

export interface GlobalSearchOptions {
  /** Template / audio frames pooled into one coarse frame. */
  readonly blockFrames?: number;
  /** Cost of entering a cell from anywhere (a jump). */
  readonly jumpPenalty?: number;
  readonly stayPenalty?: number;
  readonly skip2Penalty?: number;
  readonly skip3Penalty?: number;
}

export const GLOBAL_SEARCH_DEFAULTS: Required<GlobalSearchOptions> = {
  blockFrames: 8,
  jumpPenalty: 2,
  stayPenalty: 0.01,
  skip2Penalty: 0.01,
  skip3Penalty: 0.05,
};

export interface GlobalSearch {
  /** Adds one (non-silent) audio feature frame; returns true when a coarse step completed. */
  add(features: Float32Array): boolean;
  /** Best coarse cell after the last completed step, as a template frame index (block centre). */
  readonly bestTemplateIndex: number;
  /** Accumulated cost of the best cell within ±radius template frames of `templateIndex`, minus the global best. */
  costGapAt(templateIndex: number, radiusFrames: number): number;
  /**
   * Accumulated cost of the best cell at a DIFFERENT place than the global best (more than `radiusSec`
   * of score away from it, both as performed and as printed, so a repeat's other pass is the same place),
   * minus the global best: how clearly the audio points to one place. Infinity when there is none.
   */
  runnerUpGap(radiusSec: number): number;
  /** Cosine similarity of the last coarse audio frame with the score cell it matches best. */
  readonly lastBestMatch: number;
  /** Coarse steps completed since the last reset. */
  readonly steps: number;
  reset(): void;
}

export function createGlobalSearch(template: Template, options: GlobalSearchOptions = {}): GlobalSearch {
  const o = { ...GLOBAL_SEARCH_DEFAULTS, ...options };
  const block = Math.max(1, Math.round(o.blockFrames));
  const n = Math.ceil(template.nFrames / block);
  // Pooled template rows, re-normalised.
  const vectors = new Float32Array(n * PITCH_BINS);
  for (let c = 0; c < n; c++) {
    let norm = 0;
    for (let f = c * block; f < Math.min(template.nFrames, (c + 1) * block); f++) {
      for (let k = 0; k < PITCH_BINS; k++) vectors[c * PITCH_BINS + k] += template.vectors[f * PITCH_BINS + k]!;
    }
    for (let k = 0; k < PITCH_BINS; k++) norm += vectors[c * PITCH_BINS + k]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < PITCH_BINS; k++) vectors[c * PITCH_BINS + k] = vectors[c * PITCH_BINS + k]! * inv;
  }
  const coarse: Template = { ...template, nFrames: n, vectors };
  // Performed and printed score time of each coarse cell (its centre frame).
  const cellSec = new Float64Array(n);
  const cellPrinted = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const f = Math.min(template.nFrames - 1, c * block + (block >> 1));
    cellSec[c] = template.scoreSec[f]!;
    cellPrinted[c] = (template.printedSec ?? template.scoreSec)[f]!;
  }
  const D = new Float64Array(n);
  const cost = new Float64Array(n);
  const pooled = new Float32Array(PITCH_BINS);
  let pooledCount = 0;
  let best = 0;
  let steps = 0;
  let lastBestMatch = 0;

  function reset(): void {
    // Start anywhere: the audio may begin mid-score.
    D.fill(0);
    pooled.fill(0);
    pooledCount = 0;
    best = 0;
    steps = 0;
    lastBestMatch = 0;
  }
  reset();

  return {
    get bestTemplateIndex() {
      return Math.min(template.nFrames - 1, best * block + (block >> 1));
    },
    get lastBestMatch() {
      return lastBestMatch;
    },
    get steps() {
      return steps;
    },
    reset,
    costGapAt(templateIndex, radiusFrames) {
      const c0 = Math.max(0, Math.floor((templateIndex - radiusFrames) / block));
      const c1 = Math.min(n - 1, Math.floor((templateIndex + radiusFrames) / block));
      let m = Infinity;
      for (let c = c0; c <= c1; c++) if (D[c]! < m) m = D[c]!;
      return m - D[best]!;
    },
    runnerUpGap(radiusSec) {
      let m = Infinity;
      for (let c = 0; c < n; c++) {
        if (Math.abs(cellSec[c]! - cellSec[best]!) <= radiusSec || Math.abs(cellPrinted[c]! - cellPrinted[best]!) <= radiusSec) continue;
        if (D[c]! < m) m = D[c]!;
      }
      return m - D[best]!;
    },
    add(features) {
      for (let k = 0; k < PITCH_BINS; k++) pooled[k] += features[k]!;
      if (++pooledCount < block) return false;
      frameCosts(coarse, pooled, 0, n - 1, cost);
      pooled.fill(0);
      pooledCount = 0;
      let minCost = Infinity;
      for (let i = 0; i < n; i++) if (cost[i]! < minCost) minCost = cost[i]!;
      lastBestMatch = 1 - minCost;
      const jumpFrom = D[best]! + o.jumpPenalty;
      for (let i = n - 1; i >= 0; i--) {
        let m = D[i]! + o.stayPenalty;
        if (i >= 1 && D[i - 1]! < m) m = D[i - 1]!;
        if (i >= 2 && D[i - 2]! + o.skip2Penalty < m) m = D[i - 2]! + o.skip2Penalty;
        if (i >= 3 && D[i - 3]! + o.skip3Penalty < m) m = D[i - 3]! + o.skip3Penalty;
        if (jumpFrom < m) m = jumpFrom;
        D[i] = m + cost[i]!;
      }
      let b = 0;
      for (let i = 1; i < n; i++) if (D[i]! < D[b]!) b = i;
      const floor = D[b]!;
      for (let i = 0; i < n; i++) D[i] = D[i]! - floor;
      best = b;
      steps++;
      return true;
    },
  };
}
