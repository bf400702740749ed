/**
 * MusicXML bytes (.musicxml, .xml or zipped .mxl) → score draft in performance order:
 * read as written, unfold repeats/jumps, then merge tied notes along the performance.
 */
import type { DraftMeasure, DraftNote, ScoreDraft } from '../assemble.js';
import type { Fermata, KeySignature } from '../types.js';
import { decodeXmlBytes, isZip, unpackMxl } from './mxl.js';
import { readMusicXml } from './read.js';
import { unfoldMeasures } from './unfold.js';
import type { WrittenNote, WrittenScore } from './written.js';

export interface MusicXmlOptions {
  readonly repeats: boolean;
}

const TIE_TOLERANCE_BEAT = 1e-6;

interface PlacedNote {
  readonly written: WrittenNote;
  readonly onsetBeat: number;
  readonly pass: number;
}

type OpenNote = DraftNote & { durationBeat: number; tieMerged: boolean };

/**
 * Merges tied continuations into the note they continue, following one part in performance order.
 * Two voices can hold the same pitch on one staff (a2 passages), so each staff+pitch keeps a list of
 * open ties; a tie stop continues the one ending exactly at its onset, in its own voice if there is one.
 */
function mergeTies(partId: string, placed: PlacedNote[], out: DraftNote[]): void {
  placed.sort((a, b) => a.onsetBeat - b.onsetBeat);
  const open = new Map<string, OpenNote[]>();
  for (const { written: w, onsetBeat, pass } of placed) {
    const key = `${w.staff}:${w.pitch}`;
    // Ties that ended before this onset can no longer be continued.
    const held = (open.get(key) ?? []).filter((n) => n.onsetBeat + n.durationBeat > onsetBeat - TIE_TOLERANCE_BEAT);
    open.set(key, held);
    if (w.tieStop) {
      const endsHere = (n: OpenNote): boolean => Math.abs(n.onsetBeat + n.durationBeat - onsetBeat) < TIE_TOLERANCE_BEAT;
      let i = held.findIndex((n) => endsHere(n) && n.voice === w.voice);
      if (i < 0) i = held.findIndex(endsHere);
      if (i >= 0) {
        held[i].durationBeat += w.durationBeat;
        held[i].tieMerged = true;
        if (!w.tieStart) held.splice(i, 1);
        continue;
      }
    }
    const note: OpenNote = {
      id: pass === 1 ? w.id : `${w.id}@${pass}`,
      partId,
      pitch: w.pitch,
      onsetBeat,
      durationBeat: w.durationBeat,
      staff: w.staff,
      voice: w.voice,
      tieMerged: false,
      ...(pass === 1 ? {} : { printedId: w.id }),
    };
    out.push(note);
    if (w.tieStart) held.push(note);
  }
}

export function writtenToDraft(written: WrittenScore, source: string, options: MusicXmlOptions): ScoreDraft {
  const order = unfoldMeasures(written.measures, { repeats: options.repeats });
  const measures: DraftMeasure[] = [];
  const tempos: { beat: number; bpm: number }[] = [];
  const keySignatures: KeySignature[] = [];
  const fermatas: Fermata[] = [];
  const passOf = new Map<number, number>();
  const passes: number[] = [];
  let beat = 0;
  let lastKey = '';
  for (const printed of order) {
    const m = written.measures[printed];
    const pass = (passOf.get(printed) ?? 0) + 1;
    passOf.set(printed, pass);
    passes.push(pass);
    measures.push({ number: m.number, startBeat: beat, durationBeat: m.lengthBeat, timeSignature: m.timeSignature, printedIndex: printed });
    for (const t of m.tempos) tempos.push({ beat: beat + t.offsetBeat, bpm: t.bpm });
    for (const f of m.fermatas) fermatas.push({ beat: beat + f.offsetBeat, durationBeat: f.durationBeat, measure: m.number });
    for (const k of m.keys) {
      const id = `${k.fifths}:${k.mode}`;
      if (id !== lastKey) keySignatures.push({ beat, fifths: k.fifths, mode: k.mode });
      lastKey = id;
    }
    beat += m.lengthBeat;
  }
  const notes: DraftNote[] = [];
  written.parts.forEach((part, p) => {
    const placed: PlacedNote[] = [];
    measures.forEach((dm, k) => {
      for (const w of written.notesByPart[p][dm.printedIndex]) placed.push({ written: w, onsetBeat: dm.startBeat + w.offsetBeat, pass: passes[k] });
    });
    mergeTies(part.id, placed, notes);
  });
  return { title: written.title, composer: written.composer, parts: written.parts, notes, measures, tempos, keySignatures, fermatas, source };
}

export function musicXmlToDraft(bytes: Uint8Array, source: string, options: MusicXmlOptions): ScoreDraft {
  const xml = isZip(bytes) ? unpackMxl(bytes, source) : decodeXmlBytes(bytes);
  return writtenToDraft(readMusicXml(xml, source), source, options);
}
