/**
 * A cue sheet against its score: every bar it names exists (printed bar numbers, as the dramaturg reads
 * them off the page), sections cover the movement without gaps or overlaps, passages cover their section,
 * spotlights and theme returns sit where the score has bars and parts, and every `[[term]]` is in the
 * glossary. All problems are collected, each at its line, and the result is the sheet resolved to printed
 * bar indices for the enrichment table.
 */
import type { Score } from '../score/types.js';
import { fieldPath, type Problem } from './errors.js';
import { parseMarkup, strayBrackets } from './markup.js';
import type { CueSheetData, GlossaryEntryData, PassageData, SectionData, SpotlightData, ThemeData } from './cueSchema.js';
import type { YamlSource } from './yamlFile.js';

/** A bar range resolved to printed (file-order) bar indices, inclusive. */
export interface BarRange {
  readonly from: string;
  readonly to: string;
  readonly fromIndex: number;
  readonly toIndex: number;
}

export interface ResolvedPassage extends Omit<PassageData, 'from' | 'to'>, BarRange {}
export interface ResolvedSection extends Omit<SectionData, 'from' | 'to' | 'passages'>, BarRange {
  readonly passages?: readonly ResolvedPassage[];
}

export interface ResolvedCueSheet {
  readonly source: string;
  readonly title: string;
  readonly language: string;
  readonly sections: readonly ResolvedSection[];
  readonly themes: readonly ThemeData[];
  readonly glossary: Readonly<Record<string, GlossaryEntryData>>;
}

export interface CueCheckOptions {
  /** Theme labels the main-tune annotations use; a theme naming another label is reported. */
  readonly hauptstimmeLabels?: ReadonlySet<string>;
}

/** Printed bars in file order: label → index (first occurrence) and the labels themselves. */
export function printedBars(score: Score): { readonly labels: readonly string[]; readonly index: ReadonlyMap<string, number> } {
  const labels: string[] = [];
  for (const m of score.measures) {
    const p = m.printedIndex ?? m.index;
    if (labels[p] === undefined) labels[p] = m.number;
  }
  const index = new Map<string, number>();
  labels.forEach((label, i) => {
    if (!index.has(label)) index.set(label, i);
  });
  return { labels, index };
}

type Path = readonly PropertyKey[];

export function checkCueSheet(data: CueSheetData, source: YamlSource, score: Score, options: CueCheckOptions = {}): { sheet: ResolvedCueSheet; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (path: Path, message: string): void => {
    const field = fieldPath(path);
    problems.push({ line: source.lineOf(path), field, message: `${field}: ${message}` });
  };
  const { labels, index } = printedBars(score);
  const count = labels.length;
  const first = labels[0] ?? '1';
  const last = labels[count - 1] ?? '1';

  /** Resolves one bar label; `what` words the message: "section 'Development' ends". */
  const bar = (label: string, path: Path, what: string): number | undefined => {
    const i = index.get(label);
    if (i !== undefined) return i;
    const n = Number(label);
    if (Number.isInteger(n) && n > Number(last)) at(path, `${what} at bar ${label} but the score has ${count} bars`);
    else at(path, `${what} at bar "${label}", which the score does not have (its bars are ${first}–${last})`);
    return undefined;
  };
  const range = (from: string, to: string, path: Path, what: string): BarRange | undefined => {
    const fromIndex = bar(from, [...path, 'from'], `${what} starts`);
    const toIndex = bar(to, [...path, 'to'], `${what} ends`);
    if (fromIndex === undefined || toIndex === undefined) return undefined;
    if (toIndex < fromIndex) {
      at([...path, 'to'], `${what} ends at bar ${to}, before it starts (bar ${from})`);
      return undefined;
    }
    return { from, to, fromIndex, toIndex };
  };
  const bars = (r: BarRange): string => (r.from === r.to ? `bar ${r.from}` : `bars ${r.from}–${r.to}`);
  const span = (a: number, b: number): string => (a === b ? `bar ${labels[a]} is` : `bars ${labels[a]}–${labels[b]} are`);

  /** Consecutive ranges must tile [lo, hi]: gaps and overlaps reported at the later range's start. */
  const tile = (items: readonly { range: BarRange | undefined; name: string; path: Path }[], lo: number, hi: number, kind: string, within: string, owner?: BarRange): void => {
    let prev: { range: BarRange; name: string; path: Path } | undefined;
    let covered = lo - 1;
    for (const item of items) {
      const r = item.range;
      if (!r) return; // a bad bar already reported; tiling would only repeat it
      if (owner && (r.fromIndex < lo || r.toIndex > hi)) {
        at([...item.path, r.fromIndex < lo ? 'from' : 'to'], `${item.name} (${bars(r)}) lies outside${within.replace(/^ of/, '')} (${bars(owner)})`);
        return;
      }
      if (r.fromIndex > covered + 1) {
        const where = prev ? `between ${prev.name} and ${item.name}` : `before ${item.name}`;
        at([...item.path, 'from'], `${span(covered + 1, r.fromIndex - 1)} in no ${kind}${within} (${where})`);
      } else if (prev && r.fromIndex <= covered) {
        at([...item.path, 'from'], `${item.name} (${bars(r)}) overlaps ${prev.name} (${bars(prev.range)})`);
      }
      covered = Math.max(covered, r.toIndex);
      prev = { range: r, name: item.name, path: item.path };
    }
    if (prev && covered < hi) at([...prev.path, 'to'], `${span(covered + 1, hi)} in no ${kind}${within} (after ${prev.name})`);
  };

  const partNames = new Set(score.parts.map((p) => p.name));
  const checkParts = (parts: readonly string[] | undefined, path: Path): void => {
    parts?.forEach((name, i) => {
      if (!partNames.has(name)) at([...path, 'parts', i], `part "${name}" is not in the score (its parts: ${[...partNames].join(', ')})`);
    });
  };
  const checkSpotlights = (spotlights: readonly SpotlightData[] | undefined, within: BarRange | undefined, path: Path, owner: string): void => {
    spotlights?.forEach((s, i) => {
      const p = [...path, 'spotlights', i];
      const what = `spotlight on ${s.instrument}`;
      let r: BarRange | undefined;
      if (s.to !== undefined) r = range(s.from, s.to, p, what);
      else {
        // A one-bar spotlight: its bar is checked once.
        const i = bar(s.from, [...p, 'from'], `${what} starts`);
        r = i === undefined ? undefined : { from: s.from, to: s.from, fromIndex: i, toIndex: i };
      }
      if (r && within && (r.fromIndex < within.fromIndex || r.toIndex > within.toIndex)) {
        at([...p, 'from'], `spotlight on ${s.instrument} (${bars(r)}) lies outside ${owner} (${bars(within)})`);
      }
      checkParts(s.parts, p);
    });
  };

  const sections: ResolvedSection[] = [];
  const sectionItems = data.sections.map((s: SectionData, i) => {
    const path = ['sections', i];
    const name = `section '${s.name}'`;
    const r = range(s.from, s.to, path, name);
    let passages: ResolvedPassage[] | undefined;
    if (s.passages) {
      const items = s.passages.map((p: PassageData, j) => {
        const pp = [...path, 'passages', j];
        const pname = p.title ? `passage '${p.title}'` : `passage ${j + 1}`;
        const pr = range(p.from, p.to, pp, pname);
        checkSpotlights(p.spotlights, pr, pp, pname);
        return { range: pr, name: pname, path: pp, data: p };
      });
      if (r) tile(items, r.fromIndex, r.toIndex, 'passage', ` of ${name}`, r);
      passages = items.flatMap((it) => (it.range ? [{ ...it.data, ...it.range }] : []));
    }
    checkSpotlights(s.spotlights, r, path, name);
    const { passages: _written, ...rest } = s;
    if (r) sections.push({ ...rest, ...r, ...(passages ? { passages } : {}) });
    return { range: r, name, path };
  });
  tile(sectionItems, 0, count - 1, 'section', '');

  const themes = data.themes ?? [];
  const ids = new Set<string>();
  themes.forEach((t: ThemeData, i) => {
    const path = ['themes', i];
    if (ids.has(t.id)) at([...path, 'id'], `theme id "${t.id}" is used twice`);
    ids.add(t.id);
    if (t.hauptstimme !== undefined && options.hauptstimmeLabels && !options.hauptstimmeLabels.has(t.hauptstimme)) {
      at([...path, 'hauptstimme'], `the main-tune annotations have no theme "${t.hauptstimme}" (they use ${[...options.hauptstimmeLabels].sort().join(', ')})`);
    }
    t.appearances.forEach((a, j) => {
      const ap = [...path, 'appearances', j];
      bar(a.bar, [...ap, 'bar'], `theme '${t.name}' returns`);
      checkParts(a.parts, ap);
    });
  });

  const glossary = data.glossary ?? {};
  checkTerms(data, glossary, at);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { sheet: { source: source.file, title: data.title, language: data.language, sections, themes, glossary }, problems };
}

/** Every text field, translations included, may refer to glossary terms; each must exist. */
function checkTerms(data: CueSheetData, glossary: Readonly<Record<string, GlossaryEntryData>>, at: (path: Path, message: string) => void): void {
  const visit = (value: unknown, path: PropertyKey[]): void => {
    if (typeof value === 'string') {
      if (strayBrackets(value)) at(path, 'has "[[" or "]]" that does not form a glossary reference [[term]] or [[shown text|key]]');
      for (const term of parseMarkup(value).terms) {
        if (!(term in glossary)) at(path, `glossary term "${term}" is not in the glossary`);
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(data, []);
}
