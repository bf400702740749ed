/** `tutti validate` as a dramaturg runs it: the bundled repertoire passes; broken pieces fail with every problem named. */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..', '..');
const fixture = resolve(repo, 'server', 'score', 'fixtures', 'repeats-endings.musicxml');

async function tutti(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', resolve(repo, 'server', 'cli.ts'), ...args], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const MANIFEST = `title: Repeat study
composer: Test
work: Study
movement: { number: 1, title: Allegretto }
instrumentation: [clarinet and strings]
durationSec: 20
score: { file: study.musicxml, source: fixture, licence: CC0-1.0, attribution: test }
recording: { file: take.opus, kind: real, description: a take, durationSec: 20, source: here, licence: CC0-1.0, attribution: test }
cues: cues.yaml
`;

const CUES = `title: Study notes
sections:
  - name: Opening
    from: 1
    to: 3
    short: The [[tune]] begins.
    long: The tune, in the clarinet.
  - name: Ending
    from: 3
    to: 5
    short: It ends.
    long: And it ends.
    spotlights:
      - from: 7
        instrument: the clarinet
        text: Listen.
glossary:
  melody: { term: Melody, definition: The tune. }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tutti-validate-'));
  for (const name of ['good', 'broken', 'no-manifest']) await mkdir(join(dir, name));
  for (const name of ['good', 'broken']) {
    await copyFile(fixture, join(dir, name, 'study.musicxml'));
    await writeFile(join(dir, name, 'take.opus'), '');
    await writeFile(join(dir, name, 'piece.yaml'), MANIFEST);
  }
  await writeFile(join(dir, 'good', 'cues.yaml'), CUES.replace('to: 3\n    short: The', 'to: 2\n    short: The').replace('[[tune]]', '[[melody|melody]]').replace('from: 7', 'from: 4'));
  await writeFile(join(dir, 'broken', 'cues.yaml'), CUES);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('tutti validate', () => {
  it('passes every bundled piece', async () => {
    const { code, stdout } = await tutti('validate');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok {4}scores\/beethoven-eroica-mvt1: 19 parts, 695 bars; 4 sections/m);
    expect(stdout).toMatch(/^ok {4}scores\/haydn-symphony104-mvt1: .*main-tune entries; recording rendered/m);
    expect(stdout).toMatch(/^ok {4}programmes\/demo\.yaml: programme "Tutti demo evening": \d+ items, 3 pieces$/m);
    expect(stdout).toMatch(/^\d+ checked, all valid$/m);
  }, 120_000);

  it('fails a programme naming a piece that does not exist, at its line', async () => {
    const file = join(dir, 'evening.yaml');
    await writeFile(file, 'title: An evening\nitems:\n  - piece: beethoven-eroica-mvt1\n  - piece: no-such-piece\n');
    const { code, stdout, stderr } = await tutti('validate', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  ${file}`);
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: items\\[1\\]`, 'm'));
    expect(stderr).toContain('no-such-piece');
  }, 120_000);

  it('fails a folder of pieces with every problem as file:line: field: message', async () => {
    const { code, stdout, stderr } = await tutti('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^ok {4}${dir}/good: \\d+ parts, 5 bars; 2 sections, 0 passages, 0 themes, 1 glossary terms; recording real, 20 s$`, 'm'));
    expect(stdout).toContain(`FAIL  ${dir}/broken`);
    expect(stdout).toContain(`FAIL  ${dir}/no-manifest`);
    expect(stdout).toContain('2 of 3 checked have problems');
    const cues = join(dir, 'broken', 'cues.yaml');
    expect(stderr.trim().split('\n')).toEqual([
      `${cues}:6: sections[0].short: glossary term "tune" is not in the glossary`,
      `${cues}:9: sections[1].from: section 'Ending' (bars 3–5) overlaps section 'Opening' (bars 1–3)`,
      `${cues}:14: sections[1].spotlights[0].from: spotlight on the clarinet starts at bar 7 but the score has 5 bars`,
      `${join(dir, 'no-manifest', 'piece.yaml')}: file not found`,
    ]);
  }, 120_000);
});
