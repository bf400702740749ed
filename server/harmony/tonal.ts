/**
 * The one door to `tonal`. The published tonal 6.5.0 package (and every `@tonaljs/*` package it
 * imports) points `main`/`types` at `dist/index.js`/`dist/index.d.ts`, which it does not ship (only
 * .cjs/.mjs), so `import 'tonal'` fails under Node and its types resolve to `any`. Its self-contained
 * browser bundle works: we run that once, and type the few functions we use here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';

export interface TonalNote {
  readonly empty: boolean;
  readonly name: string;
  readonly chroma: number;
}

export interface TonalChord {
  readonly empty: boolean;
  readonly name: string;
  readonly symbol: string;
  readonly notes: readonly string[];
}

export interface TonalChordType {
  readonly empty: boolean;
  readonly name: string;
  readonly intervals: readonly string[];
}

interface TonalApi {
  readonly Note: { get(name: string): TonalNote; transpose(note: string, interval: string): string };
  readonly Chord: { getChord(type: string, tonic?: string, bass?: string): TonalChord; detect(notes: readonly string[]): string[] };
  readonly ChordType: { get(symbol: string): TonalChordType };
  readonly Interval: { semitones(name: string): number | undefined };
}

function loadTonalBundle(): TonalApi {
  const path = createRequire(import.meta.url).resolve('tonal/browser/tonal.min.js');
  // The bundle declares `var Tonal = (() => {...})()`; wrapping it keeps that name out of the global scope.
  const code = `(function () {\n${readFileSync(path, 'utf8')}\nreturn Tonal;\n})()`;
  return runInThisContext(code, { filename: path }) as TonalApi;
}

const tonal = loadTonalBundle();

export const { Chord, ChordType, Interval, Note } = tonal;
