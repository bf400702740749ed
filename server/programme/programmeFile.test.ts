import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { RepertoireError } from '../repertoire/errors.js';
import { loadProgrammeFile } from './programmeFile.js';
import { DEMO_PROGRAMME_PATH } from './serveProgramme.js';

const dirs: string[] = [];
function programme(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tutti-programme-'));
  dirs.push(dir);
  const file = join(dir, 'p.yaml');
  writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function problems(text: string): Promise<string[]> {
  const file = programme(text);
  try {
    await loadProgrammeFile(file, BUNDLED_SCORES_DIR);
  } catch (err) {
    if (!(err instanceof RepertoireError)) throw err;
    return err.message.split('\n').map((line) => line.replace(file, 'p.yaml'));
  }
  throw new Error('the programme loaded');
}

describe('the programme file', () => {
  it('reads the bundled demo programme: at least two items, the pieces from their manifests', async () => {
    const demo = await loadProgrammeFile(DEMO_PROGRAMME_PATH, BUNDLED_SCORES_DIR);
    expect(demo.items.length).toBeGreaterThanOrEqual(2);
    expect(demo.loop).toBe(true);
    const first = demo.items[0]!;
    expect(first).toMatchObject({ kind: 'piece', id: 'eroica-1', composer: 'Ludwig van Beethoven', movement: 'I. Allegro con brio', repeats: 'as-written' });
  });

  it('takes ids, titles, repeats, a start bar and intervals, with defaults', async () => {
    const file = programme(`# comments are fine
title: An evening
items:
  - piece: beethoven-eroica-mvt1
    id: first-half
    title: The Eroica
    repeats: none
    from: 5
  - interval: { minutes: 20 }
  - piece: beethoven-eroica-mvt1
`);
    const p = await loadProgrammeFile(file, BUNDLED_SCORES_DIR);
    expect(p).toMatchObject({ title: 'An evening', loop: false, pauseBetweenSec: 4 });
    expect(p.items.map((i) => [i.kind, i.id, i.title])).toEqual([
      ['piece', 'first-half', 'The Eroica'],
      ['interval', 'interval-2', 'Interval'],
      ['piece', 'beethoven-eroica-mvt1', 'Symphony No. 3 “Eroica”: I. Allegro con brio'],
    ]);
    expect(p.items[0]).toMatchObject({ repeats: 'none', from: '5', line: 4 });
    expect(p.items[1]).toMatchObject({ minutes: 20, line: 9 });
  });

  it('names the file, the line and the field of every problem', async () => {
    expect(
      await problems(`title: x
loop: sometimes
items:
  - piece: no-such-piece
  - piece: beethoven-eroica-mvt1
    repeats: twice
  - interval: { minutes: -3 }
  - hello: 1
  - piece: beethoven-eroica-mvt1
    colour: red
`),
    ).toEqual([
      'p.yaml:2: loop: must be true or false',
      'p.yaml:6: items[1].repeats: must be "as-written" or "none"',
      'p.yaml:7: items[2].interval.minutes: must be more than 0',
      'p.yaml:8: items[3]: must be a piece ({ piece: <folder of scores/> }) or an interval ({ interval: { minutes } })',
      'p.yaml:10: items[4].colour: unknown field',
    ]);
    expect(
      await problems(`title: x
items:
  - piece: beethoven-eroica-mvt1
  - piece: no-such-piece
  - piece: beethoven-eroica-mvt1
`),
    ).toEqual([
      `p.yaml:4: items[1].piece: no piece "no-such-piece" in ${BUNDLED_SCORES_DIR} (a folder with a piece.yaml)`,
      'p.yaml:5: items[2]: the id "beethoven-eroica-mvt1" is already used by items[0] (give one of them an "id")',
    ]);
    expect(await problems('title: x\nitems: []\n')).toEqual(['p.yaml:2: items: must list at least one item']);
    expect(await problems('items:\n  - piece: x\n')).toEqual(['p.yaml:1: title: missing']);
    expect((await problems('title: [unclosed\n'))[0]).toMatch(/^p\.yaml:\d+: not valid YAML/);
  });
});
