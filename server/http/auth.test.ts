import { describe, expect, it } from 'vitest';
import { resolveConductorToken, tokenMatches } from './auth.js';

describe('conductor token', () => {
  it('comes from TUTTI_CONDUCTOR_TOKEN when set, else is generated fresh each start', () => {
    expect(resolveConductorToken({ TUTTI_CONDUCTOR_TOKEN: ' s3cret ' })).toEqual({ token: 's3cret', source: 'env' });
    const a = resolveConductorToken({});
    const b = resolveConductorToken({ TUTTI_CONDUCTOR_TOKEN: '' });
    expect(a.source).toBe('generated');
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(b.token).not.toBe(a.token);
  });

  it('matches only the exact token', () => {
    expect(tokenMatches('s3cret', 's3cret')).toBe(true);
    expect(tokenMatches('s3cre', 's3cret')).toBe(false);
    expect(tokenMatches('s3creT', 's3cret')).toBe(false);
    expect(tokenMatches(undefined, 's3cret')).toBe(false);
    expect(tokenMatches(42, 's3cret')).toBe(false);
    expect(tokenMatches('', 's3cret')).toBe(false);
    expect(tokenMatches('x'.repeat(5000), 's3cret')).toBe(false);
  });
});
