import { describe, expect, it } from 'vitest';
import { requestPathname } from './requestPath.js';

describe('requestPathname', () => {
  it('reads ordinary paths, absolute-form and origin-form', () => {
    expect(requestPathname('/healthz?x=1')).toBe('/healthz');
    expect(requestPathname('http://example.org/conductor')).toBe('/conductor');
    expect(requestPathname(undefined)).toBe('/');
  });

  it('answers null, never throws, on request lines new URL cannot read', () => {
    for (const bad of ['http://[', '//[', 'http://%', '//a b', 'http://a:99999/']) expect(requestPathname(bad)).toBeNull();
  });
});
