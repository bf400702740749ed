/**
 * Maps the model's note ids to verovio's `xml:id`s (with `xmlIdChecksum: true`, the ids the browser's
 * verovio gives the same MusicXML), so a phone can highlight exactly the notes being followed.
 *
 * Slow on full scores (verovio needed ~23 s to load the 12 MB Eroica on the loaded 2-core box), so this is
 * an offline step, kept out of loadScore. Matching is per printed measure and staff: both sides' sounding
 * notes sorted by onset and pitch must agree in count, onsets and transposition, or that staff-measure is
 * left unmapped (counted in `unmatched`).
 */
import { readFile } from 'node:fs/promises';
import { ScoreError } from './errors.js';
import { decodeXmlBytes, isZip, unpackMxl } from './musicxml/mxl.js';
import { readMusicXml } from './musicxml/read.js';
import type { WrittenNote } from './musicxml/written.js';
import { parseXml, type XmlElement } from './musicxml/xmlTree.js';

export interface VerovioIdMap {
  /** Model note id (`printedId` for repeated passes) → verovio xml:id. */
  readonly ids: ReadonlyMap<string, string>;
  /** Written notes left unmapped because the two readings disagreed in that staff and measure. */
  readonly unmatched: number;
}

interface MeiNote {
  readonly id: string;
  /** Quarter notes from the measure start. */
  readonly onset: number;
  /** Written MIDI pitch (before transposition). */
  readonly written: number;
}

const STEP: Readonly<Record<string, number>> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };
const ACCID: Readonly<Record<string, number>> = { s: 1, f: -1, ss: 2, x: 2, ff: -2, n: 0, xs: 3, tb: -3 };

let toolkit: Promise<import('verovio/esm').VerovioToolkit> | undefined;

/** The one verovio toolkit of this process (verovio allows one), loaded on first use, logging off. */
export async function verovioToolkit(): Promise<import('verovio/esm').VerovioToolkit> {
  toolkit ??= (async () => {
    const [{ default: createVerovioModule }, { VerovioToolkit, enableLog, LOG_OFF }] = await Promise.all([import('verovio/wasm'), import('verovio/esm')]);
    const module = await createVerovioModule();
    enableLog(LOG_OFF, module);
    const tk = new VerovioToolkit(module);
    tk.setOptions({ xmlIdChecksum: true });
    return tk;
  })();
  return toolkit;
}

function writtenPitch(note: XmlElement): number | undefined {
  const step = STEP[note.attrs.pname ?? ''];
  const oct = Number(note.attrs.oct);
  if (step === undefined || !Number.isFinite(oct)) return undefined;
  const accidEl = note.children.find((c) => c.name === 'accid');
  const accid = note.attrs['accid.ges'] ?? note.attrs.accid ?? accidEl?.attrs['accid.ges'] ?? accidEl?.attrs.accid ?? 'n';
  return (oct + 1) * 12 + step + (ACCID[accid] ?? 0);
}

const isSkipped = (el: XmlElement): boolean => el.attrs.grace !== undefined || el.attrs.cue === 'true';

/** Sounding notes of one layer, in ppq from the measure start. */
function walkLayer(el: XmlElement, cursor: number, ppq: number, out: MeiNote[]): number {
  for (const c of el.children) {
    const dur = Number(c.attrs['dur.ppq'] ?? 0) || 0;
    if (c.name === 'note' || c.name === 'chord') {
      if (isSkipped(c)) continue;
      for (const n of c.name === 'chord' ? c.children.filter((x) => x.name === 'note') : [c]) {
        const written = writtenPitch(n);
        if (written !== undefined && !isSkipped(n)) out.push({ id: n.attrs['xml:id'], onset: cursor / ppq, written });
      }
      cursor += dur;
    } else if (c.name === 'rest' || c.name === 'space') {
      cursor += dur;
    } else if (c.name !== 'graceGrp' && c.children.length > 0) {
      cursor = walkLayer(c, cursor, ppq, out); // beam, tuplet, bTrem, fTrem
    }
  }
  return cursor;
}

/** Per printed measure (document order): staff number → its sounding notes. */
function meiMeasures(mei: XmlElement): Map<number, MeiNote[]>[] {
  const ppqByStaff = new Map<number, number>();
  const measures: Map<number, MeiNote[]>[] = [];
  const visit = (el: XmlElement): void => {
    if (el.name === 'staffDef' && el.attrs.ppq !== undefined) ppqByStaff.set(Number(el.attrs.n), Number(el.attrs.ppq));
    if (el.name === 'measure') {
      const staves = new Map<number, MeiNote[]>();
      for (const staff of el.children.filter((c) => c.name === 'staff')) {
        const n = Number(staff.attrs.n);
        const notes: MeiNote[] = [];
        for (const layer of staff.children.filter((c) => c.name === 'layer')) walkLayer(layer, 0, ppqByStaff.get(n) ?? 1, notes);
        staves.set(n, notes);
      }
      measures.push(staves);
      return;
    }
    for (const c of el.children) visit(c);
  };
  visit(mei);
  return measures;
}

const byOnsetThenPitch = <T extends { onset: number }>(pitch: (x: T) => number) => (a: T, b: T) => a.onset - b.onset || pitch(a) - pitch(b);

/** Matches the two readings of one staff in one measure; returns false when they disagree. */
function matchStaff(ours: readonly WrittenNote[], theirs: readonly MeiNote[], ids: Map<string, string>): boolean {
  if (ours.length !== theirs.length) return false;
  const a = ours.map((n) => ({ onset: n.offsetBeat, n })).sort(byOnsetThenPitch((x) => x.n.pitch));
  const b = [...theirs].sort(byOnsetThenPitch((x) => x.written));
  const transposition = a.length > 0 ? a[0].n.pitch - b[0].written : 0;
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i].onset - b[i].onset) > 1e-6 || a[i].n.pitch - b[i].written !== transposition) return false;
  }
  a.forEach((x, i) => ids.set(x.n.id, b[i].id));
  return true;
}

/** verovio ids for a MusicXML file's notes. Throws ScoreError when verovio cannot read it. */
export async function verovioNoteIds(path: string): Promise<VerovioIdMap> {
  const bytes = new Uint8Array(await readFile(path));
  const xml = isZip(bytes) ? unpackMxl(bytes, path) : decodeXmlBytes(bytes);
  const written = readMusicXml(xml, path);
  const tk = await verovioToolkit();
  if (!tk.loadData(xml)) throw new ScoreError(path, 'verovio could not load the score');
  const measures = meiMeasures(parseXml(tk.getMEI()));
  if (measures.length !== written.measures.length) {
    throw new ScoreError(path, `verovio reads ${measures.length} measures, the score model ${written.measures.length}`);
  }
  const ids = new Map<string, string>();
  let unmatched = 0;
  let staffOffset = 0;
  written.parts.forEach((_part, p) => {
    for (let s = 1; s <= written.stavesByPart[p]; s++) {
      measures.forEach((staves, m) => {
        const ours = written.notesByPart[p][m].filter((n) => n.staff === s);
        if (!matchStaff(ours, staves.get(staffOffset + s) ?? [], ids)) unmatched += ours.length;
      });
    }
    staffOffset += written.stavesByPart[p];
  });
  return { ids, unmatched };
}
