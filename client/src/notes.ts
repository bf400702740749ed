/**
 * The program notes as the reader chose them: the newcomer's line or the curious reader's paragraph, in the
 * reader's language when the cue sheet has a translation (else its own language), and the glossary entries
 * the text uses. Pure over the protocol payloads.
 */
import type { GlossaryTerm, MeasureEnrichment, PieceInfo } from '@tutti/protocol';
import type { Level } from './harmonyWords.js';

export interface NoteView {
  readonly heading: string;
  readonly text: string;
  readonly range: { readonly from: string; readonly to: string } | null;
  readonly terms: readonly { readonly term: string; readonly definition: string }[];
}

export function noteView(bar: MeasureEnrichment, piece: PieceInfo | null, level: Level, locale: string): NoteView | null {
  const note = bar.note;
  const section = bar.section ?? null;
  if (!note && !section) return null;
  const tr = note?.translations?.[locale];
  const str = section?.translations?.[locale];
  const sectionName = str?.name ?? section?.name ?? '';
  const title = tr?.title ?? note?.title ?? '';
  const heading = [sectionName, title].filter((s) => s !== '').join(' · ');
  const short = tr?.short ?? note?.short ?? str?.short ?? section?.short;
  const long = tr?.long ?? note?.long ?? note?.text ?? str?.long ?? section?.long ?? '';
  const text = level === 'newcomer' ? (short ?? long) : long;
  const keys = [...new Set([...(note?.terms ?? []), ...(note ? [] : (section?.terms ?? []))])];
  const glossary = new Map<string, GlossaryTerm>((piece?.glossary ?? []).map((g) => [g.key, g]));
  const terms = keys
    .map((k) => glossary.get(k))
    .filter((g): g is GlossaryTerm => g !== undefined)
    .map((g) => ({ term: g.translations?.[locale]?.term ?? g.term, definition: g.translations?.[locale]?.definition ?? g.definition }));
  return { heading, text, range: note ? { from: note.from, to: note.to } : null, terms };
}

/** Where the followed bar is in the piece's form: each section's share of the bars, and progress 0..1. */
export interface TimelineSegment {
  readonly name: string;
  readonly start: number;
  readonly share: number;
  readonly current: boolean;
}

export function timeline(piece: PieceInfo | null, measureIndex: number | null, barCount: number | null): { segments: TimelineSegment[]; progress: number | null } {
  const sections = piece?.sections ?? [];
  if (sections.length === 0) return { segments: [], progress: null };
  // Each pass through a section is its own segment (a repeated exposition shows twice).
  const starts = sections.flatMap((s) => s.measureIndices.map((start) => ({ name: s.name, start }))).sort((a, b) => a.start - b.start);
  const total = barCount ?? starts[starts.length - 1].start + 1;
  const segments = starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].start : total;
    const current = measureIndex !== null && measureIndex >= s.start && measureIndex < end;
    return { name: s.name, start: s.start, share: Math.max(0, end - s.start) / total, current };
  });
  return { segments, progress: measureIndex === null ? null : Math.min(1, Math.max(0, measureIndex / total)) };
}
