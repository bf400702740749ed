/**
 * The follower's recent readings for the panel's plots: tempo and confidence over the last minutes, on the server's
 * clock (ticks and beliefs carry `serverTimeMs`), thinned to a few points a second so a long concert stays cheap.
 */
export interface Reading {
  /** Server clock, ms. */
  readonly atMs: number;
  readonly tempoBpm: number;
  readonly confidence: number;
}

export interface History {
  /** Seconds relative to the newest reading (≤ 0), tempo and confidence (0..100 %), oldest first. */
  readonly t: number[];
  readonly tempo: number[];
  readonly confidence: number[];
  /** Server time of the newest reading, ms; null when empty. */
  newestMs: number | null;
  /** The session the readings belong to. */
  sessionId: string | null;
}

export const HISTORY_WINDOW_MS = 5 * 60_000;
const MIN_SPACING_MS = 250;

export function emptyHistory(): History {
  return { t: [], tempo: [], confidence: [], newestMs: null, sessionId: null };
}

/** Adds a reading (if it is at least MIN_SPACING_MS after the last one) and drops what is older than the window. */
export function addReading(h: History, r: Reading, windowMs = HISTORY_WINDOW_MS): boolean {
  if (h.newestMs !== null && r.atMs - h.newestMs < MIN_SPACING_MS) return false;
  const shift = h.newestMs === null ? 0 : (r.atMs - h.newestMs) / 1000;
  for (let i = 0; i < h.t.length; i++) h.t[i]! -= shift;
  h.t.push(0);
  h.tempo.push(r.tempoBpm);
  h.confidence.push(Math.round(r.confidence * 1000) / 10);
  h.newestMs = r.atMs;
  let drop = 0;
  while (drop < h.t.length && h.t[drop]! < -windowMs / 1000) drop++;
  if (drop > 0) {
    h.t.splice(0, drop);
    h.tempo.splice(0, drop);
    h.confidence.splice(0, drop);
  }
  return true;
}
