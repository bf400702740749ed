import { describe, expect, it } from 'vitest';
import { LoginGuard } from './loginGuard.js';

function guard(lines: string[] = []) {
  let t = 1_000_000;
  const g = new LoginGuard({ now: () => t, log: (l) => lines.push(l), freeFailures: 3, baseBackoffMs: 1000, maxBackoffMs: 8000, forgetAfterMs: 60_000 });
  return { g, advance: (ms: number) => (t += ms) };
}

describe('LoginGuard', () => {
  it('lets a few failures through, then blocks the address with a doubling wait up to the cap', () => {
    const { g, advance } = guard();
    for (let i = 0; i < 2; i++) {
      expect(g.check('10.0.0.9')).toEqual({ allowed: true });
      g.fail('10.0.0.9');
    }
    expect(g.check('10.0.0.9')).toEqual({ allowed: true });
    g.fail('10.0.0.9'); // third failure: blocked for 1 s
    expect(g.check('10.0.0.9')).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(g.check('10.0.0.7')).toEqual({ allowed: true }); // others are not affected
    advance(1000);
    expect(g.check('10.0.0.9')).toEqual({ allowed: true });
    g.fail('10.0.0.9');
    expect(g.check('10.0.0.9')).toEqual({ allowed: false, retryAfterMs: 2000 });
    for (const wait of [2000, 4000, 8000, 8000]) {
      advance(wait);
      g.fail('10.0.0.9');
    }
    expect(g.check('10.0.0.9')).toEqual({ allowed: false, retryAfterMs: 8000 });
  });

  it('forgives an address after a success or a long quiet time', () => {
    const { g, advance } = guard();
    for (let i = 0; i < 3; i++) g.fail('a');
    advance(1000);
    g.succeed('a');
    g.fail('a');
    expect(g.check('a')).toEqual({ allowed: true });
    g.fail('a');
    g.fail('a');
    expect(g.check('a').allowed).toBe(false);
    advance(61_000);
    g.fail('a');
    expect(g.check('a')).toEqual({ allowed: true });
  });

  it('logs in aggregate: one line per address per report, none when quiet', () => {
    const lines: string[] = [];
    const { g } = guard(lines);
    for (let i = 0; i < 2000; i++) if (g.check('10.0.0.9').allowed) g.fail('10.0.0.9');
    g.fail('10.0.0.8');
    expect(lines).toEqual([]);
    g.report();
    expect(lines).toEqual([
      'login: 3 wrong token(s) and 1997 attempt(s) refused while blocked from 10.0.0.9; blocked for 1 s more',
      'login: 1 wrong token(s) and 0 attempt(s) refused while blocked from 10.0.0.8',
    ]);
    g.report();
    expect(lines).toHaveLength(2);
    expect(g.failedTotal).toBe(2001);
  });
});
