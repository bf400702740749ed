/**
 * Load-time measurement for docs/score.md: `npx tsx server/score/measureLoad.ts [score files...]`
 * (default: every .mxl under ../shared/scores-src plus the Eroica). Prints the first load in the
 * process (cold: module and JIT warm-up included) and the median of three more.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScore } from './load.js';
import { referenceFeatures } from './reference.js';
import { SHARED } from './testPaths.js';

function defaultFiles(): string[] {
  const root = resolve(SHARED, 'scores-src');
  const files = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f.endsWith('.mxl')).map((f) => join(root, d.name, f)));
  return [...files.sort(), resolve(SHARED, 'demo-src', 'beethoven-eroica-mvt1-excerpt', 'Beethoven_Op.55_1.mxl')];
}

async function timeLoad(file: string): Promise<{ ms: number; notes: number; parts: number; measures: number; refMs: number }> {
  const start = performance.now();
  const score = await loadScore(file);
  const ms = performance.now() - start;
  const refStart = performance.now();
  referenceFeatures(score);
  return { ms, notes: score.notes.length, parts: score.parts.length, measures: score.measures.length, refMs: performance.now() - refStart };
}

const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles();
console.log('file                          parts  measures  notes   first load  median of 3  reference features');
for (const file of files) {
  const first = await timeLoad(file);
  const again = [await timeLoad(file), await timeLoad(file), await timeLoad(file)].map((r) => r.ms).sort((a, b) => a - b);
  const name = file.split('/').pop()!;
  console.log(
    `${name.padEnd(30)}${String(first.parts).padStart(5)}${String(first.measures).padStart(10)}${String(first.notes).padStart(7)}` +
      `${first.ms.toFixed(0).padStart(10)} ms${again[1].toFixed(0).padStart(10)} ms${first.refMs.toFixed(0).padStart(12)} ms`,
  );
}
