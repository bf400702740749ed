/**
 * MusicXML (score-partwise) → the score as written: parts, measures with their repeat/jump marks,
 * tempo and key marks, and every sounding note with its sounding pitch, in printed order.
 *
 * Policy (see docs/score.md): grace notes and cue notes are left out (they take no notated time /
 * are not played); unpitched percussion is left out (no pitch to follow); a single-note tremolo is
 * one note; octave-shift lines are ignored (MusicXML pitches are already the true pitch).
 */
import { ScoreError } from '../errors.js';
import type { Part, TimeSignature } from '../types.js';
import { partFamily, readPartList, readTitle } from './header.js';
import { jumpsFromSound, jumpsFromWords, noJumps, type MutableJumps } from './jumps.js';
import type { WrittenMeasure, WrittenNote, WrittenScore } from './written.js';
import { child, childText, lineAt, parseXml, XmlSyntaxError, type XmlElement } from './xmlTree.js';

const STEP_SEMITONES: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const BEAT_UNIT_QUARTERS: Readonly<Record<string, number>> = {
  breve: 8, whole: 4, half: 2, quarter: 1, eighth: 0.5, '16th': 0.25, '32nd': 0.125,
};

/** Error helpers that know the file, and turn an element into its line number. */
class Reader {
  constructor(
    private readonly xml: string,
    private readonly source: string,
  ) {}

  fail(reason: string, el?: XmlElement, where: { measure?: string; part?: string } = {}): never {
    throw new ScoreError(this.source, reason, { ...where, ...(el ? { line: lineAt(this.xml, el.offset) } : {}) });
  }

  number(el: XmlElement, name: string, where: { measure?: string; part?: string }): number | undefined {
    const c = child(el, name);
    if (c === undefined) return undefined;
    const value = Number(c.text.trim());
    if (c.text.trim() === '' || !Number.isFinite(value)) this.fail(`<${name}> is not a number: "${c.text.trim().slice(0, 20)}"`, c, where);
    return value;
  }
}

/** One fermata per offset (the same hold is marked in every part), keeping the longest note under it. */
function mergeFermatas(found: readonly { offsetBeat: number; durationBeat: number }[]): { offsetBeat: number; durationBeat: number }[] {
  const byOffset = new Map<string, { offsetBeat: number; durationBeat: number }>();
  for (const f of found) {
    const key = f.offsetBeat.toFixed(6);
    const prev = byOffset.get(key);
    if (!prev || f.durationBeat > prev.durationBeat) byOffset.set(key, f);
  }
  return [...byOffset.values()].sort((a, b) => a.offsetBeat - b.offsetBeat);
}

/** Mutable per-measure facts collected across parts, frozen into WrittenMeasure at the end. */
interface MeasureFacts {
  number: string;
  time?: TimeSignature;
  lengthBeat: number;
  startRepeat: boolean;
  endRepeatTimes: number;
  ending: number[];
  endingStart: boolean;
  jumps: MutableJumps;
  tempos: { offsetBeat: number; bpm: number }[];
  fermatas: { offsetBeat: number; durationBeat: number }[];
}

export function readMusicXml(xml: string, source: string): WrittenScore {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new ScoreError(source, `malformed XML: ${err.reason}`, { line: err.line }, { cause: err });
    throw err;
  }
  const r: Reader = new Reader(xml, source);
  if (root.name === 'score-timewise') r.fail('score-timewise MusicXML is not supported; export it as score-partwise', root);
  if (root.name !== 'score-partwise') r.fail(`not a MusicXML score: the root element is <${root.name}>, expected <score-partwise>`, root);

  const partInfos = readPartList(root);
  const partEls = root.children.filter((c) => c.name === 'part');
  if (partEls.length === 0) r.fail('the score has no <part>', root);
  const measureCount = partEls[0].children.filter((c) => c.name === 'measure').length;
  const facts: MeasureFacts[] = partEls[0].children
    .filter((c) => c.name === 'measure')
    .map((m, i) => ({ number: m.attrs.number || String(i + 1), lengthBeat: 0, startRepeat: false, endRepeatTimes: 0, ending: [], endingStart: false, jumps: noJumps(), tempos: [], fermatas: [] }));

  const parts: Part[] = [];
  const notesByPart: WrittenNote[][][] = [];
  const keysByPart: { measure: number; fifths: number; mode: 'major' | 'minor' | 'none' }[][] = [];
  const transposes: boolean[] = [];
  const stavesByPart: number[] = [];

  partEls.forEach((partEl, p) => {
    const partId = partEl.attrs.id ?? `P${p + 1}`;
    const info = partInfos.get(partId);
    const name = info?.name ?? partId;
    parts.push({
      id: partId,
      name,
      family: partFamily(info, name),
    });
    const measureEls = partEl.children.filter((c) => c.name === 'measure');
    if (measureEls.length !== measureCount) {
      r.fail(`part has ${measureEls.length} measures but the first part has ${measureCount}`, partEl, { part: name });
    }
    let divisions = 1;
    let transpose = 0;
    let transposesKey = false;
    let staves = 1;
    let ending: number[] = [];
    const keys: { measure: number; fifths: number; mode: 'major' | 'minor' | 'none' }[] = [];
    const partNotes: WrittenNote[][] = [];

    measureEls.forEach((measureEl, m) => {
      const where = { measure: measureEl.attrs.number ?? String(m + 1), part: name };
      const fact = facts[m];
      const notes: WrittenNote[] = [];
      let cursor = 0;
      let maxCursor = 0;
      let chordOnset = 0;
      let measureEnding: number[] = ending;
      let endingStopsHere = false;
      const durationOf = (el: XmlElement): number => {
        const d = r.number(el, 'duration', where);
        if (d === undefined) r.fail(`<${el.name}> has no <duration>`, el, where);
        if (d < 0) r.fail(`<${el.name}> has a negative duration`, el, where);
        return d / divisions;
      };
      // A direction's <offset> (in divisions) places it before or after the current position.
      let directionOffset = 0;
      const addTempo = (bpm: number): void => {
        if (Number.isFinite(bpm) && bpm > 0) fact.tempos.push({ offsetBeat: Math.max(0, cursor + directionOffset), bpm });
      };
      const readSound = (sound: XmlElement): boolean => {
        jumpsFromSound(sound.attrs, fact.jumps);
        if (sound.attrs.tempo === undefined) return false;
        addTempo(Number(sound.attrs.tempo));
        return true;
      };

      for (const el of measureEl.children) {
        switch (el.name) {
          case 'attributes': {
            staves = Math.max(staves, r.number(el, 'staves', where) ?? 1);
            const div = r.number(el, 'divisions', where);
            if (div !== undefined) {
              if (!(div > 0)) r.fail(`<divisions> must be positive, got ${div}`, el, where);
              divisions = div;
            }
            const key = child(el, 'key');
            const fifths = key && r.number(key, 'fifths', where);
            if (key && fifths !== undefined) {
              const mode = childText(key, 'mode');
              keys.push({ measure: m, fifths, mode: mode === 'major' || mode === 'minor' ? mode : 'none' });
            }
            const time = child(el, 'time');
            if (time && fact.time === undefined) {
              const beats = (childText(time, 'beats') ?? '').split('+').reduce((a, b) => a + Number(b), 0);
              const beatType = Number(childText(time, 'beat-type'));
              if (beats > 0 && beatType > 0) fact.time = { numerator: beats, denominator: beatType };
            }
            const tr = child(el, 'transpose');
            if (tr) {
              const chromatic = r.number(tr, 'chromatic', where) ?? 0;
              transpose = chromatic + 12 * (r.number(tr, 'octave-change', where) ?? 0);
              if (chromatic % 12 !== 0) transposesKey = true;
            }
            break;
          }
          case 'note': {
            if (child(el, 'grace')) break;
            const duration = durationOf(el);
            const isChord = child(el, 'chord') !== undefined;
            const onset = isChord ? chordOnset : cursor;
            if (!isChord) {
              chordOnset = cursor;
              cursor += duration;
              maxCursor = Math.max(maxCursor, cursor);
            }
            if (!child(el, 'cue') && child(el, 'notations')?.children.some((c) => c.name === 'fermata')) {
              fact.fermatas.push({ offsetBeat: onset, durationBeat: duration });
            }
            const pitchEl = child(el, 'pitch');
            if (!pitchEl || child(el, 'rest') || child(el, 'cue')) break;
            const step = childText(pitchEl, 'step') ?? '';
            const octave = r.number(pitchEl, 'octave', where);
            if (STEP_SEMITONES[step] === undefined || octave === undefined) r.fail(`note has a bad <pitch> (step "${step}", octave ${octave})`, pitchEl, where);
            const alter = Math.round(r.number(pitchEl, 'alter', where) ?? 0);
            const pitch = (octave + 1) * 12 + STEP_SEMITONES[step] + alter + transpose;
            if (pitch < 0 || pitch > 127) r.fail(`sounding pitch ${pitch} is outside the MIDI range 0..127`, el, where);
            let tieStart = false;
            let tieStop = false;
            for (const c of el.children) {
              if (c.name !== 'tie') continue;
              if (c.attrs.type === 'start') tieStart = true;
              else if (c.attrs.type === 'stop') tieStop = true;
            }
            notes.push({
              pitch,
              offsetBeat: onset,
              durationBeat: duration,
              staff: Number(childText(el, 'staff') ?? 1) || 1,
              voice: Number(childText(el, 'voice') ?? 1) || 1,
              tieStart,
              tieStop,
              id: `${partId}-m${m}-n${notes.length}`,
            });
            break;
          }
          case 'backup':
            cursor = Math.max(0, cursor - durationOf(el));
            break;
          case 'forward':
            cursor += durationOf(el);
            maxCursor = Math.max(maxCursor, cursor);
            break;
          case 'direction': {
            directionOffset = (r.number(el, 'offset', where) ?? 0) / divisions;
            let hasSoundTempo = false;
            let metronomeBpm = NaN;
            for (const c of el.children) {
              if (c.name === 'sound') hasSoundTempo = readSound(c) || hasSoundTempo;
              if (c.name !== 'direction-type') continue;
              for (const d of c.children) {
                if (d.name === 'segno') fact.jumps.segno = true;
                else if (d.name === 'coda') fact.jumps.coda = true;
                else if (d.name === 'words') jumpsFromWords(d.text, fact.jumps);
                else if (d.name === 'metronome') {
                  const unit = BEAT_UNIT_QUARTERS[childText(d, 'beat-unit') ?? ''] ?? NaN;
                  const dots = d.children.filter((x) => x.name === 'beat-unit-dot').length;
                  metronomeBpm = Number(childText(d, 'per-minute')) * unit * (2 - 0.5 ** dots);
                }
              }
            }
            if (!hasSoundTempo) addTempo(metronomeBpm);
            directionOffset = 0;
            break;
          }
          case 'sound':
            readSound(el);
            break;
          case 'barline': {
            const repeat = child(el, 'repeat');
            if (repeat?.attrs.direction === 'forward') fact.startRepeat = true;
            if (repeat?.attrs.direction === 'backward') fact.endRepeatTimes = Math.max(2, Number(repeat.attrs.times ?? 2) || 2);
            const end = child(el, 'ending');
            if (end) {
              const numbers = (end.attrs.number ?? '').split(/[\s,]+/).map(Number).filter((x) => Number.isInteger(x) && x > 0);
              if (end.attrs.type === 'start') {
                ending = numbers.length > 0 ? numbers : [1];
                measureEnding = ending;
                fact.endingStart = true;
              } else if (end.attrs.type === 'stop' || end.attrs.type === 'discontinue') {
                endingStopsHere = true;
              }
            }
            if (child(el, 'fermata')) fact.fermatas.push({ offsetBeat: el.attrs.location === 'left' ? 0 : maxCursor, durationBeat: 0 });
            if (child(el, 'segno')) fact.jumps.segno = true;
            if (child(el, 'coda')) fact.jumps.coda = true;
            break;
          }
          default:
            break;
        }
      }
      if (fact.ending.length === 0 && measureEnding.length > 0) fact.ending = measureEnding;
      if (endingStopsHere) ending = [];
      fact.lengthBeat = Math.max(fact.lengthBeat, maxCursor);
      for (const n of notes) staves = Math.max(staves, n.staff);
      partNotes.push(notes);
    });
    notesByPart.push(partNotes);
    keysByPart.push(keys);
    transposes.push(transposesKey);
    stavesByPart.push(staves);
  });

  // Key signatures as heard: from the first part that is not a transposing instrument.
  const concert = Math.max(0, transposes.indexOf(false));
  const keysByMeasure = new Map<number, { fifths: number; mode: 'major' | 'minor' | 'none' }[]>();
  for (const k of keysByPart[concert]) keysByMeasure.set(k.measure, [...(keysByMeasure.get(k.measure) ?? []), { fifths: k.fifths, mode: k.mode }]);

  let time: TimeSignature = { numerator: 4, denominator: 4 };
  const measures: WrittenMeasure[] = facts.map((f, m) => {
    time = f.time ?? time;
    const nominal = (time.numerator * 4) / time.denominator;
    const tempos = f.tempos.filter((t, i) => f.tempos.findIndex((u) => Math.abs(u.offsetBeat - t.offsetBeat) < 1e-6) === i);
    return {
      number: f.number,
      timeSignature: time,
      lengthBeat: f.lengthBeat > 0 ? f.lengthBeat : nominal,
      startRepeat: f.startRepeat,
      endRepeatTimes: f.endRepeatTimes,
      ending: f.ending,
      endingStart: f.endingStart,
      jumps: { ...f.jumps },
      tempos,
      fermatas: mergeFermatas(f.fermatas),
      keys: keysByMeasure.get(m) ?? [],
    };
  });
  return { ...readTitle(root), parts, measures, notesByPart, stavesByPart };
}
