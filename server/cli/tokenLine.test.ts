import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN_FILE, tokenLine } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'tutti-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the conductor token in the banner', () => {
  it('is printed to a terminal only', () => {
    expect(tokenLine({ token: 'abc', source: 'generated' }, dir, { isTTY: true })).toBe('Conductor token: abc  (generated; set TUTTI_CONDUCTOR_TOKEN to choose one)');
  });

  it('goes to a 0600 file when stdout is redirected, even over an older world-readable one', () => {
    writeFileSync(join(dir, TOKEN_FILE), 'old\n', { mode: 0o644 });
    const line = tokenLine({ token: 'abc', source: 'generated' }, dir, {});
    expect(line).not.toContain('abc');
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8')).toBe('abc\n');
    expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it('is never shown when it comes from the environment', () => {
    expect(tokenLine({ token: 'abc', source: 'env' }, dir, { isTTY: true })).toBe('Conductor token: from TUTTI_CONDUCTOR_TOKEN (not shown)');
  });
});
