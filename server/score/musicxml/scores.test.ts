/**
 * The eight OpenScore Orchestra movements (and the Eroica excerpt's score): parts, printed measure
 * numbers and note counts checked against a second, independent reading of the XML, and repeats
 * checked against the Hauptstimme alignments (which give the printed measure at each unfolded beat).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScore } from '../load.js';
import { sharedPath } from '../testPaths.js';
import { locateBeat } from '../timemap.js';
import type { Score } from '../types.js';
import { countMusicXml } from './independentCount.js';

function realScores(): string[] {
  const root = sharedPath('scores-src');
  const files = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f.endsWith('.mxl')).map((f) => join(root, d.name, f)));
  return [...files.sort(), sharedPath('demo-src', 'beethoven-eroica-mvt1-excerpt', 'Beethoven_Op.55_1.mxl')];
}

/** Notes per printed measure in the model (first pass only, so ids carry the printed measure). */
function modelNotesPerPrintedMeasure(score: Score, measureCount: number): number[] {
  const counts = new Array<number>(measureCount).fill(0);
  for (const n of score.notes) {
    const m = /-m(\d+)-n\d+$/.exec(n.id);
    if (m) counts[Number(m[1])]++;
  }
  return counts;
}

describe('real orchestral scores', () => {
  const files = realScores();

  it('finds the eight scores-src movements and the Eroica', () => {
    expect(files).toHaveLength(9);
  });

  it('gives the Eroica its parts and instrument families', async () => {
    const score = await loadScore(files[files.length - 1]);
    expect(score.parts.map((p) => `${p.name}:${p.family}`)).toEqual([
      ...['Flute 1', 'Flute 2', 'Oboe 1', 'Oboe 2', 'Bb Clarinet 1', 'Bb Clarinet 2', 'Bassoon 1', 'Bassoon 2'].map((n) => `${n}:woodwinds`),
      ...['Eb Horn 1', 'Eb Horn 2', 'Eb Horn 3', 'Bb Trumpet 1', 'Bb Trumpet 2'].map((n) => `${n}:brass`),
      'Timpani:percussion',
      ...['Violin 1', 'Violin 2', 'Viola', 'Violoncello', 'Contrabass'].map((n) => `${n}:strings`),
    ]);
    // All 695 printed bars, plus the exposition's second pass m5..m151 (then the second ending, m156, follows).
    expect(score.measures).toHaveLength(695 + (151 - 5 + 1));
    expect(score.tempoMap).toEqual([{ beat: 0, bpm: 180, sec: 0 }]);
  });

  it.each(files.map((f) => [f.split('/').pop()!, f]))('%s: parts, measures and notes match an independent reading', async (_name, file) => {
    const independent = countMusicXml(file);
    const score = await loadScore(file, { repeats: true });
    expect(score.parts.map((p) => p.name)).toEqual(independent.partNames);
    expect(score.parts.every((p) => p.family !== 'other')).toBe(true);
    for (const m of score.measures) expect(m.number).toBe(independent.measureNumbers[m.printedIndex!]);
    // Every printed measure is played at least once.
    expect(new Set(score.measures.map((m) => m.printedIndex)).size).toBe(independent.measureNumbers.length);

    // Per printed measure, the model has exactly the independent count, except where the file ties a
    // note to one that does not follow it (an encoding slip): the loader then keeps both notes.
    const model = modelNotesPerPrintedMeasure(score, independent.measureNumbers.length);
    const differing = model.map((c, m) => c - independent.notesPerMeasure[m]).filter((d) => d !== 0);
    expect(differing.every((d) => d === 1)).toBe(true);
    expect(differing.length).toBeLessThanOrEqual(1);
    // Unfolded: each performed measure contributes its printed measure's notes.
    const expected = score.measures.reduce((sum, m) => sum + independent.notesPerMeasure[m.printedIndex!], 0);
    expect(Math.abs(score.notes.length - expected)).toBeLessThanOrEqual(2 * differing.length);
  });

  it('places measures and unfolds repeats as the Hauptstimme alignments of real recordings do', async () => {
    const withAlignment = files.filter((f) => {
      try {
        readFileSync(f.replace(/\.mxl$/, '_alignment.csv'));
        return true;
      } catch {
        return false;
      }
    });
    expect(withAlignment.length).toBeGreaterThanOrEqual(5);
    for (const file of withAlignment) {
      const score = await loadScore(file);
      // Written (printed-order) start beat of each printed measure, from the model's own measures.
      const lengths: number[] = [];
      for (const m of score.measures) lengths[m.printedIndex!] = m.durationBeat;
      const printed = { measures: [] as Score['measures'][number][] };
      let beat = 0;
      lengths.forEach((durationBeat, i) => {
        const m = score.measures.find((x) => x.printedIndex === i)!;
        printed.measures.push({ ...m, index: i, startBeat: beat });
        beat += durationBeat;
      });
      const rows = readFileSync(file.replace(/\.mxl$/, '_alignment.csv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split(','));
      for (const [scoreQstamp, , measure] of rows) {
        expect(locateBeat(printed, Number(scoreQstamp)).measure, `${file} at written beat ${scoreQstamp}`).toBe(measure);
      }
      // The recordings' measure sequence (performance order) must follow the model's unfolded order.
      const performed = rows.map((r) => r[2]).filter((m, i, a) => i === 0 || m !== a[i - 1]);
      let k = 0;
      for (const m of score.measures) if (k < performed.length && m.number === performed[k]) k++;
      expect(k, `${file}: recording's measures not in the unfolded order after measure ${performed[k - 1]}`).toBe(performed.length);
    }
  });
});
