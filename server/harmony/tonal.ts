/**
 * The one door to `tonal`. The published tonal 6.5.0 package (and every `@tonaljs/*` package it
 * imports) points `main`/`types` at `dist/index.js`/`dist/index.d.ts`, which it does not ship (only
 * .cjs/.mjs), so `import 'tonal'` fails under Node. Its self-contained browser bundle works: we run
 * that once and type it from the shipped `dist/index.d.mts`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';

type TonalModule = typeof import('tonal/dist/index.mjs');

function loadTonalBundle(): TonalModule {
  const path = createRequire(import.meta.url).resolve('tonal/browser/tonal.min.js');
  // The bundle declares `var Tonal = (() => {...})()`; wrapping it keeps that name out of the global scope.
  const code = `(function () {\n${readFileSync(path, 'utf8')}\nreturn Tonal;\n})()`;
  return runInThisContext(code, { filename: path }) as TonalModule;
}

const tonal = loadTonalBundle();

export const { Chord, ChordType, Interval, Key, Note, Pcset, Progression, RomanNumeral } = tonal;
