/** Scoring found events (cadences, key changes) against true ones by position. */

/**
 * Greedy one-to-one matching: each found event takes the nearest unused true event within
 * `tolerance` quarters that `agrees` with it. Returns how many found events were matched.
 */
export function matchEvents<T extends { readonly offset: number }>(
  found: readonly T[],
  truth: readonly T[],
  tolerance: number,
  agrees: (found: T, truth: T) => boolean = () => true,
): number {
  const used = new Set<number>();
  let matched = 0;
  for (const f of found) {
    let best = -1;
    truth.forEach((t, i) => {
      if (used.has(i) || !agrees(f, t) || Math.abs(t.offset - f.offset) > tolerance + 1e-6) return;
      if (best < 0 || Math.abs(t.offset - f.offset) < Math.abs(truth[best].offset - f.offset)) best = i;
    });
    if (best >= 0) {
      used.add(best);
      matched++;
    }
  }
  return matched;
}
