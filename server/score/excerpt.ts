/**
 * Small MusicXML excerpts of a score for the phone's engraver: a few printed bars of a few parts, each a
 * complete document verovio renders in milliseconds (the whole Eroica takes verovio ~20 s to load).
 *
 * A partwise score is read once into per-part bar texts, with the attributes in force at each bar (divisions,
 * key, time, clefs, staves, transposition), so an excerpt starting mid-movement is written with the right
 * clef, key and transposition. Bars are cut as text, never re-serialised: what verovio reads is what the
 * file says. Layout hints (`<print>` breaks) are dropped so the phone lays out for its own width.
 */
import { readFile } from 'node:fs/promises';
import { ScoreError } from './errors.js';
import { decodeXmlBytes, isZip, unpackMxl } from './musicxml/mxl.js';

export interface SheetPart {
  readonly id: string;
  readonly name: string;
}

/** Attribute children in force, by element (clefs and staff-details by their `number`). */
type Attributes = ReadonlyMap<string, string>;

interface PartBars {
  readonly scorePart: string;
  readonly bars: readonly string[];
  /** The attributes in force at the start of each bar. */
  readonly before: readonly Attributes[];
}

export interface ScoreSheet {
  readonly source: string;
  readonly parts: readonly SheetPart[];
  /** Printed (file-order) bar count. */
  readonly barCount: number;
  /** A standalone MusicXML document: printed bars [from, from + count) of the given parts (all when empty). */
  excerpt(from: number, count: number, partIds?: readonly string[]): string;
}

const ATTRIBUTE_ORDER = ['divisions', 'key', 'time', 'staves', 'part-symbol', 'instruments', 'clef', 'staff-details', 'transpose'];

/** `<clef number="2">` → "clef#2": one slot per staff. */
function slotOf(element: string): string {
  const name = /^<([\w-]+)/.exec(element)?.[1] ?? '';
  const number = /^<[\w-]+[^>]*\bnumber="(\d+)"/.exec(element)?.[1];
  return number && (name === 'clef' || name === 'staff-details' || name === 'key' || name === 'transpose') ? `${name}#${number}` : name;
}

const ELEMENT = /<([\w-]+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;

function applyAttributes(state: Map<string, string>, block: string): void {
  const inner = block.replace(/^<attributes\b[^>]*>/, '').replace(/<\/attributes>$/, '');
  for (const m of inner.matchAll(ELEMENT)) state.set(slotOf(m[0]), m[0]);
}

function attributesBlock(state: Attributes): string {
  const order = (slot: string) => ATTRIBUTE_ORDER.indexOf(slot.split('#')[0]);
  const children = [...state.entries()].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0])).map(([, xml]) => xml);
  return `<attributes>${children.join('')}</attributes>`;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function parseScoreSheet(xml: string, source: string): ScoreSheet {
  if (!/<score-partwise\b/.test(xml)) throw new ScoreError(source, 'not a partwise MusicXML score (no <score-partwise>)');
  const partList = /<part-list\b[^>]*>([\s\S]*?)<\/part-list>/.exec(xml)?.[1] ?? '';
  const scoreParts = new Map<string, string>();
  const parts: SheetPart[] = [];
  for (const m of partList.matchAll(/<score-part\b[^>]*\bid="([^"]+)"[^>]*>[\s\S]*?<\/score-part>/g)) {
    scoreParts.set(m[1], m[0]);
    const name = /<part-name\b[^>]*>([\s\S]*?)<\/part-name>/.exec(m[0])?.[1]?.trim() ?? m[1];
    parts.push({ id: m[1], name });
  }
  const bars = new Map<string, PartBars>();
  for (const m of xml.matchAll(/<part\s[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/part>/g)) {
    const id = m[1];
    const list: string[] = [];
    const before: Attributes[] = [];
    const state = new Map<string, string>();
    for (const bar of m[2].matchAll(/<measure\s[\s\S]*?<\/measure>/g)) {
      before.push(new Map(state));
      for (const a of bar[0].matchAll(/<attributes\b[^>]*>[\s\S]*?<\/attributes>/g)) applyAttributes(state, a[0]);
      list.push(bar[0].replace(/<print\b[^>]*\/>|<print\b[^>]*>[\s\S]*?<\/print>/g, ''));
    }
    bars.set(id, { scorePart: scoreParts.get(id) ?? `<score-part id="${xmlEscape(id)}"><part-name>${xmlEscape(id)}</part-name></score-part>`, bars: list, before });
  }
  if (bars.size === 0) throw new ScoreError(source, 'the score has no <part> with bars');
  const barCount = Math.max(...[...bars.values()].map((p) => p.bars.length));
  const header = xml.slice(0, xml.indexOf('<score-partwise')).replace(/<!DOCTYPE[\s\S]*?>/, '');
  const work = /<work\b[\s\S]*?<\/work>/.exec(xml)?.[0] ?? '';

  return {
    source,
    parts: parts.filter((p) => bars.has(p.id)),
    barCount,
    excerpt(from, count, partIds = []) {
      if (!Number.isInteger(from) || from < 0 || from >= barCount) throw new ScoreError(source, `bar index ${from} is outside the score (0–${barCount - 1})`);
      const ids = partIds.length > 0 ? partIds : parts.map((p) => p.id);
      const unknown = ids.find((id) => !bars.has(id));
      if (unknown !== undefined) throw new ScoreError(source, `no part "${unknown}" in the score`);
      const to = Math.min(barCount, from + Math.max(1, count));
      const body = ids.map((id) => {
        const p = bars.get(id)!;
        const slice = p.bars.slice(from, to);
        if (slice.length === 0) return `<part id="${xmlEscape(id)}"></part>`;
        // The attributes in force go first in the first bar; the bar's own attributes, after them, still win.
        const first = slice[0].replace(/^(<measure\b[^>]*>)/, `$1${attributesBlock(p.before[from] ?? new Map())}`);
        return `<part id="${xmlEscape(id)}">${[first, ...slice.slice(1)].join('')}</part>`;
      });
      const list = ids.map((id) => bars.get(id)!.scorePart).join('');
      return `${header || '<?xml version="1.0" encoding="UTF-8"?>'}<score-partwise version="3.1">${work}<part-list>${list}</part-list>${body.join('')}</score-partwise>`;
    },
  };
}

export async function loadScoreSheet(path: string): Promise<ScoreSheet> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw new ScoreError(path, `cannot read the score: ${(err as Error).message}`);
  }
  return parseScoreSheet(isZip(bytes) ? unpackMxl(bytes, path) : decodeXmlBytes(bytes), path);
}
