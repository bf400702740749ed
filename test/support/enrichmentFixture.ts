/**
 * A real enrichment table for integration and browser tests: a Bach10 chorale (MIDI from ../shared),
 * its real harmony analysis, and program notes written here; plus a PositionSource the test drives by hand.
 */
import { analyzeHarmony } from '../../server/harmony/analyze.js';
import { parseProgramNotes } from '../../server/enrichment/programNotes.js';
import { buildEnrichmentTable, type EnrichmentTable } from '../../server/enrichment/table.js';
import type { Position } from '../../server/pipeline.js';
import { loadScore } from '../../server/score/load.js';
import { sharedPath } from '../../server/score/testPaths.js';
import type { Score } from '../../server/score/types.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';

export const CHORALE_NOTES = {
  title: 'Ach Gott und Herr, in four voices',
  notes: [
    { from: '1', to: '3', text: 'The first line of the hymn: four voices move together, chord by chord.' },
    { from: '4', to: '6', text: 'The second line answers the first and comes to rest on a pause.' },
  ],
};

export interface ChoraleEnrichment {
  readonly score: Score;
  readonly table: EnrichmentTable;
}

export async function choraleEnrichment(): Promise<ChoraleEnrichment> {
  const score = await loadScore(sharedPath('eval', 'bach10', '01-AchGottundHerr', '01-AchGottundHerr.mid'));
  const programNotes = parseProgramNotes(JSON.stringify(CHORALE_NOTES), 'test/support/enrichmentFixture.ts');
  return { score, table: buildEnrichmentTable(score, { analysis: analyzeHarmony(score), programNotes }) };
}

/** A follower position half a beat into bar `index` (performance order). */
export function positionInMeasure(score: Score, index: number, state: Position['state'] = 'following'): Position {
  const m = score.measures[index];
  return { reportSec: m.startSec + 0.25, scoreSec: m.startSec + 0.25, scoreBeat: m.startBeat + 0.5, measure: m.number, beatInMeasure: 1.5, tempoBpm: 120, confidence: 0.9, state };
}

/** The session's hook, driven by the test: what a follower would push, pushed by hand. */
export class ManualPositionSource implements PositionSource {
  private sink: PositionSink | undefined;
  start(sink: PositionSink): void {
    this.sink = sink;
  }
  stop(): void {
    this.sink = undefined;
  }
  push(position: Position): void {
    if (!this.sink) throw new Error('ManualPositionSource: no live session to push into');
    this.sink.position(position);
  }
}

/**
 * A follower reports many times a second and ticks are volatile (a dropped one is replaced by the next):
 * this reports a copy of the same position every 80 ms until stopped, as a follower holding still would.
 */
export function keepReporting(source: ManualPositionSource, position: Position): { stop(): void } {
  source.push(position);
  const timer = setInterval(() => {
    try {
      source.push({ ...position });
    } catch {
      clearInterval(timer); // the session ended (or the test failed and tore it down)
    }
  }, 80);
  return { stop: () => clearInterval(timer) };
}
