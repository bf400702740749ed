/**
 * `npm run bench [-- name…]`: runs every benchmark module in test/bench/ (all but this file), in name order.
 * A bench module is any test/bench/<name>.ts that exports
 *     export async function runBench(): Promise<void>
 * which measures and prints its own figures (plain text to stdout). Pass names to run only those.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchModule {
  runBench(): Promise<void>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
if (names.length === 0) {
  console.error(`bench: no bench modules matched ${wanted.join(', ') || '(none found)'} in ${here}`);
  process.exit(1);
}
for (const name of names) {
  const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as Partial<BenchModule>;
  if (typeof mod.runBench !== 'function') {
    console.error(`bench: test/bench/${name}.ts does not export runBench()`);
    process.exit(1);
  }
  console.log(`\n=== bench: ${name} ===`);
  await mod.runBench();
}
