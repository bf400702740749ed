/** Words for the enrichment sections: pure functions over the protocol payloads, so the views stay plain. */
import type { Enrichment, InstrumentGroup, PassageHarmony } from '@tutti/protocol';

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  strings: 'Strings',
  woodwinds: 'Woodwinds',
  brass: 'Brass',
  percussion: 'Percussion',
  keyboard: 'Keyboard',
  voice: 'Voices',
  other: 'Other',
};

export function familyName(family: string): string {
  return FAMILY_NAMES[family] ?? family;
}

/** "E♭ major", or "E♭ major → B♭ major" when the bar changes key. */
export function keysOf(harmony: readonly PassageHarmony[]): string {
  const keys = harmony.map((h) => h.key).filter((k, i, all) => i === 0 || all[i - 1] !== k);
  return keys.join(' → ');
}

/** "E♭ (I) · B♭7 (V7)": the chords of the bar in order. */
export function chordsOf(harmony: readonly PassageHarmony[]): string {
  return harmony.map((h) => `${h.chord} (${h.numeral})`).join(' · ');
}

/** The bar's plain-language line, when the analysis has one (cadence or modulation). */
export function lineOf(harmony: readonly PassageHarmony[]): string | null {
  return harmony.find((h) => h.line !== null)?.line ?? null;
}

/** "Bb Clarinet 1, Eb Horn 2" → "B♭ Clarinet 1, E♭ Horn 2": score part names with typographic flats. */
export function partsOf(group: InstrumentGroup): string {
  return group.parts.map((name) => name.replace(/\b([A-G])b\b/g, '$1♭')).join(', ');
}

/** One line for the conductor panel: what the phones show now, e.g. "B♭ major · F (V) · 12 parts · note bars 45–56". */
export function nowLine(enrichment: Enrichment | null): string {
  if (!enrichment) return '—';
  const m = enrichment.measure;
  const parts = m.instruments.reduce((n, g) => n + g.parts.length, 0);
  const bits = [
    m.harmony.length > 0 ? `${keysOf(m.harmony)} · ${chordsOf(m.harmony)}` : '',
    m.tutti ? 'tutti' : `${parts} ${parts === 1 ? 'part' : 'parts'}`,
    m.note ? `note bars ${m.note.from}–${m.note.to}` : '',
    enrichment.searching ? '(finding our place)' : '',
  ];
  return `bar ${m.measure}: ${bits.filter((b) => b !== '').join(' · ')}`;
}
