/**
 * Fermata positions from a MusicXML score, as phrase-end hints for cadence finding (in chorales every
 * phrase ends under a fermata). The Score model carries no fermatas, so they are read here from the
 * file and placed on the Score's beat axis through the printed measure labels.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isZip, unpackMxl } from '../score/musicxml/mxl.js';
import { child, childText, parseXml, type XmlElement } from '../score/musicxml/xmlTree.js';
import type { Score } from '../score/types.js';

interface WrittenFermata {
  readonly measureLabel: string;
  /** Quarter notes from the measure start. */
  readonly offset: number;
}

function hasFermata(note: XmlElement): boolean {
  return note.children.some((c) => c.name === 'notations' && c.children.some((n) => n.name === 'fermata'));
}

function readFermatas(xml: string): WrittenFermata[] {
  const root = parseXml(xml);
  const found: WrittenFermata[] = [];
  for (const part of root.children.filter((c) => c.name === 'part')) {
    let divisions = 1;
    for (const measure of part.children.filter((c) => c.name === 'measure')) {
      let pos = 0;
      let lastOnset = 0;
      for (const el of measure.children) {
        if (el.name === 'attributes') {
          const d = Number(childText(el, 'divisions'));
          if (d > 0) divisions = d;
        } else if (el.name === 'backup' || el.name === 'forward') {
          const dur = Number(childText(el, 'duration') ?? 0) / divisions;
          pos += el.name === 'backup' ? -dur : dur;
        } else if (el.name === 'note') {
          if (child(el, 'grace')) continue;
          const isChordTone = child(el, 'chord') !== undefined;
          const onset = isChordTone ? lastOnset : pos;
          if (hasFermata(el)) found.push({ measureLabel: measure.attrs.number ?? '', offset: onset });
          if (!isChordTone) {
            lastOnset = pos;
            pos += Number(childText(el, 'duration') ?? 0) / divisions;
          }
        }
      }
    }
  }
  return found;
}

/** Score beats where a fermata stands (in every performance of its bar); empty for MIDI files. */
export async function fermataBeats(path: string, score: Score): Promise<number[]> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.mxl' && ext !== '.musicxml' && ext !== '.xml') return [];
  const bytes = new Uint8Array(await readFile(path));
  const xml = isZip(bytes) ? unpackMxl(bytes, path) : new TextDecoder('utf-8').decode(bytes);
  // Every performance of a bar (repeats unfolded) carries its fermatas.
  const starts = new Map<string, number[]>();
  for (const m of score.measures) starts.set(m.number, [...(starts.get(m.number) ?? []), m.startBeat]);
  const beats = new Set<number>();
  for (const f of readFermatas(xml)) {
    for (const start of starts.get(f.measureLabel) ?? []) beats.add(Math.round((start + f.offset) * 48) / 48);
  }
  return [...beats].sort((a, b) => a - b);
}
