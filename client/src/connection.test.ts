import { describe, expect, it } from 'vitest';
import { linkHealth, SILENT_AFTER_MS } from './connection.js';

describe('linkHealth', () => {
  it('is connecting until the first connection, and lost after a disconnect', () => {
    expect(linkHealth({ connected: false, everConnected: false, lastHeardAtMs: null }, 0)).toBe('connecting');
    expect(linkHealth({ connected: false, everConnected: true, lastHeardAtMs: 1000 }, 1001)).toBe('lost');
  });

  it('calls a connected but silent link lost once the silence outlasts the heartbeat, and ok again when heard', () => {
    const heard = { connected: true, everConnected: true, lastHeardAtMs: 10_000 };
    expect(linkHealth(heard, 10_000 + SILENT_AFTER_MS)).toBe('ok');
    expect(linkHealth(heard, 10_000 + SILENT_AFTER_MS + 1)).toBe('lost');
    expect(SILENT_AFTER_MS).toBeLessThan(5000); // the hall is told within 5 s
    expect(linkHealth({ ...heard, lastHeardAtMs: 14_000 }, 14_500)).toBe('ok');
  });
});
