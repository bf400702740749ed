import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from './command.js';
import { scoreCommand } from './score.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..', '..');
const fixture = resolve(repo, 'server', 'score', 'fixtures', 'repeats-endings.musicxml');
const tutti = (...args: string[]) => run(process.execPath, ['--import', 'tsx', resolve(repo, 'server', 'cli.ts'), ...args], { cwd: repo });

describe('tutti score inspect', () => {
  it('prints parts, measures, duration, tempo changes, keys and note count', async () => {
    const { stdout } = await tutti('score', 'inspect', fixture);
    expect(stdout).toContain('Title:     Repeat Study — Allegretto');
    expect(stdout).toMatch(/P2 +Bb Clarinet +woodwinds +4 notes/);
    expect(stdout).toContain('Measures:  6 played (5 printed, 1..5)');
    expect(stdout).toContain('Duration:  23 beats (quarter notes), 15 s (0:15.0) at the notated tempo');
    expect(stdout).toContain('Tempo:     1 change');
    expect(stdout).toMatch(/beat +16 +measure 4 +60 quarter notes\/min/);
    expect(stdout).toContain('C major (no accidentals)');
    expect(stdout).toContain('Notes:     16 (1 with tied continuations merged)');
  });

  it('dumps the model as JSON, with or without repeats', async () => {
    const { stdout } = await tutti('score', 'inspect', fixture, '--json', '--no-repeats');
    const score = JSON.parse(stdout) as { notes: unknown[]; measures: { number: string }[] };
    expect(score.measures.map((m) => m.number)).toEqual(['1', '3', '4', '5']);
    expect(score.notes).toHaveLength(10);
  });

  it('turns bad arguments and bad files into usage and user errors', async () => {
    await expect(scoreCommand.run(['show', fixture])).rejects.toBeInstanceOf(UsageError);
    await expect(scoreCommand.run(['inspect'])).rejects.toBeInstanceOf(UsageError);
    await expect(scoreCommand.run(['inspect', 'missing.mid'])).rejects.toThrow(new UserError('missing.mid: file not found'));
  });
});
