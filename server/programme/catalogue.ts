/**
 * The MeasureCatalogue of a loaded score (server/session/measures.ts): labels in performance order, a label's
 * nearest pass, cue positions at bar starts, and named sections (from the piece's cue sheet or program notes).
 */
import type { SectionInfo } from '../protocol/index.js';
import { tempoAtBeat } from '../score/timemap.js';
import type { Score } from '../score/types.js';
import type { MeasureCatalogue } from '../session/measures.js';

/** A named passage by printed bar labels (inclusive). */
export interface SectionSpec {
  readonly title: string;
  readonly from: string;
  readonly to: string;
}

export function scoreCatalogue(score: Score, sections: readonly SectionSpec[] = []): MeasureCatalogue {
  const measures = score.measures;
  const byLabel = new Map<string, number[]>();
  measures.forEach((m, i) => {
    const list = byLabel.get(m.number);
    if (list) list.push(i);
    else byLabel.set(m.number, [i]);
  });
  // Sections resolved to performance ranges: each pass of a repeated passage gets its own range.
  const ranges = resolveSections(sections, byLabel, measures.length);
  const sectionIndexOf = (index: number) => ranges.findIndex((r) => index >= r.start && index <= r.end);

  const find = (label: string, nearIndex = 0): number => {
    const passes = byLabel.get(label.trim());
    if (!passes) return -1;
    return passes.reduce((best, i) => (Math.abs(i - nearIndex) < Math.abs(best - nearIndex) ? i : best));
  };

  return {
    count: measures.length,
    label: (index) => measures[clamp(index, measures.length)]!.number,
    find,
    indexAtScoreSec(scoreSec) {
      // Measures are sorted by startSec: the last one starting at or before the time.
      let lo = 0;
      let hi = measures.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (measures[mid]!.startSec <= scoreSec + 1e-9) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
    positionAt(index, reportSec, tempoBpm) {
      const m = measures[clamp(index, measures.length)]!;
      return {
        reportSec,
        scoreSec: m.startSec,
        scoreBeat: m.startBeat,
        measure: m.number,
        beatInMeasure: 1,
        tempoBpm: tempoBpm ?? tempoAtBeat(score, m.startBeat),
        confidence: 1,
        state: 'following',
      };
    },
    sectionOf(index) {
      const r = ranges[sectionIndexOf(index)];
      return r ? r.info : null;
    },
    sectionStep(index, by) {
      if (ranges.length === 0) return clamp(index, measures.length);
      let at = sectionIndexOf(index);
      if (at < 0) {
        // Between named sections: "next" is the first one after, "previous" the last one before.
        at = by > 0 ? ranges.findIndex((r) => r.start > index) - 1 : ranges.findIndex((r) => r.start > index);
        if (at === -2) at = ranges.length - 1;
      }
      return ranges[Math.min(Math.max(at + by, 0), ranges.length - 1)]!.start;
    },
  };
}

interface Range {
  readonly start: number;
  readonly end: number;
  readonly info: SectionInfo;
}

function resolveSections(
  sections: readonly SectionSpec[],
  byLabel: ReadonlyMap<string, number[]>,
  count: number,
): Range[] {
  const ranges: Range[] = [];
  for (const s of sections) {
    const starts = byLabel.get(s.from) ?? [];
    const ends = byLabel.get(s.to) ?? [];
    if (starts.length === 0 || ends.length === 0) continue;
    // Pair each pass of the first bar with the next pass of the last bar.
    for (const start of starts) {
      const end = ends.find((e) => e >= start);
      if (end !== undefined) ranges.push({ start, end, info: { title: s.title, from: s.from, to: s.to } });
    }
  }
  return ranges.filter((r) => r.start < count).sort((a, b) => a.start - b.start);
}

function clamp(index: number, count: number): number {
  return Math.min(Math.max(Math.trunc(index), 0), count - 1);
}
