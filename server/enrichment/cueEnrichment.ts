/**
 * The cue sheet and main-tune annotations laid out per bar (performance order): the section and its note,
 * the finer passage note, spotlights and who has the tune. Computed once per score; a repeated bar gets the
 * same content on every pass, because cue sheets and annotations speak in printed bars.
 */
import type { GlossaryTerm, MainTune, NoteTranslation, PassageNote, SectionNote, SectionSummary, Spotlight } from '../protocol/index.js';
import type { ResolvedCueSheet, ResolvedPassage, ResolvedSection } from '../repertoire/cueCheck.js';
import type { SpotlightData } from '../repertoire/cueSchema.js';
import { tunePerMeasure, type MainTunes } from '../repertoire/hauptstimme.js';
import { parseMarkup } from '../repertoire/markup.js';
import type { Score } from '../score/types.js';

export interface CueLayout {
  readonly sections: readonly (SectionNote | null)[];
  readonly notes: readonly (PassageNote | null)[];
  readonly spotlights: readonly (readonly Spotlight[])[];
  readonly summaries: readonly SectionSummary[];
  readonly glossary: readonly GlossaryTerm[];
}

type Translations = Readonly<Record<string, Partial<Record<string, string>>>> | undefined;

/** Translations with the glossary markup removed from every text. */
function plainTranslations(translations: Translations): Record<string, NoteTranslation> | undefined {
  if (!translations) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const [lang, texts] of Object.entries(translations)) {
    out[lang] = {};
    for (const [k, v] of Object.entries(texts)) if (v !== undefined) out[lang][k] = parseMarkup(v).plain;
  }
  return out;
}

function termsOf(...texts: (string | undefined)[]): string[] {
  const terms: string[] = [];
  for (const t of texts) for (const k of t ? parseMarkup(t).terms : []) if (!terms.includes(k)) terms.push(k);
  return terms;
}

function sectionNote(s: ResolvedSection, index: number): SectionNote {
  const translations = plainTranslations(s.translations);
  return {
    index,
    name: s.name,
    from: s.from,
    to: s.to,
    rehearsal: s.rehearsal ?? null,
    short: parseMarkup(s.short).plain,
    long: parseMarkup(s.long).plain,
    terms: termsOf(s.short, s.long, ...Object.values(s.translations ?? {}).flatMap((t) => [t.short, t.long])),
    ...(translations ? { translations } : {}),
  };
}

/** The bar's note: its passage's when the section is divided, otherwise the section's own. */
function passageNote(p: ResolvedPassage | ResolvedSection, title: string | null): PassageNote {
  const long = parseMarkup(p.long).plain;
  const translations = plainTranslations(p.translations);
  return {
    from: p.from,
    to: p.to,
    text: long,
    title,
    short: parseMarkup(p.short).plain,
    long,
    terms: termsOf(p.short, p.long, ...Object.values(p.translations ?? {}).flatMap((t) => [t.short, t.long])),
    ...(translations ? { translations } : {}),
  };
}

function spotlight(s: SpotlightData): Spotlight {
  const translations = s.translations ? (plainTranslations(s.translations) as Spotlight['translations']) : undefined;
  return { from: s.from, to: s.to ?? s.from, instrument: s.instrument, parts: s.parts ?? [], text: parseMarkup(s.text).plain, ...(translations ? { translations } : {}) };
}

export function layOutCueSheet(score: Score, sheet: ResolvedCueSheet, printedIndexOf: (bar: string) => number): CueLayout {
  const sectionNotes = sheet.sections.map(sectionNote);
  const notesOf = sheet.sections.map((s) => (s.passages ?? []).map((p) => passageNote(p, p.title ?? null)));
  const ownNotes = sheet.sections.map((s) => passageNote(s, s.name));
  const lights = sheet.sections.map((s) => [
    ...(s.spotlights ?? []).map((x) => ({ data: x, from: printedIndexOf(x.from), to: printedIndexOf(x.to ?? x.from) })),
    ...(s.passages ?? []).flatMap((p) => (p.spotlights ?? []).map((x) => ({ data: x, from: printedIndexOf(x.from), to: printedIndexOf(x.to ?? x.from) }))),
  ]);
  const sections: (SectionNote | null)[] = [];
  const notes: (PassageNote | null)[] = [];
  const spotlights: Spotlight[][] = [];
  const firstPasses = sheet.sections.map(() => [] as number[]);
  score.measures.forEach((m, k) => {
    const p = m.printedIndex ?? m.index;
    const si = sheet.sections.findIndex((s) => s.fromIndex <= p && p <= s.toIndex);
    if (si < 0) {
      sections.push(null);
      notes.push(null);
      spotlights.push([]);
      return;
    }
    const section = sheet.sections[si];
    // A pass through the section starts at its first bar (or wherever the performance enters it).
    const prev = k > 0 ? score.measures[k - 1] : undefined;
    const prevP = prev ? (prev.printedIndex ?? prev.index) : -1;
    if (!prev || prevP < section.fromIndex || prevP > section.toIndex || prevP >= p) firstPasses[si].push(k);
    sections.push(sectionNotes[si]);
    const pi = (section.passages ?? []).findIndex((x) => x.fromIndex <= p && p <= x.toIndex);
    notes.push(pi >= 0 ? notesOf[si][pi] : ownNotes[si]);
    spotlights.push(lights[si].filter((l) => l.from <= p && p <= l.to).map((l) => spotlight(l.data)));
  });
  const summaries = sheet.sections.map((s, i): SectionSummary => ({ index: i, name: s.name, from: s.from, to: s.to, measureIndices: firstPasses[i], rehearsal: s.rehearsal ?? null }));
  const glossary = Object.entries(sheet.glossary).map(([key, g]): GlossaryTerm => ({ key, term: g.term, definition: parseMarkup(g.definition).plain, ...(g.translations ? { translations: g.translations } : {}) }));
  return { sections, notes, spotlights, summaries, glossary };
}

/** Who has the tune in each bar, in the payload's form; the cue sheet's theme named by label where it has one. */
export function mainTunePerMeasure(score: Score, tunes: MainTunes, sheet: ResolvedCueSheet | undefined): (MainTune | null)[] {
  const themeOf = new Map((sheet?.themes ?? []).filter((t) => t.hauptstimme !== undefined).map((t) => [t.hauptstimme!, t.name]));
  return tunePerMeasure(score, tunes).map((e) =>
    e ? { partId: e.partId, part: e.partName, label: e.label, theme: themeOf.get(e.label) ?? null, since: { measure: e.measure, beat: e.beat } } : null,
  );
}
