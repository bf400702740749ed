import { describe, expect, it } from 'vitest';
import { addSample, bestEstimate, CLOCK_WINDOW, sampleEstimate, toClientMs } from './clock.js';

describe('clock offset from clock exchanges', () => {
  it('halves the round trip: a server 5 s ahead, 100 ms there and back', () => {
    expect(sampleEstimate({ clientSendMs: 1000, clientReceiveMs: 1100, serverTimeMs: 6050 })).toEqual({ offsetMs: 5000, roundTripMs: 100 });
  });

  it('trusts the quickest recent exchange, and forgets old ones', () => {
    let samples = addSample([], { clientSendMs: 0, clientReceiveMs: 400, serverTimeMs: 5300 }); // slow, asymmetric: offset 5100
    samples = addSample(samples, { clientSendMs: 1000, clientReceiveMs: 1020, serverTimeMs: 6010 }); // quick: 5000
    expect(bestEstimate(samples)).toEqual({ offsetMs: 5000, roundTripMs: 20 });
    for (let i = 0; i < CLOCK_WINDOW; i++) samples = addSample(samples, { clientSendMs: 2000 + i * 100, clientReceiveMs: 2050 + i * 100, serverTimeMs: 7025 + i * 100 - 10 });
    expect(samples).toHaveLength(CLOCK_WINDOW);
    expect(bestEstimate(samples)?.offsetMs).toBe(4990);
  });

  it('ignores impossible samples and brings server times to the client clock', () => {
    expect(addSample([], { clientSendMs: 10, clientReceiveMs: 5, serverTimeMs: 0 })).toEqual([]);
    expect(bestEstimate([])).toBeNull();
    expect(toClientMs(6000, { offsetMs: 5000, roundTripMs: 10 })).toBe(1000);
    expect(toClientMs(6000, null)).toBe(6000);
  });
});
