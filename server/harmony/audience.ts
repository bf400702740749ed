/** Short plain-language lines for the audience, one per notable harmonic event, in Tutti's own words. */
import type { CadenceType } from './cadence.js';
import { keyName, pc, type MusicalKey } from './keys.js';

const CADENCE_LINES: Readonly<Record<CadenceType, string>> = {
  'perfect authentic': 'A full close: the phrase comes firmly home to {key}.',
  'imperfect authentic': 'A softer close in {key}: home, but not yet the final word.',
  half: 'A half close: the phrase pauses on the dominant, asking to go on.',
  deceptive: 'A deceptive cadence: the music sidesteps the ending we were expecting.',
  plagal: 'A plagal close, the gentle "Amen" ending, in {key}.',
};

export function readableKey(key: MusicalKey): string {
  const name = keyName(key);
  return `${name[0].toUpperCase()}${name.slice(1).replace('#', '♯').replace(/b$/, '♭')} ${key.mode}`;
}

export function cadenceLine(type: CadenceType, key: MusicalKey): string {
  return CADENCE_LINES[type].replace('{key}', readableKey(key));
}

/** How the new key relates to the old one, in words, or undefined when the relation has no everyday name. */
function relation(from: MusicalKey, to: MusicalKey): string | undefined {
  const up = pc(to.tonic - from.tonic);
  if (from.mode === to.mode && up === 7) return 'the dominant';
  if (from.mode === to.mode && up === 5) return 'the subdominant';
  if (up === 0) return to.mode === 'minor' ? 'the parallel minor: same home note, darker colour' : 'the parallel major: same home note, brighter colour';
  if (from.mode === 'major' && to.mode === 'minor' && up === 9) return 'the relative minor';
  if (from.mode === 'minor' && to.mode === 'major' && up === 3) return 'the relative major';
  if (from.mode === 'minor' && to.mode === 'minor' && up === 7) return 'the minor dominant';
  return undefined;
}

export function modulationLine(from: MusicalKey, to: MusicalKey): string {
  const rel = relation(from, to);
  return rel ? `The music turns to ${readableKey(to)}, ${rel}.` : `The music moves to a new key: ${readableKey(to)}.`;
}
