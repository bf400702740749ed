import { describe, expect, it } from 'vitest';
import { loadScore, parseScore } from '../load.js';
import { fixturePath } from '../testPaths.js';
import { beatToSec } from '../timemap.js';

const labels = (s: { measures: readonly { number: string }[] }): string => s.measures.map((m) => m.number).join(' ');

describe('MusicXML loader on hand-written fixtures', () => {
  it('unfolds a repeat with first and second endings, and skips it on request', async () => {
    const played = await loadScore(fixturePath('repeats-endings.musicxml'));
    expect(labels(played)).toBe('1 2 1 3 4 5');
    expect(played.measures.map((m) => m.printedIndex)).toEqual([0, 1, 0, 2, 3, 4]);
    const skipped = await loadScore(fixturePath('repeats-endings.musicxml'), { repeats: false });
    expect(labels(skipped)).toBe('1 3 4 5');
    // Second pass of measure 1: new ids that point back at the written notes.
    const again = played.notes.filter((n) => n.measure === '1' && n.onsetBeat >= 8);
    expect(again).toHaveLength(5);
    expect(again.every((n) => n.id.endsWith('@2') && n.printedId === n.id.slice(0, -2))).toBe(true);
    expect(new Set(played.notes.map((n) => n.id)).size).toBe(played.notes.length);
  });

  it('reads chords, ties, grace notes, transposition, tempo and time-signature changes', async () => {
    const s = await loadScore(fixturePath('repeats-endings.musicxml'), { repeats: false });
    expect(s.title).toBe('Repeat Study — Allegretto');
    expect(s.composer).toBe('Tutti Tests');
    expect(s.parts).toEqual([
      { id: 'P1', name: 'Flute', family: 'woodwinds' },
      { id: 'P2', name: 'Bb Clarinet', family: 'woodwinds' },
    ]);
    const flute = s.notes.filter((n) => n.partId === 'P1').map((n) => [n.pitch, n.onsetBeat, n.durationBeat, n.measure, n.beatInMeasure, n.tieMerged]);
    expect(flute).toEqual([
      [72, 0, 1, '1', 1, false], // chord C5 + E5
      [76, 0, 1, '1', 1, false],
      [74, 1, 1, '1', 2, false],
      [76, 2, 2, '1', 3, false],
      [79, 4, 6, '3', 1, true], // G5 tied across the barline: one note of 6 beats; the grace A5 is left out
      [79, 10, 2, '4', 3, false],
      [84, 12, 3, '5', 1, false],
    ]);
    // Clarinet in B-flat sounds a major second lower than written: written D5 -> C5, A4 -> G4.
    expect(s.notes.filter((n) => n.partId === 'P2').map((n) => n.pitch)).toEqual([72, 67, 72]);
    expect(s.tempoMap).toEqual([
      { beat: 0, bpm: 120, sec: 0 },
      { beat: 8, bpm: 60, sec: 4 },
    ]);
    const tied = s.notes.find((n) => n.tieMerged)!;
    expect(tied.onsetSec).toBe(2);
    expect(tied.durationSec).toBeCloseTo(2 + 2, 9); // 4 beats at 120, then 2 beats at 60
    expect(s.measures.map((m) => `${m.timeSignature.numerator}/${m.timeSignature.denominator}`)).toEqual(['4/4', '4/4', '4/4', '3/4']);
    expect(s.measures[3].startSec).toBe(beatToSec(s, 12));
    expect(s.keySignatures).toEqual([{ beat: 0, fifths: 0, mode: 'major' }]);
    expect(s.fermatas).toEqual([]);
  });

  it('merges ties of two voices holding the same pitch on one staff (a2) separately', async () => {
    const tied = (voice: number, type: string): string =>
      `<note><pitch><step>A</step><octave>4</octave></pitch><duration>4</duration><tie type="${type}"/><voice>${voice}</voice></note>`;
    const xml = `<score-partwise><part-list><score-part id="P1"><part-name>Horns in A</part-name></score-part></part-list><part id="P1">
<measure number="1"><attributes><divisions>1</divisions></attributes>${tied(1, 'start')}<backup><duration>4</duration></backup>${tied(2, 'start')}</measure>
<measure number="2">${tied(1, 'stop')}<backup><duration>4</duration></backup><note><pitch><step>A</step><octave>4</octave></pitch><duration>2</duration><tie type="stop"/><voice>2</voice></note></measure>
</part></score-partwise>`;
    const s = await parseScore(new TextEncoder().encode(xml), 'a2.musicxml');
    expect(s.parts[0].family).toBe('brass');
    expect(s.notes.map((n) => [n.voice, n.pitch, n.onsetBeat, n.durationBeat, n.tieMerged])).toEqual([
      [1, 69, 0, 8, true],
      [2, 69, 0, 6, true],
    ]);
  });

  it('takes D.C. al Fine, without repeats on the return, and keeps the fermata of every pass', async () => {
    const s = await loadScore(fixturePath('dc-al-fine.musicxml'));
    expect(labels(s)).toBe('1 2 1 2 3 1 2');
    expect(s.fermatas).toEqual([2, 6, 12].map((beat) => ({ beat, durationBeat: 2, measure: '2' })));
    expect(labels(await loadScore(fixturePath('dc-al-fine.musicxml'), { repeats: false }))).toBe('1 2 3 1 2');
  });

  it('takes D.S. al Coda from a pickup bar on, and keeps the pickup short', async () => {
    const s = await loadScore(fixturePath('ds-al-coda.musicxml'));
    expect(labels(s)).toBe('0 1 2 3 4 2 3 5');
    expect(s.measures[0].durationBeat).toBe(1);
    expect(s.measures[1].startBeat).toBe(1);
    expect(s.notes.map((n) => n.pitch)).toEqual([45, 50, 53, 57, 52, 53, 57, 38]);
    expect(s.keySignatures).toEqual([{ beat: 0, fifths: -1, mode: 'minor' }]);
    // "meno mosso" one beat into measure 4 (offset 4 divisions); it stays in force after the D.S.
    expect(s.tempoMap).toEqual([
      { beat: 0, bpm: 120, sec: 0 },
      { beat: 11, bpm: 60, sec: 5.5 },
    ]);
  });
});
