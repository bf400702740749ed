import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ScoreError } from './errors.js';
import { loadScore, parseScore } from './load.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function partwise(measures: string, parts = '<score-part id="P1"><part-name>Violin</part-name></score-part>'): string {
  return `<?xml version="1.0"?>\n<score-partwise version="4.0">\n<part-list>${parts}</part-list>\n<part id="P1">\n${measures}\n</part>\n</score-partwise>\n`;
}

async function failure(promise: Promise<unknown>): Promise<ScoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScoreError);
  return err as ScoreError;
}

describe('score errors name the file and the place', () => {
  it('rejects missing files, directories and unknown formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tutti-score-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect((await failure(loadScore(join(dir, 'nope.mid')))).message).toBe(`${join(dir, 'nope.mid')}: file not found`);
    expect((await failure(loadScore(dir))).message).toContain('is a directory');
    expect((await failure(parseScore(utf8('x'), 'song.pdf'))).message).toMatch(/^song\.pdf: unsupported score format "\.pdf"/);
  });

  it('gives the line of malformed XML', async () => {
    const xml = partwise('<measure number="1">\n<note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></notes>\n</measure>');
    const err = await failure(parseScore(utf8(xml), 'bad.musicxml'));
    expect(err.where.line).toBe(6);
    expect(err.message).toMatch(/^bad\.musicxml \(line 6\): malformed XML: closing tag <\/notes> does not match <note>/);
  });

  it('reads UTF-16 MusicXML (with a byte-order mark) like UTF-8', async () => {
    const xml = partwise('<measure number="1"><attributes><divisions>1</divisions></attributes><note><pitch><step>A</step><octave>4</octave></pitch><duration>4</duration></note></measure>');
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) utf16[2 + 2 * i] = xml.charCodeAt(i);
    expect((await parseScore(utf16, 'utf16.musicxml')).notes.map((n) => n.pitch)).toEqual([69]);
  });

  it('rejects a score without notes', async () => {
    const xml = partwise('<measure number="1"><attributes><divisions>1</divisions></attributes><note><rest/><duration>4</duration></note></measure>');
    expect((await failure(parseScore(utf8(xml), 'rests.musicxml'))).message).toBe('rests.musicxml: the score has no notes');
  });

  it('rejects a pitch outside the MIDI range, naming part, measure and line', async () => {
    const xml = partwise(
      '<measure number="7"><attributes><divisions>1</divisions><transpose><chromatic>0</chromatic><octave-change>3</octave-change></transpose></attributes>\n<note><pitch><step>C</step><octave>8</octave></pitch><duration>4</duration></note></measure>',
    );
    const err = await failure(parseScore(utf8(xml), 'high.xml'));
    expect(err.message).toBe('high.xml (line 6, part Violin, measure 7): sounding pitch 144 is outside the MIDI range 0..127');
  });

  it('names the measure of a note without a duration, and rejects timewise and non-score XML', async () => {
    const xml = partwise('<measure number="12"><note><pitch><step>C</step><octave>4</octave></pitch></note></measure>');
    expect((await failure(parseScore(utf8(xml), 'nodur.musicxml'))).message).toBe('nodur.musicxml (line 5, part Violin, measure 12): <note> has no <duration>');
    expect((await failure(parseScore(utf8('<score-timewise/>'), 't.xml'))).message).toContain('score-timewise MusicXML is not supported');
    expect((await failure(parseScore(utf8('<html><body/></html>'), 'page.xml'))).message).toContain('not a MusicXML score: the root element is <html>');
  });

  it('rejects parts of different lengths, bad .mxl archives and non-MIDI bytes', async () => {
    const xml = `<score-partwise><part-list><score-part id="P1"><part-name>A</part-name></score-part><score-part id="P2"><part-name>B</part-name></score-part></part-list>
<part id="P1"><measure number="1"><note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note></measure><measure number="2"/></part>
<part id="P2"><measure number="1"/></part></score-partwise>`;
    expect((await failure(parseScore(utf8(xml), 'uneven.musicxml'))).message).toBe('uneven.musicxml (line 3, part B): part has 1 measures but the first part has 2');
    expect((await failure(parseScore(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1]), 'broken.mxl'))).message).toMatch(/^broken\.mxl: not a readable \.mxl \(zip\) archive/);
    expect((await failure(parseScore(utf8('RIFF....WAVE'), 'song.mid'))).message).toBe('song.mid: not a Standard MIDI File (no "MThd" header)');
  });
});
