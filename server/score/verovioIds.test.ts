import { describe, expect, it } from 'vitest';
import { loadScore } from './load.js';
import { fixturePath, sharedPath } from './testPaths.js';
import { verovioNoteIds, verovioToolkit } from './verovioIds.js';

describe('model note ids → verovio ids', () => {
  it('maps every note of the fixture to the verovio note of the same pitch', async () => {
    const file = fixturePath('repeats-endings.musicxml');
    const { ids, unmatched } = await verovioNoteIds(file);
    expect(unmatched).toBe(0);
    const score = await loadScore(file);
    const tk = await verovioToolkit();
    tk.renderToTimemap(); // computes the MIDI values getMIDIValuesForElement reads
    const writtenMinusSounding = new Map<string, Set<number>>();
    for (const note of score.notes) {
      const verovioId = ids.get(note.printedId ?? note.id);
      expect(verovioId, note.id).toBeDefined();
      // verovio's own MIDI value for that element is the written pitch (it does not transpose).
      const set = writtenMinusSounding.get(note.partId) ?? new Set<number>();
      set.add(tk.getMIDIValuesForElement(verovioId!).pitch - note.pitch);
      writtenMinusSounding.set(note.partId, set);
    }
    // Flute at pitch; B-flat clarinet written a major second above the sound.
    expect(writtenMinusSounding).toEqual(new Map([['P1', new Set([0])], ['P2', new Set([2])]]));
    expect(new Set(ids.values()).size).toBe(ids.size);
  });

  it('maps a real chorale completely', async () => {
    const file = sharedPath('eval', 'harmony', 'Early_Choral--Bach_Johann_Sebastian--Chorales--001', 'bwv269.mxl');
    const { ids, unmatched } = await verovioNoteIds(file);
    const score = await loadScore(file, { repeats: false });
    expect(unmatched).toBe(0);
    expect(score.notes.every((n) => ids.has(n.printedId ?? n.id))).toBe(true);
  });
});
