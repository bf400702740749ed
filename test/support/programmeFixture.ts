/**
 * A two-item programme over real scores (two Bach10 chorales from ../shared, with their bar catalogues), each
 * item's follower replaced by a ScriptedSource the test drives — what the follower "hears" is whatever the test
 * pushes. The programme runner, session, sockets and recording are the real ones.
 */
import { scoreCatalogue } from '../../server/programme/catalogue.js';
import type { RunnerItem } from '../../server/programme/runner.js';
import type { Position } from '../../server/pipeline.js';
import { loadScore } from '../../server/score/load.js';
import { sharedPath } from '../../server/score/testPaths.js';
import type { Score } from '../../server/score/types.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';

/** The hook a follower implements, driven by hand; it records what the session and programme ask of it. */
export class ScriptedSource implements PositionSource {
  sink: PositionSink | undefined;
  readonly calls: string[] = [];
  start(sink: PositionSink): void {
    this.sink = sink;
    this.calls.push('start');
  }
  stop(): void {
    if (this.sink) this.calls.push('stop');
    this.sink = undefined;
  }
  jumpTo(measure: string): void {
    this.calls.push(`jump ${measure}`);
  }
  get live(): boolean {
    return this.sink !== undefined;
  }
  push(position: Position): void {
    this.sink?.position(position);
  }
  level(rmsDb: number): void {
    this.sink?.level(rmsDb, rmsDb + 6);
  }
  end(): void {
    this.sink?.ended?.();
  }
}

export interface TwoChorales {
  readonly scores: readonly [Score, Score];
  readonly sources: readonly [ScriptedSource, ScriptedSource];
  readonly items: readonly RunnerItem[];
}

/** Sections by bar range, so "next section" has somewhere to go. */
const SECTIONS = [
  { title: 'First line', from: '1', to: '3' },
  { title: 'Second line', from: '4', to: '6' },
  { title: 'The rest', from: '7', to: '9' },
];

export async function twoChorales(): Promise<TwoChorales> {
  const scores = [
    await loadScore(sharedPath('eval', 'bach10', '01-AchGottundHerr', '01-AchGottundHerr.mid')),
    await loadScore(sharedPath('eval', 'bach10', '02-AchLiebenChristen', '02-AchLiebenChristen.mid')),
  ] as const;
  const sources = [new ScriptedSource(), new ScriptedSource()] as const;
  const items: RunnerItem[] = scores.map((score, i) => ({
    kind: 'piece',
    info: { id: `chorale-${i + 1}`, kind: 'piece', title: `Chorale ${i + 1}`, composer: 'J. S. Bach', movement: null },
    catalogue: scoreCatalogue(score, SECTIONS),
    source: sources[i]!,
  }));
  return { scores, sources, items };
}

/** A follower position half a beat into bar `index` (performance order) of a score. */
export function at(score: Score, index: number, state: Position['state'] = 'following', confidence = 0.9): Position {
  const m = score.measures[index]!;
  return { reportSec: m.startSec + 0.25, scoreSec: m.startSec + 0.25, scoreBeat: m.startBeat + 0.5, measure: m.number, beatInMeasure: 1.5, tempoBpm: 100, confidence, state };
}
