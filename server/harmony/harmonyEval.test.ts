import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { harmonyEvalCommand } from '../cli/harmonyEval.js';
import { UsageError, UserError } from '../cli/command.js';
import { DEFAULT_HARMONY_DATASET } from './dataset.js';

const METRICS = ['key', 'root', 'quality', 'inversion', 'roman', 'cadencePrecision', 'cadenceRecall'];

/**
 * Floors just below the figures measured on the shared dataset (see docs/harmony.md); a change that
 * makes the analysis worse fails here.
 */
const CHORALE_FLOORS = { key: 0.91, root: 0.93, quality: 0.91, inversion: 0.92, roman: 0.82, cadencePrecision: 0.98, cadenceRecall: 0.94 };
const LONGER_FLOORS = { key: 0.83, root: 0.77, quality: 0.72, inversion: 0.76, roman: 0.52, cadencePrecision: 0.7, cadenceRecall: 0.66 };
const CEILING_FLOORS = { key: 0.97, root: 0.97, roman: 0.89 };

function expectShape(group: unknown, where: string): void {
  expect(Object.keys(group as object).sort(), where).toEqual([...METRICS].sort());
  for (const m of METRICS) {
    const v = (group as Record<string, unknown>)[m];
    if (v !== null) {
      expect(typeof v, `${where}.${m}`).toBe('number');
      expect(v as number, `${where}.${m}`).toBeGreaterThanOrEqual(0);
      expect(v as number, `${where}.${m}`).toBeLessThanOrEqual(1);
    }
  }
}

describe('harmony-eval on the shared dataset', () => {
  afterEach(() => vi.restoreAllMocks());

  it('scores all 38 pieces, writes the JSON report, and stays above the floors', async () => {
    if (!existsSync(DEFAULT_HARMONY_DATASET)) throw new Error(`harmony dataset missing: expected it at ${DEFAULT_HARMONY_DATASET}`);
    const out = join(mkdtempSync(join(tmpdir(), 'tutti-harmony-')), 'harmony-eval.json');
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    expect(await harmonyEvalCommand.run(['--json', out])).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;

    for (const group of ['chorales', 'longer', 'humanCeiling']) expectShape(report[group], group);
    expect(Object.keys(report.pieces)).toHaveLength(38);
    for (const [folder, scores] of Object.entries(report.pieces)) expectShape(scores, folder);

    for (const [m, floor] of Object.entries(CHORALE_FLOORS)) expect(report.chorales[m], `chorales.${m}`).toBeGreaterThanOrEqual(floor);
    for (const [m, floor] of Object.entries(LONGER_FLOORS)) expect(report.longer[m], `longer.${m}`).toBeGreaterThanOrEqual(floor);
    for (const [m, floor] of Object.entries(CEILING_FLOORS)) expect(report.humanCeiling[m], `humanCeiling.${m}`).toBeGreaterThanOrEqual(floor);
    // Key changes as announced to the audience, against the analysts'.
    const modulations = report.modulations as unknown as Record<string, { precision: number; recall: number }>;
    expect(Object.keys(modulations).sort()).toEqual(['chorales', 'humanCeiling', 'humanCeilingLonger', 'longer']);
    expect(modulations.chorales.precision).toBeGreaterThanOrEqual(0.9);
    expect(modulations.chorales.recall).toBeGreaterThanOrEqual(0.77);
    expect(modulations.longer.precision).toBeGreaterThanOrEqual(0.5);
    expect(modulations.humanCeiling.precision).toBeGreaterThanOrEqual(0.95);
    // The second analysts mark no phrase ends, so there is no cadence ceiling.
    expect(report.humanCeiling.cadenceRecall).toBeNull();
    expect(printed.some((l) => l.startsWith('Bach chorales'))).toBe(true);
  });

  it('refuses an unknown --pivots reading', async () => {
    await expect(harmonyEvalCommand.run(['--pivots', 'both'])).rejects.toThrow(UsageError);
  });

  it('fails saying where it looked when the dataset is missing', async () => {
    const missing = join(tmpdir(), 'tutti-no-such-harmony-dataset');
    const run = harmonyEvalCommand.run(['--dataset', missing]);
    await expect(run).rejects.toThrow(UserError);
    await expect(harmonyEvalCommand.run(['--dataset', missing])).rejects.toThrow(`looked in ${missing}`);
  });
});
