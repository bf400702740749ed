/**
 * The published JSON Schemas (`schemas/*.schema.json`), generated from the zod schemas the loaders use, so
 * an editor's completion and the server's checks can never disagree. `npx tsx server/repertoire/jsonSchemas.ts`
 * rewrites them; a test fails when a committed schema is stale.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CueSheetSchema } from './cueSchema.js';
import { PieceManifestSchema } from './manifest.js';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url)).replace(/\/$/, '');

const published: readonly { readonly file: string; readonly schema: z.ZodType }[] = [
  { file: 'piece.schema.json', schema: PieceManifestSchema },
  { file: 'cues.schema.json', schema: CueSheetSchema },
];

/** File name → schema text (pretty JSON, trailing newline). */
export function publishedSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const { file, schema } of published) {
    // "input": what an author may write (defaults make fields optional there).
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
    out.set(file, `${JSON.stringify({ $id: `https://tutti.invalid/schemas/${file}`, ...json }, null, 2)}\n`);
  }
  return out;
}

export async function writeSchemas(dir = SCHEMAS_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of publishedSchemas()) {
    await writeFile(join(dir, file), text);
    written.push(join(dir, file));
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of await writeSchemas()) console.log(`wrote ${path}`);
}
