/**
 * Reading a YAML file a person wrote: parsed with `yaml` (comments allowed), checked with a zod schema,
 * and every problem mapped back to the line of the offending node (`LineCounter` over the node's range),
 * so `scores/x/cues.yaml:42: …` points where the fix goes.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { fieldPath, RepertoireError, type Problem } from './errors.js';

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** 1-based line of the key `key` inside the mapping at `path` (for "unknown field" problems). */
  lineOfKey(path: readonly PropertyKey[], key: string): number | undefined;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RepertoireError(
      file,
      doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, field: '', message: `not valid YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const lineAt = (node: Node | null | undefined): number | undefined => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  /** The node at `path` (or its nearest existing ancestor) and, when it is a mapping's value, that key. */
  const nodeAt = (path: readonly PropertyKey[]): { node: Node | undefined; key: Node | undefined; depth: number } => {
    let node: unknown = doc.contents;
    let key: Node | undefined;
    let depth = 0;
    for (const seg of path) {
      let next: unknown;
      let nextKey: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        next = pair?.value;
        nextKey = pair?.key as Node | undefined;
      } else if (isSeq(node) && typeof seg === 'number') next = node.items[seg];
      if (next === undefined || next === null) break;
      node = next;
      key = nextKey;
      depth++;
    }
    return { node: (node ?? undefined) as Node | undefined, key, depth };
  };
  return {
    file,
    doc,
    lines,
    lineOf(path) {
      const { node, key } = nodeAt(path);
      // A whole mapping or list is pointed at by its key ("recording:"), not by its first entry.
      if (key && (isMap(node) || isSeq(node))) return lineAt(key) ?? 1;
      return lineAt(node) ?? 1;
    },
    lineOfKey(path, key) {
      const { node, depth } = nodeAt(path);
      if (depth === path.length && isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (pair && isScalar(pair.key)) return lineAt(pair.key);
      }
      return lineAt(node) ?? 1;
    },
  };
}

/** Zod's issues as problems at their lines: unknown keys point at the key, missing fields at their parent. */
export function zodProblems(source: YamlSource, error: z.ZodError): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = fieldPath([...path, key]);
        problems.push({ line: source.lineOfKey(path, key), field, message: `${field}: unknown field` });
      }
      continue;
    }
    const field = fieldPath(path);
    const missing = issue.code === 'invalid_type' && source.doc.getIn(path as unknown[]) === undefined;
    const message = missing ? `${field}: missing` : `${field === '' ? '(document)' : field}: ${issue.message}`;
    problems.push({ line: source.lineOf(path), field, message });
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Parses and validates; throws a RepertoireError listing every problem with its line. */
export function validateYaml<S extends z.ZodType>(text: string, file: string, schema: S): { source: YamlSource; data: z.output<S> } {
  const source = parseYamlSource(text, file);
  const result = schema.safeParse(source.doc.toJS());
  if (!result.success) throw new RepertoireError(file, zodProblems(source, result.error));
  return { source, data: result.data };
}

/** Reads a file for `validateYaml`; a missing or unreadable file is a RepertoireError naming it. */
export async function readSourceText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RepertoireError(file, [{ field: '', message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? (err as Error).message})` }]);
  }
}
