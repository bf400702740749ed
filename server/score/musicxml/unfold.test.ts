import { describe, expect, it } from 'vitest';
import { noJumps } from './jumps.js';
import { unfoldMeasures } from './unfold.js';
import type { Jumps, WrittenMeasure } from './written.js';

type Marks = Partial<Pick<WrittenMeasure, 'startRepeat' | 'endRepeatTimes' | 'ending' | 'endingStart'>> & { jumps?: Partial<Jumps> };

function bars(...marks: Marks[]): WrittenMeasure[] {
  return marks.map((m, i) => ({
    number: String(i + 1),
    timeSignature: { numerator: 4, denominator: 4 },
    lengthBeat: 4,
    startRepeat: m.startRepeat ?? false,
    endRepeatTimes: m.endRepeatTimes ?? 0,
    ending: m.ending ?? [],
    endingStart: m.endingStart ?? false,
    jumps: { ...noJumps(), ...m.jumps },
    tempos: [],
    fermatas: [],
    keys: [],
  }));
}

const play = (measures: WrittenMeasure[], repeats = true): string => unfoldMeasures(measures, { repeats }).map((i) => i + 1).join(' ');

describe('unfolding repeats and jumps', () => {
  it('repeats from the start when there is no forward repeat, then from after the last repeat', () => {
    const score = bars({}, { endRepeatTimes: 2 }, {}, { endRepeatTimes: 2 }, {});
    expect(play(score)).toBe('1 2 1 2 3 4 3 4 5');
    expect(play(score, false)).toBe('1 2 3 4 5');
  });

  it('plays a three-times repeat with endings "1, 2." and "3."', () => {
    const score = bars(
      { startRepeat: true },
      { ending: [1, 2], endingStart: true, endRepeatTimes: 3 },
      { ending: [3], endingStart: true },
      {},
    );
    expect(play(score)).toBe('1 2 1 2 1 3 4');
    expect(play(score, false)).toBe('1 3 4');
  });

  it('keeps a two-bar first ending together', () => {
    const score = bars(
      { startRepeat: true },
      { ending: [1], endingStart: true },
      { ending: [1], endRepeatTimes: 2 },
      { ending: [2], endingStart: true },
      {},
    );
    expect(play(score)).toBe('1 2 3 1 4 5');
  });

  it('plays D.C. (no Fine) to the end, and D.S. al Fine from the segno', () => {
    expect(play(bars({}, {}, { jumps: { daCapo: true } }, {}))).toBe('1 2 3 1 2 3 4');
    expect(play(bars({}, { jumps: { segno: true } }, { jumps: { fine: true } }, { jumps: { dalSegno: true } }))).toBe('1 2 3 4 2 3');
  });

  it('terminates on contradictory marks', () => {
    const score = bars({ jumps: { daCapo: true, dalSegno: true } }, { endRepeatTimes: 99 });
    expect(unfoldMeasures(score, { repeats: true }).length).toBeLessThanOrEqual(score.length * 16 + 16);
  });
});
