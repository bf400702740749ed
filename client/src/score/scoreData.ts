/**
 * The followed score as the phone needs it: bars (performance order, each with its printed index) from
 * `/api/score`, MusicXML excerpts from `/api/score/excerpt`, and which staves to draw. Pure helpers apart
 * from the two fetches.
 */
import type { MainTune } from '@tutti/protocol';
import type { MeasureSpan } from '../extrapolate.js';

export interface ScoreBar extends MeasureSpan {
  /** Printed (file-order) index: what an excerpt is cut by. */
  readonly printed: number;
}

export interface ScoreSummary {
  readonly title: string;
  readonly composer: string;
  readonly parts: readonly { readonly id: string; readonly name: string }[];
  readonly measures: readonly ScoreBar[];
}

/** Bars per engraved excerpt: two or three systems on a phone. */
export const CHUNK_BARS = 8;

export type StaffMode = 'main' | 'full';

let once: Promise<ScoreSummary | null> | undefined;

/** One fetch per page load (the score does not change while the server runs); a failure is retried next time. */
export function scoreSummary(): Promise<ScoreSummary | null> {
  once ??= fetchScore();
  once.catch(() => (once = undefined));
  return once;
}

export async function fetchScore(): Promise<ScoreSummary | null> {
  const res = await fetch('/api/score');
  if (res.status === 404) return null; // no score, or not MusicXML: nothing to engrave
  if (!res.ok) throw new Error(`/api/score: HTTP ${res.status}`);
  return (await res.json()) as ScoreSummary;
}

export async function fetchExcerpt(from: number, count: number, parts: readonly string[]): Promise<string> {
  const query = new URLSearchParams({ from: String(from), count: String(count), parts: parts.join(',') });
  const res = await fetch(`/api/score/excerpt?${query}`);
  if (!res.ok) throw new Error(`excerpt: HTTP ${res.status}: ${await res.text()}`);
  return res.text();
}

/** The excerpt holding printed bar `printed`: chunks start at multiples of CHUNK_BARS. */
export function chunkStart(printed: number): number {
  return Math.floor(printed / CHUNK_BARS) * CHUNK_BARS;
}

/**
 * The staves of "what matters now": the part with the main tune (Hauptstimme annotations) where the score has
 * them; otherwise the first violins and the cellos — the tune and the bass line most of the time. Full: all.
 */
export function stavesFor(mode: StaffMode, parts: ScoreSummary['parts'], mainTune: MainTune | null | undefined): string[] {
  if (mode === 'full' || parts.length <= 2) return parts.map((p) => p.id);
  if (mainTune && parts.some((p) => p.id === mainTune.partId)) return [mainTune.partId];
  const first = (re: RegExp) => parts.find((p) => re.test(p.name))?.id;
  const picked = [first(/violin|violino/i), first(/cello|violoncell/i)].filter((id): id is string => id !== undefined);
  return picked.length > 0 ? picked : [parts[0].id];
}
