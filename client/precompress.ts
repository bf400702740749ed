/**
 * A Vite build plugin: writes `<file>.br` and `<file>.gz` beside every text asset of the build, so the server
 * (server/http/static.ts) sends compressed bytes without compressing per request. Large files (verovio's
 * inlined WASM, 8 MB) get a lower brotli level: level 11 would add half a minute to every build.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json', '.wasm', '.map', '.txt']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

export function precompress(outDir: string): Plugin {
  return {
    name: 'tutti-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of files(outDir)) {
        if (!TEXT.has(extname(file))) continue;
        const raw = readFileSync(file);
        if (raw.length < 512) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: raw.length > 1 << 20 ? 8 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}
