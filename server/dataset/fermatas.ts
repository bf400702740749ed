/**
 * Where a MusicXML score marks fermatas. The score model has no fermata field, so this reads just that
 * from the file: for every <note> carrying a <fermata>, its printed measure (0-based, file order) and its
 * offset in quarter notes, following <divisions>, <backup>, <forward> and <chord/> as MusicXML defines them.
 * It does not build notes: pitches, ties and repeats stay the score loader's job.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Score } from '../score/types.js';

export interface FermataMark {
  /** 0-based measure index in printed (file) order, counted in the part that carries the mark. */
  readonly printedIndex: number;
  /** Printed measure label. */
  readonly measure: string;
  /** Quarter notes from the start of the measure. */
  readonly offsetBeat: number;
}

/** The XML text of a .musicxml/.xml file or of the root file inside a compressed .mxl. */
export async function readMusicXmlText(path: string): Promise<string> {
  const bytes = new Uint8Array(await readFile(path));
  if (!path.toLowerCase().endsWith('.mxl')) return strFromU8(bytes);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new Error(`${path}: not a readable .mxl (zip) file: ${(err as Error).message}`);
  }
  const container = files['META-INF/container.xml'];
  const root = container ? /full-path="([^"]+)"/.exec(strFromU8(container))?.[1] : undefined;
  const xml = root ? files[root] : Object.entries(files).find(([name]) => !name.startsWith('META-INF') && name.endsWith('.xml'))?.[1];
  if (!xml) throw new Error(`${path}: no MusicXML root file inside the .mxl archive`);
  return strFromU8(xml);
}

const intIn = (text: string, tag: string): number | undefined => {
  const m = new RegExp(`<${tag}>\\s*(-?\\d+)\\s*</${tag}>`).exec(text);
  return m ? Number(m[1]) : undefined;
};

/** Every distinct (measure, offset) that has a fermata on some note in some part. */
export function findFermatas(xml: string): FermataMark[] {
  const found = new Map<string, FermataMark>();
  const partRe = /<part\s[^>]*>([\s\S]*?)<\/part>/g;
  for (let part = partRe.exec(xml); part; part = partRe.exec(xml)) {
    let divisions = 1;
    let index = -1;
    const measureRe = /<measure\b([^>]*)>([\s\S]*?)<\/measure>/g;
    for (let m = measureRe.exec(part[1]); m; m = measureRe.exec(part[1])) {
      index++;
      const label = /number="([^"]*)"/.exec(m[1])?.[1] ?? String(index + 1);
      let pos = 0;
      let lastOnset = 0;
      const tokenRe = /<(divisions|backup|forward|note)\b[^>]*>([\s\S]*?)<\/\1>/g;
      for (let t = tokenRe.exec(m[2]); t; t = tokenRe.exec(m[2])) {
        const [, tag, body] = t;
        if (tag === 'divisions') {
          divisions = Number(body.trim()) || divisions;
          continue;
        }
        const duration = intIn(body, 'duration') ?? 0;
        if (tag === 'backup') pos -= duration;
        else if (tag === 'forward') pos += duration;
        else {
          const chord = body.includes('<chord');
          const grace = body.includes('<grace');
          const onset = chord ? lastOnset : pos;
          if (body.includes('<fermata')) {
            const offsetBeat = onset / divisions;
            found.set(`${index}:${offsetBeat}`, { printedIndex: index, measure: label, offsetBeat });
          }
          if (!chord) {
            lastOnset = pos;
            if (!grace) pos += duration;
          }
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.printedIndex - b.printedIndex || a.offsetBeat - b.offsetBeat);
}

/** Fermata marks as score beats in performance order (a repeated measure gets its fermata each time). */
export function fermataBeats(score: Pick<Score, 'measures'>, marks: readonly FermataMark[]): number[] {
  const beats: number[] = [];
  score.measures.forEach((m, i) => {
    for (const f of marks) {
      const same = m.printedIndex !== undefined ? m.printedIndex === f.printedIndex : m.number === f.measure && i >= 0;
      if (same && f.offsetBeat < m.durationBeat + 1e-6) beats.push(m.startBeat + f.offsetBeat);
    }
  });
  return [...new Set(beats)].sort((a, b) => a - b);
}
