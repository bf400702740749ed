/** Chord symbols (`D7/F#`, `Bdim`, `Am`) named through tonal's chord dictionary, spelled in the local key. */
import type { ChordLabel, Quality } from './chord.js';
import { keyIndex, spell, type MusicalKey } from './keys.js';
import { Chord } from './tonal.js';

const TONAL_TYPE: Readonly<Record<Quality, string>> = {
  M: 'M', m: 'm', dim: 'dim', aug: 'aug', '7': '7', maj7: 'maj7', m7: 'm7', m7b5: 'm7b5', dim7: 'dim7', mMaj7: 'mMaj7',
  It: 'It', Fr: 'Fr', Ger: 'Ger',
};

// tonal's Chord.getChord is not cheap: one call per distinct chord and key, cached.
const cache = new Map<string, string>();

export function chordSymbol(chord: ChordLabel, key: MusicalKey): string {
  const id = `${chord.root}:${chord.quality}:${chord.bass}:${keyIndex(key)}`;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const root = spell(chord.root, key);
  const bass = spell(chord.bass, key);
  const named = Chord.getChord(TONAL_TYPE[chord.quality], root, chord.inversion > 0 ? bass : undefined);
  // tonal writes a plain major triad as `CM`; the familiar symbol is `C`.
  const symbol = named.empty ? `${root}${chord.quality}` : named.symbol.replace(/^([A-G][#b]*)M(?=\/|$)/, '$1');
  cache.set(id, symbol);
  return symbol;
}
