/**
 * MIREX-style note reports from the position stream: a score note is detected by the first report
 * whose position has reached its onset; the estimated onset is what that report implies (its time,
 * minus how far past the onset it already is, at its tempo). Reports are never revised.
 */
import type { Position } from '../pipeline.js';
import { tempoAtBeat } from '../score/timemap.js';
import type { Score } from '../score/types.js';

export interface NoteReport {
  /** Index into score.notes. */
  readonly noteIndex: number;
  readonly pitch: number;
  readonly scoreOnsetSec: number;
  /** NaN when never detected. */
  readonly estimatedOnsetSec: number;
  readonly detectionSec: number;
}

export interface NoteDetector {
  push(position: Position): void;
  /** One report per score note, in score order (undetected notes carry NaN times). */
  reports(): NoteReport[];
}

export function createNoteDetector(score: Pick<Score, 'notes' | 'tempoMap'>): NoteDetector {
  const order = score.notes.map((n, i) => i).sort((a, b) => score.notes[a]!.onsetSec - score.notes[b]!.onsetSec || a - b);
  const estimated = new Float64Array(score.notes.length).fill(NaN);
  const detected = new Float64Array(score.notes.length).fill(NaN);
  let next = 0;
  return {
    push(p) {
      if (p.state === 'waiting') return;
      const rate = Math.max(0.25, p.tempoBpm / tempoAtBeat(score, p.scoreBeat));
      while (next < order.length && score.notes[order[next]!]!.onsetSec <= p.scoreSec) {
        const i = order[next]!;
        detected[i] = p.reportSec;
        estimated[i] = p.reportSec - (p.scoreSec - score.notes[i]!.onsetSec) / rate;
        next++;
      }
    },
    reports() {
      return score.notes.map((n, i) => ({
        noteIndex: i,
        pitch: n.pitch,
        scoreOnsetSec: n.onsetSec,
        estimatedOnsetSec: estimated[i]!,
        detectionSec: detected[i]!,
      }));
    },
  };
}

/** notes.txt: `<estimated onset ms> <detection time ms> <score onset ms> <MIDI pitch>` per score note. */
export function formatNoteReports(reports: readonly NoteReport[]): string {
  const ms = (s: number) => (Number.isFinite(s) ? Math.round(s * 1000).toString() : '-1');
  return reports.map((r) => `${ms(r.estimatedOnsetSec)} ${ms(r.detectionSec)} ${ms(r.scoreOnsetSec)} ${r.pitch}`).join('\n') + '\n';
}
