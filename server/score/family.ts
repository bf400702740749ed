/**
 * Instrument family of a part, from its name (any of the usual languages of orchestral scores)
 * or, failing that, its General MIDI program.
 */
import type { InstrumentFamily } from './types.js';

// Order matters: "bass clarinet" is a woodwind, "double bass" a string, "horn" brass but "english horn" a woodwind.
const NAME_RULES: readonly (readonly [RegExp, InstrumentFamily])[] = [
  [/english horn|cor anglais|corno inglese|englischhorn|basset/i, 'woodwinds'],
  [/piccolo|flute|flauto|fl[öo]te|\bfl\.|oboe|hautbois|clarinet|clarinetto|klarinette|\bcl\.|bassoon|fagott|fagotto|basson|recorder|saxophone|\bsax|\bob\.|\bbn\.|\bfg\./i, 'woodwinds'],
  [/horn|corno|cor\b|trumpet|tromba|trompete|trombone|posaune|tuba|cornet|flugel|\bhn\.|\btpt\.|\btrb\.|\btbn\./i, 'brass'],
  [/timpani|pauken|timp|drum|percussion|cymbal|triangle|glockenspiel|xylophone|tam-tam|gong|snare|tambourine|becken/i, 'percussion'],
  [/piano|pianoforte|klavier|organ|orgel|harpsichord|cembalo|continuo|celesta|harp|arpa|harfe|keyboard/i, 'keyboard'],
  [/soprano|alto|tenor|bass(?!oon)|baritone|chor|choir|voice|voce|stimme|coro/i, 'voice'],
  [/violin|violino|violine|viola|bratsche|cello|violoncello|contrabass|double bass|kontrabass|contrabbasso|\bvn\.|\bvla\.|\bvc\.|\bcb\.|\bkb\.|string/i, 'strings'],
];

/** Voice words also name instruments (alto sax, bass clarinet, tenor trombone): instruments win. */
export function familyFromName(name: string): InstrumentFamily | undefined {
  for (const [pattern, family] of NAME_RULES) if (pattern.test(name)) return family;
  return undefined;
}

/** General MIDI program (0-based) to family; channel 10 (index 9) is percussion. */
export function familyFromProgram(program: number, channel = 0): InstrumentFamily {
  if (channel === 9) return 'percussion';
  if (program < 8) return 'keyboard'; // pianos
  if (program < 16) return 'percussion'; // chromatic percussion
  if (program < 24) return 'keyboard'; // organs
  if (program < 40) return 'other'; // guitars, basses
  if (program < 48) return program === 46 ? 'keyboard' : program === 47 ? 'percussion' : 'strings';
  if (program < 52) return 'strings'; // ensembles
  if (program < 56) return 'voice'; // choir aahs, voice oohs, synth voice, orchestra hit
  if (program < 64) return 'brass';
  if (program < 80) return 'woodwinds'; // reeds and pipes
  if (program >= 112 && program < 120) return 'percussion';
  return 'other';
}

export function instrumentFamily(name: string, program?: number, channel?: number): InstrumentFamily {
  return familyFromName(name) ?? (program !== undefined ? familyFromProgram(program, channel) : 'other');
}
