/**
 * The piece manifest, `scores/<piece-id>/piece.yaml`: what the piece is (title, composer, work, movement,
 * instrumentation, duration), which files make it (score, recording, cue sheet, main-tune annotations) and
 * where each came from (source, licence, attribution). Whether the recording is a real performance or a
 * rendering from the score is said here, plainly, because the phone's "about" page repeats it.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { RepertoireError, type Problem } from './errors.js';
import { readSourceText, validateYaml, type YamlSource } from './yamlFile.js';

export const PIECE_MANIFEST_FILE = 'piece.yaml';

const text = z.string().trim().min(1, { error: 'must be a non-empty string' });
const fileName = z
  .string()
  .trim()
  .min(1)
  .refine((s) => !s.includes('/') && !s.includes('\\') && s !== '.' && s !== '..', { error: 'must be a file name in the piece folder (no path)' });

const provenance = {
  source: text.meta({ description: 'Where the file comes from (repository, commit, path; archive, catalogue number).' }),
  licence: text.meta({ description: 'Licence of the file, SPDX identifier where there is one (CC0-1.0, CC-BY-SA-4.0, public-domain).' }),
  attribution: text.meta({ description: 'The credit line to show wherever the file is used.' }),
};

/** How `render-demo` performs the score: everything random comes from the seed. */
const RenderingSchema = z
  .strictObject({
    seed: z.int().nonnegative(),
    repeats: z.boolean().meta({ description: 'Take the written repeats (the exposition repeat) or play straight through.' }),
    tempi: z
      .array(z.strictObject({ bar: z.union([z.string().trim().min(1), z.int().nonnegative().transform(String)]), bpm: z.number().positive() }))
      .min(1)
      .optional()
      .meta({ description: 'Quarter notes per minute from each printed bar on, replacing the score file\'s playback tempi; the first must be the first bar.' }),
  })
  .meta({ description: 'Settings of the rendering from the score (kind: rendered).' });

export const PieceManifestSchema = z
  .strictObject({
    title: text.meta({ description: 'Display title of the item, as the programme prints it.' }),
    composer: text,
    work: text.meta({ description: 'The whole work, e.g. "Symphony No. 3 in E♭ major, Op. 55 “Eroica”".' }),
    movement: z.strictObject({
      number: z.int().positive(),
      title: text.meta({ description: 'Tempo heading or name of the movement, e.g. "Allegro con brio".' }),
    }),
    instrumentation: z.array(text).min(1).meta({ description: 'The forces, one line per section, e.g. "2 flutes".' }),
    durationSec: z.number().positive().meta({ description: 'Typical length of the movement in performance, with the repeats this programme takes.' }),
    score: z.strictObject({ file: fileName, ...provenance }),
    recording: z
      .strictObject({
      file: fileName,
      kind: z.enum(['real', 'rendered']).meta({ description: '"real": a recorded performance; "rendered": synthesised from the score (say so to the audience).' }),
      description: text.meta({ description: 'One line for the audience: performers and date, or how it was rendered.' }),
      durationSec: z.number().positive(),
      firstBar: text.optional().meta({ description: 'Printed bar where the recording starts, when it is an excerpt.' }),
      generatedBy: text.optional().meta({ description: 'For a rendering: the command that remakes it byte for byte.' }),
      rendering: RenderingSchema.optional(),
      ...provenance,
    })
    .refine((r) => r.kind !== 'rendered' || (r.rendering !== undefined && r.generatedBy !== undefined), {
      error: 'a rendered recording needs "rendering" (its settings) and "generatedBy" (the command that remakes it)',
    }),
    cues: fileName.optional().meta({ description: 'The cue sheet (sections, notes, themes, glossary), usually "cues.yaml".' }),
    annotations: z
      .strictObject({
        file: fileName,
        kind: z.literal('hauptstimme').meta({ description: 'Main-tune annotations: which part has the tune, bar by bar.' }),
        ...provenance,
      })
      .optional(),
  })
  .meta({ title: 'Tutti piece manifest', description: 'scores/<piece-id>/piece.yaml: one item of the repertoire.' });

export type PieceManifestData = z.output<typeof PieceManifestSchema>;

export interface PieceManifest extends PieceManifestData {
  /** The folder name: `beethoven-eroica-mvt1`. */
  readonly id: string;
  readonly dir: string;
  readonly manifestPath: string;
  /** Paths of the files the manifest names, joined to its folder. */
  readonly paths: { readonly score: string; readonly recording: string; readonly cues?: string; readonly annotations?: string };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The files a manifest names must exist beside it; a missing one is reported at its field's line. */
async function missingFiles(dir: string, data: PieceManifestData, source: YamlSource): Promise<Problem[]> {
  const refs: [readonly PropertyKey[], string][] = [
    [['score', 'file'], data.score.file],
    [['recording', 'file'], data.recording.file],
  ];
  if (data.cues) refs.push([['cues'], data.cues]);
  if (data.annotations) refs.push([['annotations', 'file'], data.annotations.file]);
  const problems: Problem[] = [];
  for (const [path, name] of refs) {
    if (await isFile(join(dir, name))) continue;
    const field = path.join('.');
    problems.push({ line: source.lineOf(path), field, message: `${field}: file "${name}" not found in ${dir}` });
  }
  return problems;
}

/** Reads and checks `<dir>/piece.yaml`: the shape, then that every file it names exists. */
export async function loadPieceManifest(dir: string, options: { readonly checkFiles?: boolean } = {}): Promise<PieceManifest> {
  const manifestPath = join(dir, PIECE_MANIFEST_FILE);
  const { source, data } = validateYaml(await readSourceText(manifestPath), manifestPath, PieceManifestSchema);
  // `render-demo` reads the manifest of a recording it is about to make.
  const problems = options.checkFiles === false ? [] : await missingFiles(dir, data, source);
  if (problems.length > 0) throw new RepertoireError(manifestPath, problems);
  return {
    ...data,
    id: basename(dir),
    dir,
    manifestPath,
    paths: {
      score: join(dir, data.score.file),
      recording: join(dir, data.recording.file),
      ...(data.cues ? { cues: join(dir, data.cues) } : {}),
      ...(data.annotations ? { annotations: join(dir, data.annotations.file) } : {}),
    },
  };
}

/**
 * Every piece under `scoresDir` (one folder each, sorted by id). A folder without a manifest is an error,
 * not a silent skip: a piece the dramaturg added but cannot see in the programme is worse than a message.
 */
export async function listPieces(scoresDir: string): Promise<PieceManifest[]> {
  let entries;
  try {
    entries = await readdir(scoresDir, { withFileTypes: true });
  } catch (err) {
    throw new RepertoireError(scoresDir, [{ field: '', message: `cannot list the pieces (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
  }
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(dirs.map((name) => loadPieceManifest(join(scoresDir, name))));
}
