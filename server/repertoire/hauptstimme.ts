/**
 * The main-tune ("Hauptstimme") annotations that come with the OpenScore Orchestra scores (MarkGotham/
 * Hauptstimme, CC BY-SA 4.0): a CSV with one row each time the main melody moves to another part,
 * `qstamp,measure,beat,measure_fraction,label,part,part_num,instrument` — from that bar and beat on, part
 * number `part_num` (0-based, score order) carries theme `label`. Checked against the score (every bar and
 * part exists, the part's abbreviation fits its name) and resolved to "who has the tune" per bar.
 */
import type { Score } from '../score/types.js';
import { RepertoireError, type Problem } from './errors.js';
import { printedBars } from './cueCheck.js';
import { readSourceText } from './yamlFile.js';

export interface TuneEntry {
  /** 1-based line in the CSV. */
  readonly line: number;
  /** Printed bar label and 1-based beat (quarter notes) where the part takes the tune. */
  readonly measure: string;
  readonly beat: number;
  /** Printed (file-order) bar index and quarter-note offset in it. */
  readonly printedIndex: number;
  readonly offsetBeat: number;
  readonly label: string;
  readonly partId: string;
  readonly partName: string;
  /** The annotation's own short name, e.g. "Vln 1". */
  readonly abbreviation: string;
}

export interface MainTunes {
  readonly source: string;
  readonly entries: readonly TuneEntry[];
  readonly labels: ReadonlySet<string>;
}

const HEADER = ['qstamp', 'measure', 'beat', 'measure_fraction', 'label', 'part', 'part_num', 'instrument'];

/** "Vln 1" ↔ "Violin 1", "Hn 2" ↔ "E♭ Horn 2", "Str" ↔ any string part: same family word and same number. */
function abbreviationFits(abbreviation: string, partName: string): boolean {
  const stems: Record<string, RegExp> = {
    fl: /flute|flauto|piccolo/i, ob: /oboe/i, cl: /clarinet/i, bsn: /bassoon/i, fg: /bassoon|fagott/i, hn: /horn|corno/i,
    tpt: /trumpet|tromba/i, tbn: /trombone/i, timp: /timpan/i, vln: /violin/i, vla: /viola/i, vc: /cello/i, vlc: /cello/i,
    cb: /contrabass|double bass/i, db: /contrabass|double bass/i, str: /violin|viola|cello|contrabass/i,
  };
  const [stem, number] = abbreviation.trim().toLowerCase().split(/\s+/);
  const pattern = stems[stem];
  if (!pattern || !pattern.test(partName)) return false;
  if (number === undefined) return true;
  // An unnumbered part ("Bb Clarinet" beside "Bb Clarinet 2") is the first player.
  return /\b\d+\b/.test(partName) ? new RegExp(`\\b${number}\\b`).test(partName) : number === '1';
}

export function parseMainTunes(text: string, file: string, score: Score): MainTunes {
  const lines = text.split(/\r?\n/);
  const problems: Problem[] = [];
  const header = lines[0]?.split(',').map((h) => h.trim());
  if (!header || HEADER.some((h, i) => header[i] !== h)) {
    throw new RepertoireError(file, [{ line: 1, field: 'header', message: `header: expected "${HEADER.join(',')}"` }]);
  }
  const { index } = printedBars(score);
  const printedStart = new Map<number, number>();
  for (const m of score.measures) {
    const p = m.printedIndex ?? m.index;
    if (!printedStart.has(p)) printedStart.set(p, m.startBeat);
  }
  const entries: TuneEntry[] = [];
  lines.forEach((row, i) => {
    if (i === 0 || row.trim() === '') return;
    const line = i + 1;
    const cells = row.split(',');
    if (cells.length !== HEADER.length) {
      problems.push({ line, field: '', message: `expected ${HEADER.length} columns, found ${cells.length}` });
      return;
    }
    const [, measure, beatText, , label, abbreviation, partNumText] = cells.map((c) => c.trim());
    const printedIndex = index.get(measure);
    const beat = Number(beatText);
    const partNum = Number(partNumText);
    if (printedIndex === undefined) problems.push({ line, field: 'measure', message: `measure: bar "${measure}" is not in the score` });
    if (!(beat >= 1)) problems.push({ line, field: 'beat', message: `beat: "${beatText}" is not a beat (1 or more)` });
    const part = Number.isInteger(partNum) ? score.parts[partNum] : undefined;
    if (!part) problems.push({ line, field: 'part_num', message: `part_num: ${partNumText} is not a part of the score (0–${score.parts.length - 1})` });
    else if (!abbreviationFits(abbreviation, part.name)) problems.push({ line, field: 'part', message: `part: "${abbreviation}" does not match part ${partNum}, "${part.name}"` });
    if (label === '') problems.push({ line, field: 'label', message: 'label: empty' });
    if (printedIndex === undefined || !part || !(beat >= 1)) return;
    entries.push({ line, measure, beat, printedIndex, offsetBeat: beat - 1, label, partId: part.id, partName: part.name, abbreviation });
  });
  if (problems.length > 0) throw new RepertoireError(file, problems);
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1];
    const b = entries[i];
    if (b.printedIndex < a.printedIndex || (b.printedIndex === a.printedIndex && b.offsetBeat < a.offsetBeat)) {
      throw new RepertoireError(file, [{ line: b.line, field: 'measure', message: `measure: bar ${b.measure} beat ${b.beat} comes before the row above (bar ${a.measure} beat ${a.beat})` }]);
    }
  }
  return { source: file, entries, labels: new Set(entries.map((e) => e.label)) };
}

export async function loadMainTunes(file: string, score: Score): Promise<MainTunes> {
  return parseMainTunes(await readSourceText(file), file, score);
}

/**
 * Who has the tune in each bar (performance order): the entry in force at the bar's middle, so a hand-over
 * on an upbeat counts for the bar it leads into; null before the first entry. Annotations are in printed
 * bars, so a repeated bar gets the same holder on every pass.
 */
export function tunePerMeasure(score: Score, tunes: MainTunes): (TuneEntry | null)[] {
  return score.measures.map((m) => {
    const p = m.printedIndex ?? m.index;
    const middle = m.durationBeat / 2;
    let found: TuneEntry | null = null;
    for (const e of tunes.entries) {
      if (e.printedIndex < p || (e.printedIndex === p && e.offsetBeat <= middle + 1e-9)) found = e;
      else break;
    }
    return found;
  });
}
