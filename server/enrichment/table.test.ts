/** The per-bar table on the bundled Eroica (real score, real harmony analysis, bundled program notes, exposition repeat unfolded). */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCORE_PATH } from '../live/demo.js';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { loadEnrichment, type LoadedEnrichment } from './load.js';

let score: Score;
let loaded: LoadedEnrichment;

beforeAll(async () => {
  score = await loadScore(DEMO_SCORE_PATH);
  loaded = await loadEnrichment(score);
  console.log(`enrichment precompute for the Eroica (${score.measures.length} bars, ${score.notes.length} notes): harmony ${loaded.timing.analysisMs.toFixed(0)} ms, table ${loaded.timing.tableMs.toFixed(0)} ms`);
}, 60_000);

/** Passes of a printed bar, performance order. */
const passesOf = (label: string) => score.measures.filter((m) => m.number === label).map((m) => m.index);

describe('enrichment table for the Eroica', () => {
  it('has one entry per bar in performance order, the exposition repeat included', () => {
    const { measures } = loaded.table;
    expect(measures).toHaveLength(score.measures.length);
    expect(measures.map((m) => m.measure)).toEqual(score.measures.map((m) => m.number));
    expect(passesOf('60')).toHaveLength(2); // the exposition is played twice
  });

  it('lists exactly the parts that sound in each bar, by a brute-force count over the note array', () => {
    const names = new Map(score.parts.map((p) => [p.id, p.name]));
    score.measures.forEach((m, k) => {
      const end = m.startBeat + m.durationBeat;
      const expected = new Set(score.notes.filter((n) => n.onsetBeat < end - 1e-6 && n.onsetBeat + n.durationBeat > m.startBeat + 1e-6).map((n) => names.get(n.partId)));
      const listed = loaded.table.measures[k].instruments.flatMap((g) => g.parts);
      expect(new Set(listed), `bar ${m.number} (index ${k})`).toEqual(expected);
      expect(listed).toHaveLength(expected.size);
    });
  });

  it('calls the opening chords tutti and the cello theme a strings-only passage', () => {
    const bar1 = loaded.table.measures[passesOf('1')[0]];
    expect(bar1.tutti).toBe(true);
    expect(bar1.instruments.map((g) => g.family)).toEqual(['strings', 'woodwinds', 'brass', 'percussion']);
    expect(bar1.instruments.find((g) => g.family === 'percussion')?.parts).toEqual(['Timpani']);
    const bar3 = loaded.table.measures[passesOf('3')[0]];
    expect(bar3.tutti).toBe(false);
    expect(bar3.instruments.map((g) => g.family)).toEqual(['strings']);
    expect(bar3.instruments[0].parts).toContain('Violoncello');
  });

  it('gives each bar the harmony segments sounding in it, in readable form', () => {
    const bar1 = loaded.table.measures[0];
    expect(bar1.harmony[0]).toMatchObject({ key: 'E♭ major', chord: 'E♭', numeral: 'I' });
    // Every segment of the analysis shows up in the bar where it starts.
    const lines = loaded.table.measures.flatMap((m) => m.harmony.map((h) => h.line)).filter((l) => l !== null);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('B♭ major'))).toBe(true);
  });

  it('attaches the program note covering each bar, on every pass of a repeat', () => {
    const note = loaded.table.measures[passesOf('45')[0]].note;
    expect(note).toMatchObject({ from: '45', to: '56' });
    for (const label of ['45', '50', '56']) {
      const passes = passesOf(label);
      expect(passes.length).toBe(2);
      for (const k of passes) expect(loaded.table.measures[k].note?.text, `bar ${label} at index ${k}`).toBe(note?.text);
    }
    expect(loaded.table.measures[passesOf('57')[0]].note?.from).toBe('57');
    expect(loaded.table.measures[passesOf('44')[1]].note?.from).toBe('37');
    // The bundled notes cover the whole movement.
    expect(loaded.table.measures.filter((m) => m.note === null)).toEqual([]);
    expect(loaded.table.piece).toMatchObject({ title: score.title, composer: score.composer });
    expect(loaded.table.piece.programTitle).toContain('Eroica');
  });

  it('carries the cue sheet: the section and the passage note at both levels, on every pass, and the structure timeline', () => {
    const [first, second] = passesOf('50');
    for (const k of [first, second]) {
      const m = loaded.table.measures[k];
      expect(m.section).toMatchObject({ name: 'Exposition', from: '1', to: '155' });
      expect(m.section?.short.length).toBeGreaterThan(10);
      expect(m.section?.long.length).toBeGreaterThan(m.section!.short.length);
      expect(m.note).toMatchObject({ from: '45', to: '56', title: 'The second group' });
      expect(m.note?.short).toContain('falling figure');
      expect(m.note?.long).toContain('second group of themes');
      // The single text older phones show is the paragraph.
      expect(m.note?.text).toBe(m.note?.long);
      expect(m.spotlights?.map((s) => s.parts)).toEqual([['Oboe 1', 'Bb Clarinet 1', 'Flute 1']]);
    }
    // Glossary markup is gone from what phones read; the terms it marked are listed, and defined in the piece.
    const bar70 = loaded.table.measures[passesOf('70')[0]];
    expect(bar70.note?.long).toContain('(diminished sevenths)');
    expect(bar70.note?.long).not.toContain('[[');
    expect(bar70.note?.terms).toEqual(['diminished-seventh', 'cadence']);
    const keys = loaded.table.piece.glossary?.map((g) => g.key);
    expect(keys).toContain('diminished-seventh');
    expect(loaded.table.measures[passesOf('420')[0]].section?.name).toBe('Recapitulation');
    expect(loaded.table.measures[passesOf('420')[0]].section?.translations?.de?.name).toBe('Reprise');
    const timeline = loaded.table.piece.sections!;
    expect(timeline.map((s) => [s.name, s.from, s.to])).toEqual([
      ['Exposition', '1', '155'],
      ['Development', '156', '401'],
      ['Recapitulation', '402', '560'],
      ['Coda', '561', '695'],
    ]);
    // The exposition is entered twice (the repeat), the other sections once.
    expect(timeline.map((s) => s.measureIndices.length)).toEqual([2, 1, 1, 1]);
    for (const s of timeline) for (const k of s.measureIndices) expect(loaded.table.measures[k].section?.name).toBe(s.name);
    expect(loaded.table.piece.about?.recording.kind).toBe('real');
  });

  it('finds bars by beat and the nearest pass of a printed label', () => {
    const second60 = passesOf('60')[1];
    const m = score.measures[second60];
    expect(loaded.table.measureAtBeat(m.startBeat + 0.5)).toBe(second60);
    expect(loaded.table.measureOfLabel('60', second60 - 3)).toBe(second60);
    expect(loaded.table.measureOfLabel('60', 0)).toBe(passesOf('60')[0]);
    expect(loaded.table.measureOfLabel('no such bar', 0)).toBe(-1);
  });

  it('numbers identical content alike, so a change is one comparison', () => {
    const { measures, contentIds } = loaded.table;
    const [a, b] = passesOf('50');
    expect(contentIds[a]).toBe(contentIds[b]);
    expect(contentIds[0]).not.toBe(contentIds[passesOf('3')[0]]);
    for (let k = 1; k < measures.length; k++) {
      const same = JSON.stringify({ ...measures[k], measureIndex: 0, measure: '' }) === JSON.stringify({ ...measures[k - 1], measureIndex: 0, measure: '' });
      expect(contentIds[k] === contentIds[k - 1], `bars ${k - 1} and ${k}`).toBe(same);
    }
  });
});
