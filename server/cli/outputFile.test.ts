import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from './command.js';
import { followCommand } from './follow.js';
import { checkOutputFile } from './outputFile.js';

const dir = mkdtempSync(join(tmpdir(), 'tutti-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkOutputFile', () => {
  it('accepts a new or existing file in an existing directory, creating nothing', () => {
    expect(() => checkOutputFile(join(dir, 'new.txt'), '--out')).not.toThrow();
    writeFileSync(join(dir, 'old.txt'), 'x');
    expect(() => checkOutputFile(join(dir, 'old.txt'), '--out')).not.toThrow();
  });

  it('names the option and the path when the directory is missing, is a file, or the target is a directory', () => {
    const missing = join(dir, 'nope', 'notes.txt');
    expect(() => checkOutputFile(missing, '--out')).toThrow(new UserError(`--out ${missing}: cannot write (directory ${join(dir, 'nope')} does not exist)`));
    writeFileSync(join(dir, 'plain'), 'x');
    expect(() => checkOutputFile(join(dir, 'plain', 'notes.txt'), '--positions')).toThrow(/^--positions .*plain\/notes\.txt: cannot write \(.*not a directory\)/);
    expect(() => checkOutputFile(dir, '--out')).toThrow(/cannot write \(it is a directory\)/);
  });
});

describe('follow checks --out and --positions before any work', () => {
  // The score does not exist: had follow started working, the error would name the score instead.
  it.each([
    ['--out', ['--out', join(dir, 'nope', 'notes.txt')]],
    ['--positions', ['--out', join(dir, 'notes.txt'), '--positions', join(dir, 'nope', 'p.tsv')]],
  ])('%s', async (option, outArgs) => {
    const run = followCommand.run(['--score', join(dir, 'missing.mid'), '--audio', join(dir, 'missing.wav'), ...outArgs]);
    await expect(run).rejects.toThrow(new RegExp(`^${option} .*: cannot write \\(directory .* does not exist\\)`));
  });
});
