/** Chord symbols (`D7/F#`, `Bdim`, `Am`) named through tonal's chord dictionary, spelled in the local key. */
import type { ChordLabel, Quality } from './chord.js';
import { keyIndex, MAJOR_SCALE, NATURAL_MINOR_SCALE, pc, spell, type MusicalKey } from './keys.js';
import { Chord, Note } from './tonal.js';

const TONAL_TYPE: Readonly<Record<Quality, string>> = {
  M: 'M', m: 'm', dim: 'dim', aug: 'aug', '7': '7', maj7: 'maj7', m7: 'm7', m7b5: 'm7b5', dim7: 'dim7', mMaj7: 'mMaj7',
  It: 'It', Fr: 'Fr', Ger: 'Ger',
};

// tonal's Chord.getChord is not cheap: one call per distinct chord and key, cached.
const cache = new Map<string, string>();

/** Other chromatic roots, spelled as altered degrees above the tonic (b2, b3, #4, b6, b7, …). */
const CHROMATIC_INTERVAL: Readonly<Record<number, string>> = { 1: '2m', 3: '3m', 4: '3M', 6: '4A', 8: '6m', 9: '6M', 10: '7m', 11: '7M' };

function isDiatonic(pitchClass: number, key: MusicalKey): boolean {
  const scale = key.mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
  const rel = pc(pitchClass - key.tonic);
  return scale.some((s) => s === rel) || (key.mode === 'minor' && rel === 11);
}

/**
 * Chromatic roots are spelled from the degree they lead to: a diminished chord as the leading tone
 * below it (C#dim7 before D minor, not Dbdim7), a major or dominant chord as the fifth above it.
 */
function rootName(chord: ChordLabel, key: MusicalKey): string {
  if (isDiatonic(chord.root, key)) return spell(chord.root, key);
  const leading = chord.quality === 'dim' || chord.quality === 'dim7' || chord.quality === 'm7b5';
  const target = leading ? chord.root + 1 : chord.root + 5;
  if ((leading || chord.quality === 'M' || chord.quality === '7') && isDiatonic(target, key)) {
    const named = Note.transpose(spell(target, key), leading ? '-2m' : '5P');
    if (named) return named;
  }
  const interval = CHROMATIC_INTERVAL[pc(chord.root - key.tonic)];
  const tonic = spell(key.tonic, key);
  return (interval && Note.transpose(tonic, interval)) || spell(chord.root, key);
}

export function chordSymbol(chord: ChordLabel, key: MusicalKey): string {
  const id = `${chord.root}:${chord.quality}:${chord.bass}:${keyIndex(key)}:${key.spelling ?? ''}`;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const root = rootName(chord, key);
  const bass = chord.bass === chord.root ? root : spell(chord.bass, key);
  const named = Chord.getChord(TONAL_TYPE[chord.quality], root, chord.inversion > 0 ? bass : undefined);
  // tonal writes a plain major triad as `CM`; the familiar symbol is `C`.
  const symbol = named.empty ? `${root}${chord.quality}` : named.symbol.replace(/^([A-G][#b]*)M(?=\/|$)/, '$1');
  cache.set(id, symbol);
  return symbol;
}
