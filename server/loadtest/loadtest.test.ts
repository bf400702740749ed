import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latencyHistogram.js';
import { LoadTargetError, loopbackTarget } from './target.js';
import { TickLedger } from './tickLedger.js';

describe('loopbackTarget', () => {
  it.each(['http://127.0.0.1:3000', 'http://127.8.9.10', 'http://localhost:1', 'http://[::1]:3000', 'https://LOCALHOST'])('accepts %s', (url) => {
    expect(loopbackTarget(url, []).protocol).toMatch(/^https?:$/);
  });

  it.each(['http://10.0.0.1:3000', 'http://192.168.1.2', 'http://example.org', 'http://128.0.0.1', 'http://[::2]', 'http://127.0.0.1.nip.io'])('refuses %s', (url) => {
    expect(() => loopbackTarget(url, [])).toThrow(LoadTargetError);
  });

  it('refuses what is not an http URL, and accepts a named test host', () => {
    expect(() => loopbackTarget('127.0.0.1:3000', [])).toThrow(/not a URL|http/);
    expect(() => loopbackTarget('ftp://127.0.0.1', [])).toThrow(/http/);
    expect(loopbackTarget('http://tutti-fanout-1:3000', ['tutti-fanout-1']).hostname).toBe('tutti-fanout-1');
  });
});

describe('LatencyHistogram', () => {
  it('gives millisecond quantiles and merges across agents', () => {
    const a = new LatencyHistogram();
    for (let ms = 1; ms <= 100; ms++) a.add(ms);
    expect(a.summary()).toEqual({ count: 100, p50Ms: 50, p90Ms: 90, p99Ms: 99, maxMs: 100 });
    const b = new LatencyHistogram();
    for (let i = 0; i < 100; i++) b.add(500);
    b.add(-3); // an offset estimate a little off: counted as 0 ms, not dropped
    a.merge(b);
    expect(a.count).toBe(201);
    expect(a.quantile(0.4)).toBe(80);
    expect(a.quantile(0.9)).toBe(500);
    expect(a.maxMs).toBe(500);
    expect(Number.isNaN(new LatencyHistogram().quantile(0.5))).toBe(true);
  });
});

describe('TickLedger', () => {
  it('counts gaps in seq as missed ticks, restarts the count for a new session', () => {
    const ledger = new TickLedger();
    for (const seq of [5, 6, 7, 10, 11]) ledger.record('s1', seq);
    expect(ledger.missed).toBe(2);
    ledger.record('s1', 11);
    ledger.record('s1', 9);
    expect(ledger.outOfOrder).toBe(2);
    ledger.record('s2', 1); // a new session starts from wherever its seq is
    ledger.record('s2', 2);
    ledger.record('s2', undefined);
    expect({ received: ledger.received, missed: ledger.missed, unnumbered: ledger.unnumbered }).toEqual({ received: 10, missed: 2, unnumbered: 1 });
  });
});
