import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServeLogger } from './logger.js';

describe('createServeLogger', () => {
  it('writes one JSON object per line, warnings marked by level', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const { log } = await createServeLogger({ tty: false, destination });
    log('enrichment: 842 bars');
    log('/audience: disconnected 10.0.0.9 (more than 30 events at once or 5/s sustained)');
    await new Promise((r) => setImmediate(r));
    const records = lines.map((l) => JSON.parse(l) as { level: number; msg: string; name: string; time: string });
    expect(records.map((r) => [r.level, r.msg, r.name])).toEqual([
      [30, 'enrichment: 842 bars', 'tutti'],
      [40, '/audience: disconnected 10.0.0.9 (more than 30 events at once or 5/s sustained)', 'tutti'],
    ]);
    expect(records[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
