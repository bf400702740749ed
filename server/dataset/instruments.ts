/**
 * General MIDI sounds for orchestral parts, chosen from the part name first (a "Violoncello" and a
 * "Violin" are both strings but should not sound alike) and from the instrument family otherwise.
 */
import type { InstrumentFamily, Part } from '../score/types.js';

export interface GmSound {
  /** General MIDI program, 0-based (0 = Acoustic Grand Piano). */
  readonly program: number;
  /** Loudness offset in MIDI velocity steps, to balance a 2-per-part wind section against string sections. */
  readonly velocityOffset: number;
}

/** Name patterns, tried in order; the first match wins. */
const BY_NAME: readonly (readonly [RegExp, GmSound])[] = [
  [/violone\b|contrabass|double bass|kontrabass/i, { program: 43, velocityOffset: 0 }],
  [/violoncell|cello/i, { program: 42, velocityOffset: 0 }],
  [/viola/i, { program: 48, velocityOffset: -4 }],
  [/violin|violino/i, { program: 48, velocityOffset: 0 }],
  [/piccolo/i, { program: 72, velocityOffset: -10 }],
  [/recorder|flauto dolce|flauti d/i, { program: 74, velocityOffset: -6 }],
  [/flute|flauto/i, { program: 73, velocityOffset: -6 }],
  [/english horn|cor anglais/i, { program: 69, velocityOffset: -8 }],
  [/oboe/i, { program: 68, velocityOffset: -10 }],
  [/clarinet/i, { program: 71, velocityOffset: -8 }],
  [/bassoon|fagott/i, { program: 70, velocityOffset: -6 }],
  [/horn|corno/i, { program: 60, velocityOffset: -10 }],
  [/trumpet|tromba|clarino/i, { program: 56, velocityOffset: -18 }],
  [/trombone/i, { program: 57, velocityOffset: -14 }],
  [/tuba/i, { program: 58, velocityOffset: -12 }],
  [/timpan|kettle/i, { program: 47, velocityOffset: -10 }],
  [/harp/i, { program: 46, velocityOffset: 4 }],
  [/harpsichord|cembalo|continuo/i, { program: 6, velocityOffset: 4 }],
  [/organ/i, { program: 19, velocityOffset: -10 }],
  [/piano/i, { program: 0, velocityOffset: 0 }],
  [/soprano|alto|tenor|bass|choir|chorus|voice/i, { program: 52, velocityOffset: 0 }],
];

const BY_FAMILY: Readonly<Record<InstrumentFamily, GmSound>> = {
  strings: { program: 48, velocityOffset: 0 },
  woodwinds: { program: 71, velocityOffset: -8 },
  brass: { program: 60, velocityOffset: -10 },
  percussion: { program: 47, velocityOffset: -10 },
  keyboard: { program: 0, velocityOffset: 0 },
  voice: { program: 52, velocityOffset: 0 },
  other: { program: 48, velocityOffset: 0 },
};

export function gmSoundFor(part: Pick<Part, 'name' | 'family'>): GmSound {
  for (const [pattern, sound] of BY_NAME) if (pattern.test(part.name)) return sound;
  return BY_FAMILY[part.family];
}

/**
 * MIDI channels for the performance: one per distinct program (parts with the same sound share a channel,
 * as an orchestral section does), skipping channel 10 (index 9), which General MIDI reserves for drums.
 * More than 15 distinct programs wrap around and share.
 */
export function assignChannels(programs: readonly number[]): readonly number[] {
  const usable = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];
  const byProgram = new Map<number, number>();
  return programs.map((program) => {
    let channel = byProgram.get(program);
    if (channel === undefined) {
      channel = usable[byProgram.size % usable.length];
      byProgram.set(program, channel);
    }
    return channel;
  });
}
