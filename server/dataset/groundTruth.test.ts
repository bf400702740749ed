import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatGroundTruth, parseGroundTruth } from './groundTruth.js';
import { DEFAULT_SCORES_DIR } from './scoresDir.js';

describe('Bach10 ground-truth format', () => {
  it('writes tab-separated integer rows with CRLF, sorted by audio then score onset', () => {
    const text = formatGroundTruth([
      { audioMs: 857.4, scoreMs: 2553.2, pitch: 71, part: 1 },
      { audioMs: 220.2, scoreMs: 1914.9, pitch: 64, part: 3 },
      { audioMs: 220.2, scoreMs: 1914.9, pitch: 72, part: 1 },
    ]);
    expect(text).toBe('220\t1915\t72\t1\r\n220\t1915\t64\t3\r\n857\t2553\t71\t1\r\n');
    expect(parseGroundTruth(text, 'x.txt')).toEqual([
      { audioMs: 220, scoreMs: 1915, pitch: 72, part: 1 },
      { audioMs: 220, scoreMs: 1915, pitch: 64, part: 3 },
      { audioMs: 857, scoreMs: 2553, pitch: 71, part: 1 },
    ]);
  });

  it('reads a real Bach10 ground-truth file the same way it writes ours', async () => {
    const path = join(DEFAULT_SCORES_DIR, '..', 'eval', 'bach10', '01-AchGottundHerr', '01-AchGottundHerr.txt');
    const text = await readFile(path, 'utf8').catch(() => {
      throw new Error(`Bach10 missing: ${path} (the tests read ../shared/eval/bach10 next to the repository)`);
    });
    const rows = parseGroundTruth(text, path);
    expect(rows.length).toBe(139);
    // Same bytes line for line; only the order of parts within a chord varies in Bach10.
    const lines = (t: string): string[] => t.split('\r\n').sort();
    expect(lines(formatGroundTruth(rows))).toEqual(lines(text));
  });

  it('names the file and line of a bad row', () => {
    expect(() => parseGroundTruth('1\t2\t3\t4\r\n5\t6\tx\t1\r\n', 'bad.txt')).toThrow(/bad\.txt \(line 2\)/);
  });
});
