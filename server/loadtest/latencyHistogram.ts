/**
 * Delivery latencies in 1-ms bins up to 60 s (plus an overflow count): 10,000 phones at 20 ticks/s
 * make millions of samples, and a histogram gives exact millisecond percentiles in fixed memory and
 * merges across load workers by adding bins.
 */
const MAX_MS = 60_000;

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export class LatencyHistogram {
  readonly bins: Uint32Array;
  count = 0;
  maxMs = 0;

  constructor(bins?: Uint32Array) {
    this.bins = bins ?? new Uint32Array(MAX_MS + 1);
    if (bins) for (const n of bins) this.count += n;
  }

  /** Negative latencies (a clock offset estimate slightly off) count as 0 ms. */
  add(latencyMs: number): void {
    const bin = Math.min(MAX_MS, Math.max(0, Math.round(latencyMs)));
    this.bins[bin] = (this.bins[bin] ?? 0) + 1;
    this.count++;
    if (latencyMs > this.maxMs) this.maxMs = latencyMs;
  }

  merge(other: { readonly bins: Uint32Array; readonly count: number; readonly maxMs: number }): void {
    for (let i = 0; i < this.bins.length; i++) this.bins[i] = (this.bins[i] ?? 0) + (other.bins[i] ?? 0);
    this.count += other.count;
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  /** The smallest latency (ms) at or below which a share q of the samples lie; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i] ?? 0;
      if (seen >= rank) return i;
    }
    return MAX_MS;
  }

  summary(): LatencySummary {
    return { count: this.count, p50Ms: this.quantile(0.5), p90Ms: this.quantile(0.9), p99Ms: this.quantile(0.99), maxMs: Math.round(this.maxMs) };
  }
}
