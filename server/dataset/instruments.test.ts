import { describe, expect, it } from 'vitest';
import { assignChannels, gmSoundFor } from './instruments.js';
import type { InstrumentFamily } from '../score/types.js';

describe('General MIDI sounds for orchestral parts', () => {
  it('picks the sound from the part name, before the family', () => {
    const cases: [string, InstrumentFamily, number][] = [
      ['Violin 1', 'strings', 48], ['Principal Violin', 'strings', 48], ['Viola 2', 'strings', 48],
      ['Violoncello 1', 'strings', 42], ['Contrabass', 'strings', 43], ['Violone', 'strings', 43],
      ['Flute 2', 'woodwinds', 73], ['Oboe 1', 'woodwinds', 68], ['Bb Clarinet', 'woodwinds', 71],
      ['Bassoon 2', 'woodwinds', 70], ['E Horn 1', 'brass', 60], ['D Trumpet 1', 'brass', 56],
      ['Trombone 3', 'brass', 57], ['C, G Timpani', 'percussion', 47], ['Harp', 'keyboard', 46],
      ['Soprano', 'voice', 52], ['Bass', 'voice', 52], ['Continuo', 'keyboard', 6], ['Serpent', 'brass', 60],
    ];
    for (const [name, family, program] of cases) expect([name, gmSoundFor({ name, family }).program]).toEqual([name, program]);
  });

  it('gives each program its own channel, never the drum channel, and shares it within a section', () => {
    const channels = assignChannels([48, 48, 42, 43, 73, 68, 71, 70, 60, 56, 47, 46]);
    expect(channels[0]).toBe(channels[1]);
    expect(new Set(channels).size).toBe(11);
    expect(channels).not.toContain(9);
  });
});
