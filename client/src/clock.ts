/**
 * The server's clock seen from the phone, from `clock` exchanges (NTP's one-round-trip estimate):
 * offset = serverTime − (send + receive) / 2, trusting most the exchange with the shortest round trip,
 * whose error is bounded by half that round trip. Pure data in, data out.
 */

export interface ClockSample {
  /** Client clock (ms) when the request left and when the answer came back. */
  readonly clientSendMs: number;
  readonly clientReceiveMs: number;
  /** Server clock (ms) when it answered. */
  readonly serverTimeMs: number;
}

export interface ClockEstimate {
  /** serverClock − clientClock, ms. */
  readonly offsetMs: number;
  readonly roundTripMs: number;
}

/** At most this many recent samples are kept: a phone's clock drifts and networks change. */
export const CLOCK_WINDOW = 8;

export function sampleEstimate(s: ClockSample): ClockEstimate {
  const roundTripMs = Math.max(0, s.clientReceiveMs - s.clientSendMs);
  return { offsetMs: s.serverTimeMs - (s.clientSendMs + s.clientReceiveMs) / 2, roundTripMs };
}

/** The estimate of the quickest recent exchange; null before the first. */
export function bestEstimate(samples: readonly ClockSample[]): ClockEstimate | null {
  let best: ClockEstimate | null = null;
  for (const s of samples.slice(-CLOCK_WINDOW)) {
    const e = sampleEstimate(s);
    if (best === null || e.roundTripMs < best.roundTripMs) best = e;
  }
  return best;
}

export function addSample(samples: readonly ClockSample[], sample: ClockSample): ClockSample[] {
  if (!(sample.clientReceiveMs >= sample.clientSendMs) || !Number.isFinite(sample.serverTimeMs)) return [...samples];
  return [...samples, sample].slice(-CLOCK_WINDOW);
}

/** A server timestamp on the client's clock. Without an estimate yet, the server's time is taken as is. */
export function toClientMs(serverMs: number, estimate: ClockEstimate | null): number {
  return serverMs - (estimate?.offsetMs ?? 0);
}
