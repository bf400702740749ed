/**
 * Frame-level multi-pitch scoring (MIREX style): estimated active MIDI bins against reference
 * fractional-MIDI F0s, matched one-to-one within a pitch tolerance.
 */
export interface MultipitchCounts {
  readonly truePositives: number;
  readonly estimated: number;
  readonly reference: number;
}

export interface MultipitchScores extends MultipitchCounts {
  readonly precision: number;
  readonly recall: number;
  readonly fMeasure: number;
}

/** Counts matches in one frame; `reference` holds fractional MIDI numbers (0 = silent, skipped). */
export function matchFrame(estimatedMidi: readonly number[], reference: readonly number[], toleranceSemitones: number): MultipitchCounts {
  const refs = reference.filter((r) => r > 0);
  const used = new Array<boolean>(estimatedMidi.length).fill(false);
  let tp = 0;
  // Greedy on closest pairs first keeps the one-to-one matching maximal for these small sets.
  const pairs: [number, number, number][] = [];
  refs.forEach((r, i) => estimatedMidi.forEach((e, j) => pairs.push([Math.abs(r - e), i, j])));
  pairs.sort((a, b) => a[0] - b[0]);
  const refUsed = new Array<boolean>(refs.length).fill(false);
  for (const [d, i, j] of pairs) {
    if (d > toleranceSemitones) break;
    if (refUsed[i] || used[j]) continue;
    refUsed[i] = true;
    used[j] = true;
    tp++;
  }
  return { truePositives: tp, estimated: estimatedMidi.length, reference: refs.length };
}

export function addCounts(a: MultipitchCounts, b: MultipitchCounts): MultipitchCounts {
  return { truePositives: a.truePositives + b.truePositives, estimated: a.estimated + b.estimated, reference: a.reference + b.reference };
}

export function scoreCounts(c: MultipitchCounts): MultipitchScores {
  const precision = c.estimated > 0 ? c.truePositives / c.estimated : 0;
  const recall = c.reference > 0 ? c.truePositives / c.reference : 0;
  const fMeasure = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, fMeasure };
}
