import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepertoireError } from './errors.js';
import { publishedSchemas, SCHEMAS_DIR } from './jsonSchemas.js';
import { listPieces, loadPieceManifest } from './manifest.js';
import { BUNDLED_SCORES_DIR } from './bundled.js';

const GOOD = `# a comment
title: Test piece
composer: Nobody
work: Test work
movement:
  number: 1
  title: Allegro
instrumentation:
  - strings
durationSec: 60
score:
  file: score.mid
  source: here
  licence: CC0-1.0
  attribution: us
recording:
  file: take.opus
  kind: rendered
  description: rendered
  durationSec: 60
  generatedBy: npm run tutti -- render-demo x
  rendering:
    seed: 1
    repeats: false
  source: here
  licence: CC0-1.0
  attribution: us
`;

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadPieceManifest(dir);
  } catch (err) {
    if (err instanceof RepertoireError) return err.message.split('\n').map((l) => l.replaceAll(dir, '<dir>'));
    throw err;
  }
  throw new Error('expected the manifest to be rejected');
}

describe('piece manifests', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tutti-manifest-'));
    await writeFile(join(dir, 'score.mid'), '');
    await writeFile(join(dir, 'take.opus'), '');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('loads every bundled piece, with the files it names present', async () => {
    const pieces = await listPieces(BUNDLED_SCORES_DIR);
    expect(pieces.map((p) => p.id)).toContain('beethoven-eroica-mvt1');
    const eroica = pieces.find((p) => p.id === 'beethoven-eroica-mvt1')!;
    expect(eroica.recording.kind).toBe('real');
    expect(eroica.paths.score).toBe(join(BUNDLED_SCORES_DIR, 'beethoven-eroica-mvt1', 'Beethoven_Op.55_1.mxl'));
    for (const piece of pieces) expect(['real', 'rendered']).toContain(piece.recording.kind);
  });

  it('reads a good manifest', async () => {
    await writeFile(join(dir, 'piece.yaml'), GOOD);
    const piece = await loadPieceManifest(dir);
    expect(piece.title).toBe('Test piece');
    expect(piece.paths.recording).toBe(join(dir, 'take.opus'));
    expect(piece.paths.cues).toBeUndefined();
  });

  it('names file, line and field for a wrong value, an unknown field and a missing field', async () => {
    const bad = GOOD.replace('kind: rendered', 'kind: synthesized').replace('durationSec: 60\nscore:', 'durationSec: 60\ntempo: fast\nscore:').replace('composer: Nobody\n', '');
    await writeFile(join(dir, 'piece.yaml'), bad);
    expect(await problemsOf(dir)).toEqual([
      '<dir>/piece.yaml:2: composer: missing',
      '<dir>/piece.yaml:10: tempo: unknown field',
      '<dir>/piece.yaml:18: recording.kind: Invalid option: expected one of "real"|"rendered"',
    ]);
  });

  it('reports a file the manifest names but the folder lacks, at its line', async () => {
    await writeFile(join(dir, 'piece.yaml'), `${GOOD}cues: cues.yaml\n`);
    expect(await problemsOf(dir)).toEqual(['<dir>/piece.yaml:28: cues: file "cues.yaml" not found in <dir>']);
  });

  it('requires the settings and the command of a rendered recording', async () => {
    await writeFile(join(dir, 'piece.yaml'), GOOD.replace('  rendering:\n    seed: 1\n    repeats: false\n', ''));
    expect(await problemsOf(dir)).toEqual([
      '<dir>/piece.yaml:16: recording: a rendered recording needs "rendering" (its settings) and "generatedBy" (the command that remakes it)',
    ]);
  });

  it('reports YAML syntax errors with their line, and a missing manifest', async () => {
    await writeFile(join(dir, 'piece.yaml'), 'title: a\ncomposer: [unclosed\n');
    const [first] = await problemsOf(dir);
    expect(first).toMatch(/^<dir>\/piece\.yaml:\d+: not valid YAML: /);
    await rm(join(dir, 'piece.yaml'));
    expect(await problemsOf(dir)).toEqual(['<dir>/piece.yaml: file not found']);
  });

  it('publishes JSON Schemas that match the zod schemas (regenerate: npx tsx server/repertoire/jsonSchemas.ts)', async () => {
    for (const [file, text] of publishedSchemas()) {
      expect(await readFile(join(SCHEMAS_DIR, file), 'utf8'), file).toBe(text);
      expect(JSON.parse(text).additionalProperties).toBe(false);
    }
  });
});
