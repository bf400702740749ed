/** Dynamics and tempo headings read from MusicXML directions: a hand-written file, then the bundled Beethoven 5/i. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCORES_DIR } from '../repertoire/bundled.js';
import { loadScore } from '../score/load.js';
import { findMarkings, loadMarkings } from './markings.js';

const XML = `<?xml version="1.0"?>
<score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Violin</part-name></score-part><score-part id="P2"><part-name>Cello</part-name></score-part></part-list>
<part id="P1">
  <measure number="1"><attributes><divisions>2</divisions></attributes>
    <direction><direction-type><words>Allegro &amp; vivace</words></direction-type><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>132</per-minute></metronome></direction-type></direction>
    <direction><direction-type><dynamics><p/></dynamics></direction-type></direction>
    <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note>
    <direction><direction-type><wedge type="crescendo"/></direction-type></direction>
    <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note>
  </measure>
  <measure number="2"><direction><direction-type><words>rit.</words></direction-type></direction>
    <note><pitch><step>E</step><octave>4</octave></pitch><duration>8</duration><notations><dynamics><ff/></dynamics></notations></note></measure>
  <measure number="3"><note><rest/><duration>8</duration></note></measure>
</part>
<part id="P2">
  <measure number="1"><attributes><divisions>1</divisions></attributes><direction><direction-type><dynamics><p/></dynamics></direction-type></direction><note><rest/><duration>4</duration></note></measure>
  <measure number="2"><direction><direction-type><words>dim.</words></direction-type></direction><note><rest/><duration>4</duration></note></measure>
  <measure number="3"><direction><direction-type><dynamics><sf/></dynamics></direction-type></direction><note><rest/><duration>4</duration></note></measure>
</part></score-partwise>`;

describe('score markings', () => {
  it('gathers dynamics (directions, notations, words, hairpins) and tempo words per printed bar, over all parts', () => {
    const bars = findMarkings(XML);
    expect(bars.map((b) => b.dynamics.map((d) => d.mark))).toEqual([['p', 'cresc.'], ['ff', 'dim.'], ['sf']]);
    expect(bars[0].dynamics[0].words).toBe('soft');
    expect(bars[0].tempo).toEqual([{ text: 'Allegro & vivace', metronome: 'quarter = 132', change: false }]);
    expect(bars[1].tempo).toEqual([{ text: 'rit.', metronome: null, change: true }]);
    expect(bars[2].tempo).toEqual([]);
  });

  it('gives every bar of the bundled Beethoven 5/i its printed dynamics and the heading in force, on every pass', async () => {
    const score = await loadScore(join(BUNDLED_SCORES_DIR, 'beethoven-symphony5-mvt1', 'Beethoven_Op.67_1.mxl'));
    const marks = (await loadMarkings(score))!;
    expect(marks).toHaveLength(score.measures.length);
    const at = (label: string, pass = 0) => marks[score.measures.filter((m) => m.number === label)[pass].index];
    expect(at('1').dynamics.map((d) => d.mark)).toEqual(['ff']);
    expect(at('1', 1).dynamics.map((d) => d.mark)).toEqual(['ff']); // the exposition repeat
    expect(at('6').dynamics.map((d) => d.mark)).toEqual(['p']);
    expect(at('100').tempo).toEqual({ text: 'Allegro con brio', metronome: 'half = 108', change: false });
    expect(at('268').tempo?.text).toMatch(/^Adagio/);
    expect(at('269').tempo?.text).toMatch(/Tempo I/);
    expect(at('400').tempo?.text).toMatch(/Tempo I/);
  }, 60_000);
});
