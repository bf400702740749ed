/**
 * Dynamics and tempo markings as the score prints them, per bar, for the phone ("ff — very loud",
 * "Allegro con brio"). The score model carries notes, not directions, so this reads just the `<direction>`s
 * of a MusicXML file: `<dynamics>` marks, crescendo/diminuendo words and hairpins, and tempo words (with a
 * metronome mark when there is one). Positions are printed bars; a repeated bar shows its marks on every pass.
 */
import type { DynamicMark, TempoMarking } from '../protocol/index.js';
import { readMusicXmlText } from '../dataset/fermatas.js';
import type { Score } from '../score/types.js';

const DYNAMIC_WORDS: Readonly<Record<string, string>> = {
  ppp: 'extremely soft', pp: 'very soft', p: 'soft', mp: 'moderately soft', mf: 'moderately loud', f: 'loud', ff: 'very loud', fff: 'extremely loud',
  sf: 'a sudden accent', sfz: 'a sudden accent', sff: 'a strong sudden accent', sfp: 'accented, then soft at once', fp: 'loud, then soft at once', fz: 'a sudden accent', rfz: 'a sudden accent', rf: 'a sudden accent',
};
const CHANGE_WORDS: readonly (readonly [RegExp, string, string])[] = [
  [/^cresc/i, 'cresc.', 'growing louder'],
  [/^(dim|decresc)/i, 'dim.', 'growing softer'],
];
/** Tempo words a score prints above the staff (Italian, and the usual German and French ones). */
const TEMPO_WORD = /^(tempo\b|a tempo|grave|largo|larghetto|lento|adagio|andante|andantino|moderato|allegretto|allegro|vivace|presto|prestissimo|rit|ritard|rall|accel|più|meno|poco|langsam|mässig|massig|lebhaft|schnell|rasch|lent|modéré|vif|animé)/i;
const RATE_WORD = /^(rit|ritard|rall|accel)/i;

export interface PrintedMarks {
  readonly dynamics: readonly DynamicMark[];
  /** Tempo words written in the bar, in order. */
  readonly tempo: readonly TempoMarking[];
}

const decode = (s: string): string =>
  s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/\s+/g, ' ').trim();

/** Marks per printed bar (file order), gathered over all parts; each distinct mark once per bar, by position. */
export function findMarkings(xml: string): PrintedMarks[] {
  const perBar: { dynamics: Map<string, { at: number; mark: DynamicMark }>; tempo: Map<string, { at: number; mark: TempoMarking }> }[] = [];
  const partRe = /<part\s[^>]*>([\s\S]*?)<\/part>/g;
  for (let part = partRe.exec(xml); part; part = partRe.exec(xml)) {
    let divisions = 1;
    let index = -1;
    const measureRe = /<measure\b[^>]*>([\s\S]*?)<\/measure>/g;
    for (let m = measureRe.exec(part[1]); m; m = measureRe.exec(part[1])) {
      index++;
      perBar[index] ??= { dynamics: new Map(), tempo: new Map() };
      const bar = perBar[index];
      let pos = 0;
      const tokenRe = /<(divisions|backup|forward|note|direction)\b[^>]*>([\s\S]*?)<\/\1>/g;
      for (let t = tokenRe.exec(m[1]); t; t = tokenRe.exec(m[1])) {
        const [, tag, body] = t;
        const duration = Number(/<duration>\s*(\d+)\s*<\/duration>/.exec(body)?.[1] ?? 0);
        if (tag === 'divisions') divisions = Number(body.trim()) || divisions;
        else if (tag === 'backup') pos -= duration;
        else if (tag === 'forward') pos += duration;
        else if (tag === 'note') {
          // MusicXML also allows a dynamic in a note's <notations>.
          for (const d of body.matchAll(/<dynamics\b[^>]*>([\s\S]*?)<\/dynamics>/g)) {
            for (const e of d[1].matchAll(/<([a-z-]+)\s*\/>/g)) {
              if (DYNAMIC_WORDS[e[1]] && !bar.dynamics.has(e[1])) bar.dynamics.set(e[1], { at: pos / divisions, mark: { mark: e[1], words: DYNAMIC_WORDS[e[1]] } });
            }
          }
          if (!body.includes('<chord') && !body.includes('<grace')) pos += duration;
        } else {
          const offset = Number(/<offset[^>]*>\s*(-?\d+)\s*<\/offset>/.exec(body)?.[1] ?? 0);
          const at = (pos + offset) / divisions;
          const add = (mark: DynamicMark) => {
            if (!bar.dynamics.has(mark.mark)) bar.dynamics.set(mark.mark, { at, mark });
          };
          for (const d of body.matchAll(/<dynamics\b[^>]*>([\s\S]*?)<\/dynamics>/g)) {
            for (const e of d[1].matchAll(/<([a-z-]+)\s*\/>/g)) {
              const mark = e[1] === 'other-dynamics' ? '' : e[1];
              if (DYNAMIC_WORDS[mark]) add({ mark, words: DYNAMIC_WORDS[mark] });
            }
          }
          const wedge = /<wedge\b[^>]*type="(crescendo|diminuendo)"/.exec(body)?.[1];
          if (wedge === 'crescendo') add({ mark: 'cresc.', words: 'growing louder' });
          if (wedge === 'diminuendo') add({ mark: 'dim.', words: 'growing softer' });
          const words = [...body.matchAll(/<words\b[^>]*>([\s\S]*?)<\/words>/g)].map((w) => decode(w[1])).filter((w) => w !== '');
          const text = words.join(' ');
          const change = CHANGE_WORDS.find(([re]) => re.test(text));
          if (change) add({ mark: change[1], words: change[2] });
          const perMinute = /<per-minute>\s*([\d.]+)\s*<\/per-minute>/.exec(body)?.[1];
          const unit = /<beat-unit>\s*([a-z0-9]+)\s*<\/beat-unit>/.exec(body)?.[1];
          // Editorial brackets ("[Tempo I.]") do not hide a heading.
          if (text !== '' && TEMPO_WORD.test(text.replace(/^[[(]+\s*/, '')) && !bar.tempo.has(text)) {
            const metronome = perMinute && unit ? `${unit} = ${perMinute}` : null;
            bar.tempo.set(text, { at, mark: { text, metronome, change: RATE_WORD.test(text.replace(/^[[(]+\s*/, '')) } });
          }
        }
      }
    }
  }
  const byAt = <T>(m: Map<string, { at: number; mark: T }>): T[] => [...m.values()].sort((a, b) => a.at - b.at).map((x) => x.mark);
  return perBar.map((b) => ({ dynamics: byAt(b.dynamics), tempo: byAt(b.tempo) }));
}

export interface MeasureMarkings {
  readonly dynamics: readonly DynamicMark[];
  /** The tempo heading in force (the last one written at or before this bar); a rit./accel. lasts its bar. */
  readonly tempo: TempoMarking | null;
}

/** Per bar in performance order: the marks written in it, and the tempo heading in force. */
export function markingsPerMeasure(score: Score, printed: readonly PrintedMarks[]): MeasureMarkings[] {
  // The heading in force at each printed bar, in file order (a repeat does not change what is printed above).
  const heading: (TempoMarking | null)[] = [];
  let current: TempoMarking | null = null;
  printed.forEach((bar, i) => {
    const headings = bar.tempo.filter((t) => !t.change);
    if (headings.length > 0) current = headings[headings.length - 1];
    const rate = bar.tempo.find((t) => t.change);
    heading[i] = rate ?? current;
  });
  return score.measures.map((m) => {
    const p = m.printedIndex ?? m.index;
    return { dynamics: printed[p]?.dynamics ?? [], tempo: heading[p] ?? null };
  });
}

/** For a MusicXML score, its markings per bar; undefined for MIDI (it prints none). */
export async function loadMarkings(score: Score): Promise<MeasureMarkings[] | undefined> {
  if (!/\.(mxl|musicxml|xml)$/i.test(score.source)) return undefined;
  return markingsPerMeasure(score, findMarkings(await readMusicXmlText(score.source)));
}
