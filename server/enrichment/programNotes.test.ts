/** Program-notes files: shape errors name the file and entry; ranges are checked against a real score (a Bach10 MIDI). */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScore } from '../score/load.js';
import { sharedPath } from '../score/testPaths.js';
import type { Score } from '../score/types.js';
import { loadProgramNotesFor, noteIndexPerMeasure, parseProgramNotes, ProgramNotesError } from './programNotes.js';

const FILE = '/concert/program-notes.json';
const notesJson = (notes: unknown, title: unknown = 'A chorale') => JSON.stringify({ title, notes });
const parseError = (text: string) => {
  try {
    parseProgramNotes(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ProgramNotesError);
    return (err as Error).message;
  }
  throw new Error('expected a ProgramNotesError');
};

describe('parseProgramNotes', () => {
  it('reads title and notes, labels written as strings or whole numbers', () => {
    const parsed = parseProgramNotes(notesJson([{ from: '1', to: 4, text: ' Opening. ' }]), FILE);
    expect(parsed).toEqual({ source: FILE, title: 'A chorale', notes: [{ from: '1', to: '4', text: 'Opening.' }] });
  });

  it('names the file and the entry at fault', () => {
    expect(parseError('{ "title": ')).toMatch(/^\/concert\/program-notes\.json: not valid JSON/);
    expect(parseError('[]')).toBe(`${FILE}: expected an object with "title" and "notes"`);
    expect(parseError(notesJson([], ''))).toBe(`${FILE}: field "title" must be a non-empty string`);
    expect(parseError(JSON.stringify({ title: 'x', notes: {} }))).toMatch(/field "notes" must be an array/);
    expect(parseError(notesJson([{ from: '1', to: '2', text: 'ok' }, { from: '3', to: '4' }]))).toBe(`${FILE}: notes[1]: field "text" must be a non-empty string`);
    expect(parseError(notesJson([{ from: '', to: '2', text: 'x' }]))).toMatch(/notes\[0\]: field "from" must be a printed bar label/);
    expect(parseError(notesJson([{ from: '1', to: 2.5, text: 'x' }]))).toMatch(/notes\[0\]: field "to" must be a printed bar label/);
    expect(parseError(notesJson([{ from: '1', to: '2', text: 'x', form: 'typo' }]))).toBe(`${FILE}: notes[0]: unknown field "form" (expected "from", "to", "text")`);
    expect(parseError(notesJson(['bar 1']))).toBe(`${FILE}: notes[0]: expected an object with "from", "to" and "text"`);
  });
});

describe('program notes against a score', () => {
  let score: Score;
  let dir: string;
  beforeAll(async () => {
    score = await loadScore(sharedPath('eval', 'bach10', '01-AchGottundHerr', '01-AchGottundHerr.mid'));
    dir = mkdtempSync(join(tmpdir(), 'tutti-notes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps each bar to the note covering it, inclusive at both ends', () => {
    const notes = parseProgramNotes(notesJson([{ from: '2', to: '3', text: 'a' }, { from: '5', to: '5', text: 'b' }]), FILE);
    const index = Array.from(noteIndexPerMeasure(score, notes));
    const labels = score.measures.map((m) => m.number);
    expect(index.slice(0, 6)).toEqual([-1, 0, 0, -1, 1, -1]);
    expect(labels.slice(0, 6)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('rejects bars the score does not have, reversed ranges and overlaps, naming file and entry', () => {
    const check = (notes: unknown) => () => noteIndexPerMeasure(score, parseProgramNotes(notesJson(notes), FILE));
    const last = score.measures[score.measures.length - 1].number;
    expect(check([{ from: '1', to: '999', text: 'x' }])).toThrow(`${FILE}: notes[0]: "to" bar "999" is not in the score ${score.source}`);
    expect(check([{ from: '4', to: '2', text: 'x' }])).toThrow(`${FILE}: notes[0]: "to" bar "2" comes before "from" bar "4"`);
    expect(check([{ from: '1', to: '4', text: 'x' }, { from: '4', to: last, text: 'y' }])).toThrow(`${FILE}: notes[1] (bars 4–${last}) overlaps notes[0] (bars 1–4)`);
  });

  it('finds program-notes.json beside the score, and is happy without one', async () => {
    const scorePath = join(dir, 'chorale.mid');
    copyFileSync(score.source, scorePath);
    expect(await loadProgramNotesFor(scorePath)).toBeUndefined();
    writeFileSync(join(dir, 'program-notes.json'), notesJson([{ from: '1', to: '2', text: 'The first phrase.' }]));
    expect((await loadProgramNotesFor(scorePath))?.notes).toEqual([{ from: '1', to: '2', text: 'The first phrase.' }]);
    writeFileSync(join(dir, 'program-notes.json'), '{ nope');
    await expect(loadProgramNotesFor(scorePath)).rejects.toThrow(`${join(dir, 'program-notes.json')}: not valid JSON`);
  });
});
