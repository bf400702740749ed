/**
 * A second, deliberately simple reading of a MusicXML file with fast-xml-parser, used only by the
 * tests to check the loader: parts, printed measure numbers and sounding notes per measure
 * (<note> with a <pitch>, not a rest, grace or cue note, and not the stop end of a tie).
 */
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';

export interface IndependentCount {
  readonly partNames: string[];
  readonly measureNumbers: string[];
  /** notesPerMeasure[m]: sounding note starts in printed measure m, all parts together. */
  readonly notesPerMeasure: number[];
}

type Node = Record<string, unknown>;

function asArray(value: unknown): Node[] {
  return value === undefined ? [] : Array.isArray(value) ? (value as Node[]) : [value as Node];
}

export function countMusicXml(path: string): IndependentCount {
  const bytes = readFileSync(path);
  let xml: string;
  if (path.endsWith('.mxl')) {
    const files = unzipSync(new Uint8Array(bytes));
    const name = Object.keys(files).find((f) => !f.startsWith('META-INF') && /\.(xml|musicxml)$/.test(f));
    if (!name) throw new Error(`${path}: no score inside`);
    xml = new TextDecoder().decode(files[name]);
  } else {
    xml = bytes.toString('utf8');
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['part', 'measure', 'note', 'tie', 'score-part'].includes(name) });
  const doc = parser.parse(xml) as { 'score-partwise': Node };
  const score = doc['score-partwise'];
  const partList = score['part-list'] as Node;
  // <part-name print-object="no">Tenor</part-name> parses as { '#text': 'Tenor', '@print-object': 'no' }.
  const textOf = (v: unknown): string => String(typeof v === 'object' && v !== null ? ((v as Node)['#text'] ?? '') : (v ?? '')).trim();
  const partNames = asArray(partList['score-part']).map((p) => textOf(p['part-name']));
  const parts = asArray(score.part);
  const measureNumbers = asArray(parts[0].measure).map((m) => String(m['@number']));
  const notesPerMeasure = measureNumbers.map(() => 0);
  for (const part of parts) {
    asArray(part.measure).forEach((measure, m) => {
      for (const note of asArray(measure.note)) {
        if (note.pitch === undefined || note.rest !== undefined || note.grace !== undefined || note.cue !== undefined) continue;
        if (asArray(note.tie).some((t) => t['@type'] === 'stop')) continue;
        notesPerMeasure[m]++;
      }
    });
  }
  return { partNames, measureNumbers, notesPerMeasure };
}
