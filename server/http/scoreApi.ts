/**
 * The score of the piece being followed, for the phone's engraver (verovio in the browser):
 * - `GET /api/score`: parts and bars (performance order, with each bar's printed index) as JSON;
 * - `GET /api/score/excerpt?from=<printed index>&count=<bars>&parts=<id,id>`: a small MusicXML document.
 * The score file is read on the first request and kept; a score that is not MusicXML (MIDI) has no engraving
 * and answers 404 with the reason.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { ScoreError } from '../score/errors.js';
import { loadScoreSheet, type ScoreSheet } from '../score/excerpt.js';
import type { Score } from '../score/types.js';

export const SCORE_API_PREFIX = '/api/score';

/** Bars per excerpt the phone may ask for at once (a phone shows a few). */
export const MAX_EXCERPT_BARS = 16;

export interface ScoreSummary {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly { readonly id: string; readonly name: string }[];
  readonly measures: readonly { readonly index: number; readonly number: string; readonly startBeat: number; readonly beats: number; readonly printed: number }[];
}

export type ScoreApi = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

function send(res: ServerResponse, status: number, type: string, body: string, cache = 'no-cache'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

export function createScoreApi(score: Score | undefined): ScoreApi {
  let sheet: Promise<ScoreSheet> | undefined;
  const engravable = score !== undefined && ['.mxl', '.musicxml', '.xml'].includes(extname(score.source).toLowerCase());
  const summary: ScoreSummary | undefined = score && {
    title: score.title,
    composer: score.composer,
    parts: score.parts.map((p) => ({ id: p.id, name: p.name })),
    measures: score.measures.map((m) => ({ index: m.index, number: m.number, startBeat: m.startBeat, beats: m.durationBeat, printed: m.printedIndex ?? m.index })),
  };
  const json = summary && JSON.stringify(summary);

  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (!score || !engravable) {
      return send(res, 404, 'text/plain; charset=utf-8', score ? `no engraving for ${extname(score.source)} scores (MusicXML only)\n` : 'the server follows no score\n');
    }
    if (url.pathname === SCORE_API_PREFIX) return send(res, 200, 'application/json; charset=utf-8', json!);
    if (url.pathname !== `${SCORE_API_PREFIX}/excerpt`) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    const from = Number(url.searchParams.get('from'));
    const count = Number(url.searchParams.get('count') ?? 8);
    const parts = (url.searchParams.get('parts') ?? '').split(',').filter((p) => p !== '');
    if (!Number.isInteger(from) || !Number.isInteger(count) || count < 1 || count > MAX_EXCERPT_BARS) {
      return send(res, 400, 'text/plain; charset=utf-8', `excerpt: "from" must be a bar index and "count" 1–${MAX_EXCERPT_BARS}\n`);
    }
    sheet ??= loadScoreSheet(score.source);
    try {
      // The score does not change while the server runs: an excerpt may be kept by the phone for the session.
      send(res, 200, 'application/vnd.recordare.musicxml+xml; charset=utf-8', (await sheet).excerpt(from, count, parts), 'private, max-age=3600');
    } catch (err) {
      if (!(err instanceof ScoreError)) throw err;
      send(res, 400, 'text/plain; charset=utf-8', `${err.reason}\n`);
    }
  };
}
