/**
 * The concert programme file (YAML, comments allowed), read with `yaml` and checked with zod; every problem names the
 * file, the line and the field (`programmes/x.yaml:12: items[1].repeats: …`). See docs/programme.md.
 *
 *   title: An evening with Beethoven
 *   loop: false                      # play the programme again from the top after the last item
 *   items:
 *     - piece: beethoven-eroica-mvt1 # a folder of scores/ with its piece.yaml
 *       repeats: as-written          # or: none (the planned repeats, a prior for the follower)
 *     - interval: { minutes: 20 }
 *     - piece: beethoven-symphony5-mvt1
 *       id: fifth                    # optional: the id the conductor selects it by (default: the piece id)
 *       from: "1"                    # optional: the bar the performance starts at (default: the first)
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { RepertoireError, type Problem } from '../repertoire/errors.js';
import { loadPieceManifest, type PieceManifest } from '../repertoire/manifest.js';
import { parseYamlSource, readSourceText, zodProblems, type YamlSource } from '../repertoire/yamlFile.js';
import { ITEM_ID_MAX, MEASURE_LABEL_MAX } from '../protocol/schemas.js';

const text = z.string().trim().min(1, { error: 'must be a non-empty string' });
const itemId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be letters, digits, ".", "_" or "-" (it names the item in commands)' })
  .max(ITEM_ID_MAX);
const barLabel = z.union([z.string().trim().min(1).max(MEASURE_LABEL_MAX), z.int().positive().transform(String)], { error: 'must be a printed bar label such as "1"' });

const PieceItemSchema = z.strictObject({
  piece: z
    .string({ error: 'must name a folder of scores/ (e.g. beethoven-eroica-mvt1)' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be the name of a folder of scores/ (no path)' }),
  id: itemId.optional(),
  title: text.optional(),
  composer: text.optional(),
  movement: text.optional(),
  repeats: z.enum(['as-written', 'none'], { error: 'must be "as-written" or "none"' }).default('as-written'),
  from: barLabel.optional(),
});

const IntervalItemSchema = z.strictObject({
  interval: z.strictObject({
    id: itemId.optional(),
    title: text.default('Interval'),
    minutes: z.number({ error: 'must be a number of minutes' }).positive({ error: 'must be more than 0' }).max(240),
  }),
});

const ItemSchema = z.union([PieceItemSchema, IntervalItemSchema]);

export const ProgrammeFileSchema = z.strictObject({
  title: text,
  loop: z.boolean({ error: 'must be true or false' }).default(false),
  /** When recordings stand in for the orchestra: seconds of quiet between one item's recording and the next. */
  pauseBetweenSec: z.number({ error: 'must be a number of seconds' }).min(0).max(600).default(4),
  items: z.array(ItemSchema, { error: 'must be a list of items' }).min(1, { error: 'must list at least one item' }),
});

export type ProgrammeFileData = z.output<typeof ProgrammeFileSchema>;

export interface PieceEntry {
  readonly kind: 'piece';
  readonly id: string;
  readonly title: string;
  readonly composer: string;
  readonly movement: string | null;
  readonly manifest: PieceManifest;
  readonly repeats: 'as-written' | 'none';
  /** The bar the performance starts at; undefined = the first bar. */
  readonly from?: string;
  /** Line of the item in the programme file, for problems found later (a `from` bar the score lacks). */
  readonly line: number;
}

export interface IntervalEntry {
  readonly kind: 'interval';
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly line: number;
}

export type ProgrammeEntry = PieceEntry | IntervalEntry;

export interface ProgrammeFile {
  readonly file: string;
  readonly title: string;
  readonly loop: boolean;
  readonly pauseBetweenSec: number;
  readonly items: readonly ProgrammeEntry[];
}

/** Roman numerals for movement numbers, as programmes print them. */
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/**
 * Reads and checks a programme: the shape, then that every piece exists in `scoresDir` with a valid manifest and
 * that item ids are unique. Throws a RepertoireError listing every problem with its line.
 */
export async function loadProgrammeFile(path: string, scoresDir: string): Promise<ProgrammeFile> {
  const file = resolve(path);
  const source = parseYamlSource(await readSourceText(file), file);
  const raw = source.doc.toJS() as unknown;
  const parsed = ProgrammeFileSchema.safeParse(raw);
  if (!parsed.success) throw new RepertoireError(file, zodProblems(source, new z.ZodError(flattenUnions(parsed.error.issues, raw))));
  const data = parsed.data;
  const problems: Problem[] = [];
  const items: ProgrammeEntry[] = [];
  const seen = new Map<string, number>();
  for (const [i, item] of data.items.entries()) {
    const line = source.lineOf(['items', i]) ?? 1;
    let entry: ProgrammeEntry | undefined;
    if ('interval' in item) {
      entry = { kind: 'interval', id: item.interval.id ?? `interval-${i + 1}`, title: item.interval.title, minutes: item.interval.minutes, line };
    } else {
      const manifest = await pieceManifest(scoresDir, item.piece, source, i, problems);
      if (manifest) {
        entry = {
          kind: 'piece',
          id: item.id ?? item.piece,
          title: item.title ?? manifest.title,
          composer: item.composer ?? manifest.composer,
          movement: item.movement ?? `${ROMAN[manifest.movement.number] ?? manifest.movement.number}. ${manifest.movement.title}`,
          manifest,
          repeats: item.repeats,
          ...(item.from !== undefined ? { from: item.from } : {}),
          line,
        };
      }
    }
    if (!entry) continue;
    const earlier = seen.get(entry.id);
    if (earlier !== undefined) {
      const where = 'interval' in item ? ['items', i, 'interval'] : ['items', i];
      problems.push({ line: source.lineOf(where), field: `items[${i}]`, message: `items[${i}]: the id "${entry.id}" is already used by items[${earlier}] (give one of them an "id")` });
      continue;
    }
    seen.set(entry.id, i);
    items.push(entry);
  }
  if (problems.length > 0) throw new RepertoireError(file, problems);
  return { file, title: data.title, loop: data.loop, pauseBetweenSec: data.pauseBetweenSec, items };
}

async function pieceManifest(scoresDir: string, piece: string, source: YamlSource, i: number, problems: Problem[]): Promise<PieceManifest | undefined> {
  try {
    return await loadPieceManifest(join(scoresDir, piece));
  } catch (err) {
    if (!(err instanceof RepertoireError)) throw err;
    const line = source.lineOf(['items', i, 'piece']);
    const field = `items[${i}].piece`;
    const missing = err.problems.some((p) => p.message === 'file not found' && p.line === undefined);
    problems.push({ line, field, message: missing ? `${field}: no piece "${piece}" in ${scoresDir} (a folder with a piece.yaml)` : `${field}: the piece "${piece}" is invalid:\n  ${err.message.replaceAll('\n', '\n  ')}` });
    return undefined;
  }
}

/** Where an item failed both shapes, report the shape it was meant to have: an interval if it says `interval`. */
function flattenUnions(issues: readonly z.core.$ZodIssue[], raw: unknown): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'invalid_union' || issue.errors.length !== 2) {
      out.push(issue);
      continue;
    }
    const value = valueAt(raw, issue.path);
    const isInterval = typeof value === 'object' && value !== null && 'interval' in value;
    const isPiece = typeof value === 'object' && value !== null && 'piece' in value;
    if (!isInterval && !isPiece) {
      out.push({ ...issue, message: 'must be a piece ({ piece: <folder of scores/> }) or an interval ({ interval: { minutes } })' } as z.core.$ZodIssue);
      continue;
    }
    const branch = issue.errors[isInterval ? 1 : 0] ?? [];
    for (const inner of branch) out.push({ ...inner, path: [...issue.path, ...inner.path] });
  }
  return out;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const seg of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}
