import { describe, expect, it } from 'vitest';
import { loadScore } from '../score/load.js';
import { fermataBeats, findFermatas, readMusicXmlText } from './fermatas.js';
import { sharedScore } from './testScores.js';

const xml = `<?xml version="1.0"?>
<score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Violin</part-name></score-part></part-list>
<part id="P1">
  <measure number="1"><attributes><divisions>2</divisions></attributes>
    <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration><voice>1</voice></note>
    <note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration><voice>1</voice><notations><fermata/></notations></note>
    <note><chord/><pitch><step>F</step><octave>4</octave></pitch><duration>2</duration><notations><fermata/></notations></note>
    <backup><duration>6</duration></backup>
    <note><grace/><pitch><step>B</step><octave>3</octave></pitch><voice>2</voice></note>
    <note><pitch><step>G</step><octave>3</octave></pitch><duration>6</duration><voice>2</voice></note>
  </measure>
  <measure number="2">
    <forward><duration>3</duration></forward>
    <note><rest/><duration>1</duration><notations><fermata type="upright"/></notations></note>
  </measure>
</part></score-partwise>`;

describe('fermata marks', () => {
  it('places fermatas by divisions, chords, backup and forward', () => {
    expect(findFermatas(xml)).toEqual([
      { printedIndex: 0, measure: '1', offsetBeat: 2 },
      { printedIndex: 1, measure: '2', offsetBeat: 1.5 },
    ]);
  });

  it('finds the opening fermatas of Beethoven 5/i (bars 2 and 5) and maps them to score beats', async () => {
    const path = sharedScore('beethoven-symphony5-mvt1', 'Beethoven_Op.67_1.mxl');
    const marks = findFermatas(await readMusicXmlText(path));
    expect(marks.slice(0, 2).map((m) => [m.measure, m.offsetBeat])).toEqual([['2', 0], ['5', 0]]);
    const score = await loadScore(path);
    const beats = fermataBeats(score, marks);
    // 2/4 time: bar 2 starts at beat 2, bar 5 at beat 8; the exposition repeat plays them twice.
    expect(beats.slice(0, 2)).toEqual([2, 8]);
    expect(beats.length).toBeGreaterThan(marks.length);
  });
});
