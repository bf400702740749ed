import { describe, expect, it } from 'vitest';
import type { MeasureEnrichment, PieceInfo } from '@tutti/protocol';
import { noteView, timeline } from './notes.js';

const piece: PieceInfo = {
  title: 'Eroica',
  composer: 'Beethoven',
  programTitle: null,
  glossary: [{ key: 'key', term: 'key', definition: 'The home note and scale.', translations: { de: { term: 'Tonart', definition: 'Grundton und Tonleiter.' } } }],
  sections: [
    { index: 0, name: 'Exposition', from: '1', to: '155', measureIndices: [0, 155], rehearsal: null },
    { index: 1, name: 'Development', from: '156', to: '397', measureIndices: [310], rehearsal: null },
  ],
};
const bar = {
  measureIndex: 40, measure: '41', instruments: [], tutti: true, harmony: [],
  note: { from: '37', to: '44', text: 'The theme in full.', short: 'The theme, loud.', long: 'The theme in full, with the new [key].', terms: ['key'], translations: { de: { short: 'Das Thema, laut.' } } },
  section: { index: 0, name: 'Exposition', from: '1', to: '155', rehearsal: null, short: 's', long: 'l', terms: [], translations: { de: { name: 'Exposition' } } },
} as MeasureEnrichment;

describe('notes at two levels', () => {
  it('gives the newcomer the line and the curious the paragraph, with the glossary terms used', () => {
    expect(noteView(bar, piece, 'newcomer', 'en')).toMatchObject({ heading: 'Exposition', text: 'The theme, loud.', range: { from: '37', to: '44' }, terms: [{ term: 'key' }] });
    expect(noteView(bar, piece, 'curious', 'en')?.text).toBe('The theme in full, with the new [key].');
  });

  it('reads the translation where there is one and falls back to the original where not', () => {
    const de = noteView(bar, piece, 'newcomer', 'de');
    expect(de?.text).toBe('Das Thema, laut.');
    expect(de?.terms).toEqual([{ term: 'Tonart', definition: 'Grundton und Tonleiter.' }]);
    expect(noteView(bar, piece, 'curious', 'de')?.text).toBe('The theme in full, with the new [key].');
  });

  it('lays the form out as segments, one per pass, with the current one and the progress', () => {
    const t = timeline(piece, 200, 620);
    expect(t.segments.map((s) => [s.name, s.start, s.current])).toEqual([['Exposition', 0, false], ['Exposition', 155, true], ['Development', 310, false]]);
    expect(t.progress).toBeCloseTo(200 / 620, 9);
    expect(timeline(null, 3, 10)).toEqual({ segments: [], progress: null });
  });
});
