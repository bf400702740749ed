/**
 * RomanText reader (the When-in-Rome analysis format): header lines, measure lines with beats, key
 * changes, Roman numerals, `||` phrase marks and `m5-6 = m1-2` repeats. Variant readings (`m11var1`)
 * and anything unreadable are skipped and listed with a reason, never silently dropped.
 */
import { parseKeyName, type MusicalKey } from './keys.js';
import { parseNumeral, type ParsedNumeral } from './numeral.js';

export interface RomanTextChord {
  readonly measure: number;
  /** Beat in the analysis' own time signature, 1-based. */
  readonly beat: number;
  readonly key: MusicalKey;
  readonly numeral: string;
  readonly parsed: ParsedNumeral;
  /**
   * A pivot chord's second reading, in the key it leads to (`m9 I G: V`: this chord is `D: I`, its
   * pivot reading `G: V`). As in music21's RomanText reader, the first reading is the chord and the
   * second its `pivotChord`; the key after it is the second reading's.
   */
  readonly pivot?: { readonly key: MusicalKey; readonly numeral: string; readonly parsed: ParsedNumeral };
  /** Source line (1-based), for messages. */
  readonly line: number;
}

export interface RomanTextPosition {
  readonly measure: number;
  readonly beat: number;
}

export interface RomanTextMeter {
  /** First measure in this metre. */
  readonly measure: number;
  readonly numerator: number;
  readonly denominator: number;
}

export interface SkippedLine {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface RomanTextAnalysis {
  readonly source: string;
  readonly header: Readonly<Record<string, string>>;
  readonly meters: readonly RomanTextMeter[];
  /** Sorted by measure, then beat. */
  readonly chords: readonly RomanTextChord[];
  /** Where `||` stands: the chord sounding just before it ends a phrase. */
  readonly phraseMarks: readonly RomanTextPosition[];
  /** Where an end-repeat sign (`:||`, `:||:`) stands: the end of a section. */
  readonly sectionEnds: readonly RomanTextPosition[];
  readonly skipped: readonly SkippedLine[];
}

export class RomanTextError extends Error {
  override readonly name = 'RomanTextError';
}

const MEASURE_LINE = /^m(\d+)([a-z]*\d*)\s*(.*)$/;
const REPEAT_LINE = /^m(\d+)(?:-(\d+))?\s*=\s*m(\d+)(?:-(\d+))?\s*$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/;
const METER = /^(\d+)\/(\d+)$/;

const posKey = (measure: number, beat: number): string => `${measure}:${beat}`;

/** Parses RomanText; `source` names the file in errors. Throws RomanTextError when no chord at all can be read. */
export function parseRomanText(text: string, source: string): RomanTextAnalysis {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header: Record<string, string> = {};
  const meters: RomanTextMeter[] = [];
  const chords = new Map<string, RomanTextChord>();
  const phraseMarks: RomanTextPosition[] = [];
  const sectionEnds: RomanTextPosition[] = [];
  const skipped: SkippedLine[] = [];
  let pendingMeter: { numerator: number; denominator: number } | undefined;
  let key: MusicalKey | undefined;

  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const line = rawLine.trim();
    if (line === '') return;
    const repeat = REPEAT_LINE.exec(line);
    if (repeat) {
      copyMeasures(repeat, chords, lineNo);
      return;
    }
    const measureLine = MEASURE_LINE.exec(line);
    if (measureLine && !HEADER_LINE.test(line.split(/\s/)[0] ?? '')) {
      const measure = Number(measureLine[1]);
      // `m98a`/`m98b` are first and second endings: the first stands for the bar; `var` lines are alternatives.
      if (measureLine[2] !== '' && measureLine[2] !== 'a') {
        const what = measureLine[2].startsWith('var') ? 'alternative reading' : 'second-ending reading';
        skipped.push({ line: lineNo, text: line, reason: `${what} "m${measure}${measureLine[2]}" (only the main reading is used)` });
        return;
      }
      if (pendingMeter) {
        meters.push({ measure, ...pendingMeter });
        pendingMeter = undefined;
      }
      key = readMeasureTokens(measureLine[3], measure, lineNo, key, chords, phraseMarks, sectionEnds, skipped, source);
      return;
    }
    const headerLine = HEADER_LINE.exec(line);
    if (headerLine) {
      const name = headerLine[1].toLowerCase();
      const value = headerLine[2].trim();
      if (name === 'time signature') {
        const m = METER.exec(value);
        if (!m) throw new RomanTextError(`${source}:${lineNo}: bad time signature "${value}"`);
        pendingMeter = { numerator: Number(m[1]), denominator: Number(m[2]) };
      } else if (name === 'sixthminor' || name === 'seventhminor') {
        skipped.push({ line: lineNo, text: line, reason: 'minor-key degree convention override is not supported (cautionary convention assumed)' });
      } else if (!(name in header)) header[headerLine[1]] = value;
      return;
    }
    skipped.push({ line: lineNo, text: line, reason: 'not a header, measure or repeat line' });
  });

  const sorted = [...chords.values()].sort((a, b) => a.measure - b.measure || a.beat - b.beat);
  if (sorted.length === 0) throw new RomanTextError(`${source}: no Roman numerals found (is this a RomanText file?)`);
  if (meters.length === 0 || meters[0].measure > sorted[0].measure) {
    throw new RomanTextError(`${source}: no "Time Signature:" line before the first measure line`);
  }
  return { source, header, meters, chords: sorted, phraseMarks, sectionEnds, skipped };
}

function readMeasureTokens(
  body: string,
  measure: number,
  lineNo: number,
  startKey: MusicalKey | undefined,
  chords: Map<string, RomanTextChord>,
  phraseMarks: RomanTextPosition[],
  sectionEnds: RomanTextPosition[],
  skipped: SkippedLine[],
  source: string,
): MusicalKey | undefined {
  let key = startKey;
  let beat = 1;
  let pivotPossible = false; // right after a chord, before any beat token
  for (const rawToken of body.split(/\s+/).filter((t) => t !== '')) {
    let token = rawToken;
    const beatToken = /^b(\d+(?:\.\d+)?)$/.exec(token);
    if (beatToken) {
      beat = Number(beatToken[1]);
      pivotPossible = false;
      continue;
    }
    if (token === '||') {
      phraseMarks.push({ measure, beat });
      continue;
    }
    if (token === ':||' || token === ':||:') {
      sectionEnds.push({ measure, beat });
      continue;
    }
    if (token === '||:' || token === '|') continue; // a start-repeat sign or a plain barline; the music is analysed once
    const keyToken = /^([A-Ga-g][#b-]*):(.*)$/.exec(token);
    if (keyToken) {
      const k = parseKeyName(keyToken[1]);
      if (!k) throw new RomanTextError(`${source}:${lineNo}: bad key "${keyToken[1]}:" in m${measure}`);
      key = k;
      if (keyToken[2] === '') continue;
      token = keyToken[2];
    }
    const parsed = parseNumeral(token);
    if (!parsed) {
      skipped.push({ line: lineNo, text: token, reason: `unreadable token "${token}" in m${measure}` });
      continue;
    }
    if (!key) throw new RomanTextError(`${source}:${lineNo}: numeral "${token}" in m${measure} before any key`);
    // A second reading on the same beat is a pivot chord: the first reading is the chord, the second its pivot reading.
    const first = chords.get(posKey(measure, beat));
    if (pivotPossible && first) chords.set(posKey(measure, beat), { ...first, pivot: { key, numeral: token, parsed } });
    else chords.set(posKey(measure, beat), { measure, beat, key, numeral: token, parsed, line: lineNo });
    pivotPossible = !(pivotPossible && first);
  }
  return key;
}

function copyMeasures(m: RegExpExecArray, chords: Map<string, RomanTextChord>, lineNo: number): void {
  const toStart = Number(m[1]);
  const toEnd = m[2] !== undefined ? Number(m[2]) : toStart;
  const fromStart = Number(m[3]);
  const fromEnd = m[4] !== undefined ? Number(m[4]) : fromStart;
  const shift = toStart - fromStart;
  if (toEnd - toStart !== fromEnd - fromStart) return;
  for (const c of [...chords.values()]) {
    if (c.measure >= fromStart && c.measure <= fromEnd) {
      const measure = c.measure + shift;
      chords.set(posKey(measure, c.beat), { ...c, measure, line: lineNo });
    }
  }
}

/** Quarter notes per analysis beat: quarter in 4/4, half in 2/2, dotted quarter in 6/8. */
export function beatUnitQuarters(meter: Pick<RomanTextMeter, 'numerator' | 'denominator'>): number {
  const compound = meter.denominator === 8 && meter.numerator % 3 === 0 && meter.numerator > 3;
  return (4 / meter.denominator) * (compound ? 3 : 1);
}

export function beatsPerMeasure(meter: Pick<RomanTextMeter, 'numerator' | 'denominator'>): number {
  const compound = meter.denominator === 8 && meter.numerator % 3 === 0 && meter.numerator > 3;
  return compound ? meter.numerator / 3 : meter.numerator;
}

export function meterAt(analysis: Pick<RomanTextAnalysis, 'meters'>, measure: number): RomanTextMeter {
  let current = analysis.meters[0];
  for (const m of analysis.meters) if (m.measure <= measure) current = m;
  return current;
}
