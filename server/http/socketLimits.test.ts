import { describe, expect, it } from 'vitest';
import { eventBytes, tokenBucket } from './socketLimits.js';

describe('tokenBucket', () => {
  it('allows the burst at once, then the sustained rate', () => {
    let t = 0;
    const bucket = tokenBucket({ eventsPerSec: 10, burst: 5, maxEventBytes: 1 }, () => t);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    t += 100; // one token back
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    t += 10_000; // refills to the burst, not beyond
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });
});

describe('eventBytes', () => {
  it('counts binary by length and objects roughly as JSON, skipping the ack', () => {
    expect(eventBytes([new Uint8Array(1000), () => {}], 10_000)).toBe(1000);
    expect(eventBytes([{ data: new ArrayBuffer(300), rate: 48000 }], 10_000)).toBeGreaterThan(300);
    expect(eventBytes(['x'.repeat(5000)], 10_000)).toBe(5000);
  });

  it('stops counting once past the cap, so a huge payload costs little to refuse', () => {
    const huge = { a: 'x'.repeat(100), nested: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])) };
    const n = eventBytes([huge], 1000);
    expect(n).toBeGreaterThan(1000);
    expect(n).toBeLessThan(2000);
  });
});
