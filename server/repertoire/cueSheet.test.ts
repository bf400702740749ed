/** Cue sheets against a real score (the bundled Eroica, 695 printed bars): the exact messages a dramaturg sees. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { BUNDLED_SCORES_DIR } from './bundled.js';
import { parseCueSheet } from './cueSheet.js';
import { RepertoireError } from './errors.js';
import { listPieces } from './manifest.js';
import { loadMainTunes } from './hauptstimme.js';

const FILE = 'scores/x/cues.yaml';
let eroica: Score;

beforeAll(async () => {
  eroica = await loadScore(join(BUNDLED_SCORES_DIR, 'beethoven-eroica-mvt1', 'Beethoven_Op.55_1.mxl'));
}, 60_000);

/** A small valid sheet; tests break one thing in it at a time. */
const GOOD = `# comment
title: A test sheet
sections:
  - name: Exposition
    from: 1
    to: 155
    short: One line about the [[exposition]].
    long: A paragraph.
    passages:
      - from: 1
        to: 2
        short: Chords.
        long: Two chords.
      - from: 3
        to: 155
        short: The theme.
        long: The theme, in the cellos.
        spotlights:
          - from: 3
            to: 6
            instrument: the cellos
            parts: [Violoncello]
            text: Listen low.
  - name: Development
    from: 156
    to: 401
    short: Broken up.
    long: Broken up and driven through keys.
  - name: Recapitulation and coda
    from: 402
    to: 695
    short: Home again.
    long: The themes come home.
themes:
  - id: main
    name: Main theme
    description: Climbs the chord.
    appearances:
      - { bar: 3, instrument: cellos }
glossary:
  exposition:
    term: Exposition
    definition: Where the themes are first heard.
`;

/** 1-based line of the first line containing `needle` (after `after`, when given). */
function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (i < 0) throw new Error(`fixture has no "${needle}"`);
  return i + 1;
}

function problems(text: string): string[] {
  try {
    parseCueSheet(text, FILE, eroica);
  } catch (err) {
    if (err instanceof RepertoireError) return err.message.split('\n');
    throw err;
  }
  throw new Error('expected the cue sheet to be rejected');
}

describe('cue sheets', () => {
  it('resolves a good sheet to printed bar indices', () => {
    const sheet = parseCueSheet(GOOD, FILE, eroica);
    expect(sheet.language).toBe('en');
    expect(sheet.sections.map((s) => [s.name, s.fromIndex, s.toIndex])).toEqual([
      ['Exposition', 0, 154],
      ['Development', 155, 400],
      ['Recapitulation and coda', 401, 694],
    ]);
    expect(sheet.sections[0].passages?.map((p) => [p.from, p.to])).toEqual([['1', '2'], ['3', '155']]);
  });

  it('names a bar past the end of the score, with the field', () => {
    const bad = GOOD.replace('to: 401', 'to: 800');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'to: 800')}: sections[1].to: section 'Development' ends at bar 800 but the score has 695 bars`,
    ]);
  });

  it('names a bar label the score does not have, and a range that ends before it starts', () => {
    const bad = GOOD.replace('from: 156', 'from: "156b"').replace('    from: 402\n    to: 695', '    from: 402\n    to: 400');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'from: "156b"')}: sections[1].from: section 'Development' starts at bar "156b", which the score does not have (its bars are 1–695)`,
      `${FILE}:${lineOf(bad, 'to: 400')}: sections[2].to: section 'Recapitulation and coda' ends at bar 400, before it starts (bar 402)`,
    ]);
  });

  it('reports overlapping sections', () => {
    const bad = GOOD.replace('from: 156', 'from: 150');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'from: 150')}: sections[1].from: section 'Development' (bars 150–401) overlaps section 'Exposition' (bars 1–155)`,
    ]);
  });

  it('reports gaps between, before and after sections', () => {
    const bad = GOOD.replace('from: 156', 'from: 160').replace('    to: 695', '    to: 690').replace('    from: 1\n    to: 155', '    from: 3\n    to: 155');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'from: 3')}: sections[0].from: bars 1–2 are in no section (before section 'Exposition')`,
      `${FILE}:${lineOf(bad, 'from: 1', 'passages:')}: sections[0].passages[0].from: passage 1 (bars 1–2) lies outside section 'Exposition' (bars 3–155)`,
      `${FILE}:${lineOf(bad, 'from: 160')}: sections[1].from: bars 156–159 are in no section (between section 'Exposition' and section 'Development')`,
      `${FILE}:${lineOf(bad, 'to: 690')}: sections[2].to: bars 691–695 are in no section (after section 'Recapitulation and coda')`,
    ]);
  });

  it('reports passages that leave a gap or overlap inside their section', () => {
    const gap = GOOD.replace('      - from: 1\n        to: 2', '      - from: 1\n        to: 1');
    expect(problems(gap)).toEqual([
      `${FILE}:${lineOf(gap, 'from: 3')}: sections[0].passages[1].from: bar 2 is in no passage of section 'Exposition' (between passage 1 and passage 2)`,
    ]);
    const overlap = GOOD.replace('      - from: 3\n        to: 155', '      - from: 2\n        to: 155');
    expect(problems(overlap)).toEqual([
      `${FILE}:${lineOf(overlap, 'from: 2')}: sections[0].passages[1].from: passage 2 (bars 2–155) overlaps passage 1 (bars 1–2)`,
    ]);
  });

  it('reports glossary terms the glossary lacks, in any text, translations included', () => {
    const bad = GOOD.replace('long: Broken up and driven through keys.', 'long: A [[fugato]] passage.\n    translations:\n      de:\n        short: Eine [[Durchführung|durchfuehrung]].');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, '[[fugato]]')}: sections[1].long: glossary term "fugato" is not in the glossary`,
      `${FILE}:${lineOf(bad, 'Eine [[')}: sections[1].translations.de.short: glossary term "durchfuehrung" is not in the glossary`,
    ]);
    const stray = GOOD.replace('long: A paragraph.', 'long: A [[paragraph.');
    expect(problems(stray)).toEqual([
      `${FILE}:${lineOf(stray, 'A [[paragraph.')}: sections[0].long: has "[[" or "]]" that does not form a glossary reference [[term]] or [[shown text|key]]`,
    ]);
  });

  it('checks spotlights and theme returns against the score: bars, their section, part names', () => {
    const bad = GOOD.replace('parts: [Violoncello]', 'parts: [Cello]').replace('            to: 6\n', '            to: 160\n').replace('{ bar: 3, instrument: cellos }', '{ bar: 900, instrument: cellos }');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'from: 3', 'spotlights:')}: sections[0].passages[1].spotlights[0].from: spotlight on the cellos (bars 3–160) lies outside passage 2 (bars 3–155)`,
      `${FILE}:${lineOf(bad, 'parts: [Cello]')}: sections[0].passages[1].spotlights[0].parts[0]: part "Cello" is not in the score (its parts: ${eroica.parts.map((p) => p.name).join(', ')})`,
      `${FILE}:${lineOf(bad, 'bar: 900')}: themes[0].appearances[0].bar: theme 'Main theme' returns at bar 900 but the score has 695 bars`,
    ]);
  });

  it('reports shape problems at their lines: a missing text, an unknown field, a bad language code', () => {
    const bad = GOOD.replace('    short: Broken up.\n', '').replace('    short: Home again.', '    short: Home again.\n    colour: blue').replace('title: A test sheet', 'title: A test sheet\nlanguage: English');
    expect(problems(bad)).toEqual([
      `${FILE}:${lineOf(bad, 'language: English')}: language: must be a language code such as "de" or "pt-BR"`,
      `${FILE}:${lineOf(bad, "- name: Development")}: sections[1].short: missing`,
      `${FILE}:${lineOf(bad, 'colour: blue')}: sections[2].colour: unknown field`,
    ]);
  });

  it('validates every bundled cue sheet and main-tune annotation against its score', async () => {
    const pieces = await listPieces(BUNDLED_SCORES_DIR);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) {
      expect(piece.paths.cues, `${piece.id} has a cue sheet`).toBeDefined();
      const score = await loadScore(piece.paths.score);
      const tunes = piece.paths.annotations ? await loadMainTunes(piece.paths.annotations, score) : undefined;
      const sheet = parseCueSheet(await readFile(piece.paths.cues!, 'utf8'), piece.paths.cues!, score, { hauptstimmeLabels: tunes?.labels });
      expect(sheet.sections.length, piece.id).toBeGreaterThan(0);
      expect(sheet.sections[0].fromIndex).toBe(0);
      if (tunes) expect(tunes.entries.length, piece.id).toBeGreaterThan(10);
    }
  }, 120_000);
});
