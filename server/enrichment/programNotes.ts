/**
 * Program notes for a score: an optional JSON file next to it,
 * `{ "title": "…", "notes": [{ "from": "<printed bar>", "to": "<printed bar>", "text": "…" }] }`.
 * Checked strictly when loaded, so a typo fails before the concert with the file and entry named.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Score } from '../score/types.js';

export const PROGRAM_NOTES_FILE = 'program-notes.json';

export class ProgramNotesError extends Error {
  override readonly name = 'ProgramNotesError';
}

export interface ProgramNote {
  /** Printed bar labels, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

export interface ProgramNotes {
  /** Where they came from, for error messages. */
  readonly source: string;
  readonly title: string;
  readonly notes: readonly ProgramNote[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A bar label may be written as a JSON string ("45") or, forgivingly, as a whole number (45). */
function label(value: unknown, where: string, field: string): string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new ProgramNotesError(`${where}: field "${field}" must be a printed bar label such as "45", got ${JSON.stringify(value)}`);
}

/** Parses and checks the shape; `source` names the file in every error. */
export function parseProgramNotes(text: string, source: string): ProgramNotes {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProgramNotesError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) throw new ProgramNotesError(`${source}: expected an object with "title" and "notes"`);
  if (typeof data.title !== 'string' || data.title.trim() === '') throw new ProgramNotesError(`${source}: field "title" must be a non-empty string`);
  if (!Array.isArray(data.notes)) throw new ProgramNotesError(`${source}: field "notes" must be an array of { "from", "to", "text" }`);
  const notes = data.notes.map((entry: unknown, i): ProgramNote => {
    const where = `${source}: notes[${i}]`;
    if (!isObject(entry)) throw new ProgramNotesError(`${where}: expected an object with "from", "to" and "text"`);
    const unknownField = Object.keys(entry).find((k) => !['from', 'to', 'text'].includes(k));
    if (unknownField !== undefined) throw new ProgramNotesError(`${where}: unknown field "${unknownField}" (expected "from", "to", "text")`);
    if (typeof entry.text !== 'string' || entry.text.trim() === '') throw new ProgramNotesError(`${where}: field "text" must be a non-empty string`);
    return { from: label(entry.from, where, 'from'), to: label(entry.to, where, 'to'), text: entry.text.trim() };
  });
  return { source, title: data.title.trim(), notes };
}

export async function loadProgramNotes(path: string): Promise<ProgramNotes> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ProgramNotesError(`${path}: cannot read the program notes (${(err as Error).message})`);
  }
  return parseProgramNotes(text, path);
}

/** The program notes beside a score file, or undefined when it has none (they are optional). */
export async function loadProgramNotesFor(scorePath: string): Promise<ProgramNotes | undefined> {
  const path = join(dirname(scorePath), PROGRAM_NOTES_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ProgramNotesError(`${path}: cannot read the program notes (${(err as Error).message})`);
  }
  return parseProgramNotes(text, path);
}

/**
 * For each bar in performance order, the index of the note covering it (or -1). Notes are ranges of
 * printed bars, so with repeats unfolded a note applies to every pass. Overlapping ranges and labels the
 * score does not have are errors naming the entry.
 */
export function noteIndexPerMeasure(score: Score, notes: ProgramNotes): Int32Array {
  const printedOf = (m: Score['measures'][number]) => m.printedIndex ?? m.index;
  // Printed position of a label: its first appearance for "from", its last for "to" (labels like "12a" are rare but legal).
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const m of score.measures) {
    const p = printedOf(m);
    if (!first.has(m.number) || p < first.get(m.number)!) first.set(m.number, p);
    if (!last.has(m.number) || p > last.get(m.number)!) last.set(m.number, p);
  }
  const ranges = notes.notes.map((note, i) => {
    const where = `${notes.source}: notes[${i}]`;
    const from = first.get(note.from);
    const to = last.get(note.to);
    if (from === undefined) throw new ProgramNotesError(`${where}: "from" bar "${note.from}" is not in the score ${score.source}`);
    if (to === undefined) throw new ProgramNotesError(`${where}: "to" bar "${note.to}" is not in the score ${score.source}`);
    if (to < from) throw new ProgramNotesError(`${where}: "to" bar "${note.to}" comes before "from" bar "${note.from}"`);
    return { from, to };
  });
  ranges.forEach((r, i) => {
    const clash = ranges.findIndex((o, j) => j < i && o.from <= r.to && r.from <= o.to);
    if (clash >= 0) throw new ProgramNotesError(`${notes.source}: notes[${i}] (bars ${notes.notes[i].from}–${notes.notes[i].to}) overlaps notes[${clash}] (bars ${notes.notes[clash].from}–${notes.notes[clash].to})`);
  });
  const out = new Int32Array(score.measures.length).fill(-1);
  score.measures.forEach((m, k) => {
    const p = printedOf(m);
    out[k] = ranges.findIndex((r) => r.from <= p && p <= r.to);
  });
  return out;
}
