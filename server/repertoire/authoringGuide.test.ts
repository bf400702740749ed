/** The guide's complete example must stay valid: its two YAML blocks, checked against the score they name. */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePiece } from './validate.js';

const repo = resolve(import.meta.dirname, '..', '..');

describe('docs/authoring.md', () => {
  it('has a complete example piece that validates', async () => {
    const guide = await readFile(join(repo, 'docs', 'authoring.md'), 'utf8');
    const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(2);
    const dir = await mkdtemp(join(tmpdir(), 'tutti-guide-'));
    try {
      await writeFile(join(dir, 'piece.yaml'), blocks[0]);
      await writeFile(join(dir, 'cues.yaml'), blocks[1]);
      await copyFile(join(repo, 'server', 'score', 'fixtures', 'repeats-endings.musicxml'), join(dir, 'score.musicxml'));
      await writeFile(join(dir, 'recording.opus'), '');
      const check = await validatePiece(dir);
      expect(check.problems).toEqual([]);
      expect(check.summary).toContain('2 sections');
      // And the guide's sample error is what validate says for that mistake.
      await writeFile(join(dir, 'cues.yaml'), blocks[1].replace('    from: 3\n    to: 5', '    from: 3\n    to: 7'));
      const broken = await validatePiece(dir);
      const line = blocks[1].split('\n').findIndex((l, i, all) => l === '    to: 5' && all[i - 1] === '    from: 3') + 1;
      expect(broken.problems).toEqual([`${join(dir, 'cues.yaml')}:${line}: sections[1].to: section 'Close' ends at bar 7 but the score has 5 bars`]);
      expect(guide).toContain(`scores/my-piece/cues.yaml:${line}: sections[1].to: section 'Close' ends at bar 7 but the score has 5 bars`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
