/**
 * What the HTTP side serves besides socket.io and /healthz: the built client, compressed, and the followed
 * score for the phone's engraver (scoreApi.ts).
 *
 * Compression: text assets (JS, CSS, HTML, SVG, JSON, WASM) go out as brotli or gzip when the browser accepts
 * it — the `.br`/`.gz` file the client build wrote beside each asset (client/vite.config.ts), or, for a file
 * without one, compressed here once with node:zlib and kept in memory (keyed by size and mtime, so a rebuild
 * is picked up). Hashed assets are cached for a year as immutable; index.html is `no-cache` (revalidated), so
 * a new build reaches phones at their next load. `Vary: Accept-Encoding` keeps shared caches honest.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Score } from '../score/types.js';
import { createScoreApi, SCORE_API_PREFIX } from './scoreApi.js';
import { CONTENT_TYPES, createStaticHandler, SPA_ROUTES, sendText, type StaticHandler } from './staticFiles.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.wasm', '.map', '.txt', '.webmanifest']);
/** Below this, compressing saves less than the headers it costs. */
const MIN_COMPRESS_BYTES = 512;

export type Encoding = 'br' | 'gzip';

/** The best encoding the request accepts (brotli first), honouring `q=0`. */
export function acceptedEncoding(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const accepted = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((x) => x !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

interface Cached {
  readonly key: string;
  readonly body: Promise<Buffer>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function createClientHandler(clientDir: string, score?: Score): StaticHandler {
  const root = resolve(clientDir);
  const plain = createStaticHandler(clientDir);
  const scoreApi = createScoreApi(score);
  const cache = new Map<string, Cached>();

  const compressed = async (file: string, encoding: Encoding): Promise<Buffer> => {
    const pre = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    if (await isFile(pre)) return readFile(pre);
    const { size, mtimeMs } = await stat(file);
    const id = `${file}:${encoding}`;
    const key = `${size}:${mtimeMs}`;
    let hit = cache.get(id);
    if (hit?.key !== key) {
      const body = readFile(file).then((raw) =>
        encoding === 'br' ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : gzipAsync(raw, { level: 9 }),
      );
      hit = { key, body };
      cache.set(id, hit);
    }
    return hit.body;
  };

  return async (req, res, pathname) => {
    if (pathname === SCORE_API_PREFIX || pathname.startsWith(`${SCORE_API_PREFIX}/`)) return scoreApi(req, res, new URL(req.url ?? '/', 'http://localhost'));
    const encoding = acceptedEncoding(req.headers['accept-encoding']);
    if (encoding === null || (req.method !== 'GET' && req.method !== 'HEAD')) return plain(req, res, pathname);
    const route = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    let file: string;
    if (SPA_ROUTES.includes(route)) file = join(root, 'index.html');
    else {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return sendText(res, 400, 'bad path\n');
      }
      file = resolve(root, '.' + decoded);
      if (!file.startsWith(root + sep)) return sendText(res, 404, 'not found\n');
    }
    // Anything unusual (missing, small, not text) is the plain handler's job, with its messages.
    if (!COMPRESSIBLE.has(extname(file)) || !(await isFile(file)) || (await stat(file)).size < MIN_COMPRESS_BYTES) return plain(req, res, pathname);
    const body = await compressed(file, encoding);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Encoding': encoding,
      'Content-Length': body.length,
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
