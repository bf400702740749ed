/**
 * Everything a programme needs before the concert, loaded once: each piece's score (with its planned repeats), its
 * enrichment table, its bar catalogue with named sections, and its follower — listening to the concert's input, or,
 * when recordings stand in for the orchestra (the demo), to the item's own recording played as live.
 */
import type { EnrichmentTable } from '../enrichment/table.js';
import type { AudioInput } from '../live/audioInput.js';
import { fileAsLiveInput } from '../live/fileAsLiveInput.js';
import { LiveFollowerSource } from '../live/liveFollowerSource.js';
import { loadPitchModel, type PitchModel } from '../pitch/model.js';
import { RepertoireError } from '../repertoire/errors.js';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { scoreCatalogue, type SectionSpec } from './catalogue.js';
import type { PieceEntry, ProgrammeFile } from './programmeFile.js';
import type { RunnerItem } from './runner.js';

/** What each item's follower listens to. */
export type ProgrammeInput =
  /** Each item's recording (its piece.yaml `recording`), played as live: the demo. */
  | { readonly kind: 'recordings'; readonly speed?: number }
  /** One live input for the whole concert (stdin, the operator's microphone): every item's follower listens to it in turn. */
  | { readonly kind: 'live'; readonly input: AudioInput };

export interface PrepareOptions {
  readonly input: ProgrammeInput;
  /** A loaded pitch model shared by every item's follower (otherwise one is loaded and owned by the result). */
  readonly model?: PitchModel;
  /** Builds an item's enrichment table (harmony, instruments, notes); without it phones get bars only. */
  readonly enrichment?: (score: Score) => Promise<EnrichmentTable>;
  readonly log?: (line: string) => void;
}

export interface PreparedProgramme {
  readonly title: string;
  readonly items: readonly RunnerItem[];
  readonly loop: boolean;
  /** The pause between items' recordings (0 with a live input: the follower listens through the applause). */
  readonly gapMs: number;
  /** Stops every follower and releases the pitch model if it was loaded here. */
  close(): Promise<void>;
}

export async function prepareProgramme(programme: ProgrammeFile, options: PrepareOptions): Promise<PreparedProgramme> {
  const ownModel = options.model === undefined;
  const model = options.model ?? (await loadPitchModel());
  const sources: LiveFollowerSource[] = [];
  const items: RunnerItem[] = [];
  try {
    for (const entry of programme.items) {
      if (entry.kind === 'interval') {
        items.push({ kind: 'interval', info: { id: entry.id, kind: 'interval', title: entry.title, composer: '', movement: null }, durationMs: entry.minutes * 60_000 });
        continue;
      }
      const t0 = performance.now();
      const score = await loadScore(entry.manifest.paths.score, { repeats: entry.repeats === 'as-written' });
      checkFrom(programme.file, entry, score);
      const table = options.enrichment ? await options.enrichment(score) : undefined;
      const catalogue = scoreCatalogue(score, table ? sectionsOf(table) : []);
      const input: AudioInput =
        options.input.kind === 'live' ? options.input.input : fileAsLiveInput(entry.manifest.paths.recording, { speed: options.input.speed });
      const source = new LiveFollowerSource({ score, input, model, log: (line) => options.log?.(`live (${entry.id}): ${line}`) });
      sources.push(source);
      items.push({
        kind: 'piece',
        info: { id: entry.id, kind: 'piece', title: entry.title, composer: entry.composer, movement: entry.movement },
        catalogue,
        source,
        score,
        ...(table ? { enrichment: table } : {}),
        ...(entry.from !== undefined ? { from: entry.from } : {}),
      });
      options.log?.(`programme: "${entry.title}" ready: ${score.measures.length} bars (${(performance.now() - t0).toFixed(0)} ms)`);
    }
  } catch (err) {
    for (const s of sources) await s.stop();
    if (ownModel) await model.release();
    throw err;
  }
  return {
    title: programme.title,
    items,
    loop: programme.loop,
    gapMs: options.input.kind === 'recordings' ? programme.pauseBetweenSec * 1000 : 0,
    close: async () => {
      for (const s of sources) await s.stop();
      if (ownModel) await model.release();
    },
  };
}

/** A `from` bar the score does not have is a mistake in the programme: say where. */
function checkFrom(file: string, entry: PieceEntry, score: Score): void {
  if (entry.from === undefined || score.measures.some((m) => m.number === entry.from)) return;
  throw new RepertoireError(file, [{ line: entry.line, field: 'from', message: `from: "${entry.title}" (${score.source}) has no bar "${entry.from}"` }]);
}

/**
 * The named passages of a piece, as the enrichment knows them: the cue sheet's sections (Exposition, Development…);
 * without a cue sheet, each program note's bar range, consecutive bars with the same note making one section.
 */
export function sectionsOf(table: EnrichmentTable): SectionSpec[] {
  const named = table.piece.sections;
  if (named && named.length > 0) return named.map((s) => ({ title: s.name, from: s.from, to: s.to }));
  const sections: SectionSpec[] = [];
  for (const m of table.measures) {
    const note = m.note;
    if (!note) continue;
    const last = sections.at(-1);
    if (last && last.from === note.from && last.to === note.to) continue;
    sections.push({ title: `Bars ${note.from}–${note.to}`, from: note.from, to: note.to });
  }
  // Repeated passages come round again in performance order: one spec per distinct range is enough.
  return sections.filter((s, i) => sections.findIndex((o) => o.from === s.from && o.to === s.to) === i);
}
