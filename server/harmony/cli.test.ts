import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { harmonyCommand } from '../cli/harmony.js';
import { UsageError, UserError } from '../cli/command.js';
import { loadScore } from '../score/load.js';
import { DEFAULT_HARMONY_DATASET } from './dataset.js';
import { fermataBeats } from './fermatas.js';

// Bach10 piece 01: chorale 40, BWV 255, C major; its phrases end under fermatas.
const CHORALE = join(DEFAULT_HARMONY_DATASET, 'Early_Choral--Bach_Johann_Sebastian--Chorales--040', 'bwv255.mxl');

function capture(): string[] {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  return printed;
}

describe('tutti harmony', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints bar, beat, key, chord, numeral and cadence for a chorale', async () => {
    const printed = capture();
    expect(await harmonyCommand.run([CHORALE, '--no-repeats'])).toBe(0);
    const lines = printed.join('\n').split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['bar', 'beat', 'key', 'chord', 'numeral', 'cadence']);
    const last = lines.filter((l) => !l.trimStart().startsWith('»')).at(-1) ?? '';
    expect(last.split(/\s+/).slice(0, 5)).toEqual(['8', '3', 'C', 'C', 'I']); // the final tonic chord
    expect(lines.some((l) => l.includes('perfect authentic'))).toBe(true);
  });

  it('prints JSON with --json', async () => {
    const printed = capture();
    expect(await harmonyCommand.run([CHORALE, '--json', '--no-repeats'])).toBe(0);
    const out = JSON.parse(printed.join('\n')) as { segments: { bar: string; beat: number; key: string; chord: string; numeral: string; cadence?: string }[] };
    expect(out.segments[0]).toMatchObject({ bar: '0' });
    const cadences = out.segments.filter((s) => s.cadence);
    expect(cadences.length).toBeGreaterThanOrEqual(5);
    expect(out.segments.at(-1)).toMatchObject({ key: 'C', numeral: 'I', cadence: 'perfect authentic' });
  });

  it('names the file when it cannot be read, and rejects bad arguments', async () => {
    await expect(harmonyCommand.run(['/nonexistent/piece.mxl'])).rejects.toThrow(UserError);
    await expect(harmonyCommand.run(['/nonexistent/piece.mxl'])).rejects.toThrow('/nonexistent/piece.mxl');
    await expect(harmonyCommand.run([])).rejects.toThrow(UsageError);
    await expect(harmonyCommand.run([CHORALE, '--bogus'])).rejects.toThrow(UsageError);
  });
});

describe('fermata phrase ends', () => {
  it('finds the six fermatas of BWV 255', async () => {
    expect(fermataBeats(await loadScore(CHORALE, { repeats: false }))).toEqual([3, 7, 15, 19, 23, 31]);
  });

  it('puts them in every performance of a repeated section (BWV 269, first section repeated)', async () => {
    const bwv269 = join(DEFAULT_HARMONY_DATASET, 'Early_Choral--Bach_Johann_Sebastian--Chorales--001', 'bwv269.mxl');
    expect(fermataBeats(await loadScore(bwv269, { repeats: false }))).toEqual([10, 19, 28, 40, 52, 61]);
    // Unfolded, the repeated first section (21 quarters) brings its two fermatas back and shifts the rest.
    expect(fermataBeats(await loadScore(bwv269))).toEqual([10, 19, 31, 40, 49, 61, 73, 82]);
  });
});
