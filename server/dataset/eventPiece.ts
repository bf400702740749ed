/**
 * One piece of the event set: a performance that leaves the page (see program.ts) with a lead-in
 * (leadIn.ts), followed in the WHOLE movement as in a hall. Layout: <dir>/<id>/<id>.wav, <id>.mxl (the
 * movement's score, copied), <id>.txt (ground truth: audio ms, score ms in the whole movement as the score
 * loader unfolds it, MIDI pitch, part) and <id>.events.json (what happened when: eventsFile.ts).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Score } from '../score/types.js';
import { formatEvents, type EventsFile, type Split } from './eventsFile.js';
import { formatGroundTruth, type GroundTruthRow } from './groundTruth.js';
import { addLeadIn, leadInSeconds, type LeadInKind } from './leadIn.js';
import { groundTruthSec, perfSecAt, performExcerpt } from './performance.js';
import type { PieceReport } from './piece.js';
import { renderAudio } from './piece.js';
import { cutProgram, planProgram, type EventKind } from './program.js';
import type { HallOptions } from './render.js';
import { SAMPLE_RATE } from './render.js';
import type { Rng } from './rng.js';
import { wavBytes16 } from './wav.js';

export interface EventPieceSpec {
  readonly id: string;
  readonly kind: EventKind;
  readonly leadIn: LeadInKind;
  readonly split: Split;
  readonly seconds: number;
  readonly soundfont: string;
  /** The score file the piece is cut from (copied next to the audio). */
  readonly scorePath: string;
}

export interface EventPieceReport extends PieceReport {
  readonly kind: EventKind;
  readonly leadIn: LeadInKind;
  readonly split: Split;
}

/** Generates one event piece; null when the score cannot have this kind of event (no repeat). */
export async function generateEventPiece(score: Score, fermataBeats: readonly number[], spec: EventPieceSpec, outDir: string, rng: Rng): Promise<EventPieceReport | null> {
  const plan = planProgram(score, spec.kind, spec.seconds, rng.fork('program'));
  if (!plan) return null;
  const excerpt = cutProgram(score, plan, fermataBeats);
  const timing = rng.fork('timing');
  const leadInSec = leadInSeconds(spec.leadIn, timing);
  const stops = excerpt.segments.filter((s) => s.restart).map((s) => ({ beat: s.startBeat, pauseSec: timing.uniform(1.5, 3.5) }));
  const performance = performExcerpt(excerpt, rng.fork('performance'), { leadInSec, insertedHolds: spec.seconds >= 20 ? timing.int(1, 2) : 1, stops });

  const dir = join(outDir, spec.id);
  await mkdir(dir, { recursive: true });
  await copyFile(spec.scorePath, join(dir, `${spec.id}${extname(spec.scorePath)}`));
  const rows: GroundTruthRow[] = excerpt.notes.map((n) => ({
    audioMs: groundTruthSec(performance, n.onsetBeat) * 1000,
    scoreMs: n.scoreOnsetSec! * 1000,
    pitch: n.pitch,
    part: n.partIndex + 1,
  }));
  await writeFile(join(dir, `${spec.id}.txt`), formatGroundTruth(rows));

  const tuningCents = rng.fork('tuning').uniform(-10, 20);
  const hall: HallOptions = { reverberance: timing.uniform(45, 75), preDelayMs: timing.uniform(10, 30), wetGainDb: timing.uniform(-3, 0) };
  let leadInDb = -Infinity;
  const leadInRng = rng.fork('lead-in');
  const { audio, snrDb, coughs } = await renderAudio(excerpt, performance, tuningCents, spec.soundfont, hall, rng.fork('noise'), (samples, musicRms) => {
    leadInDb = addLeadIn(samples, SAMPLE_RATE, spec.leadIn, leadInSec, musicRms, 440 * 2 ** (tuningCents / 1200), leadInRng).levelDb;
  });
  await writeFile(join(dir, `${spec.id}.wav`), wavBytes16(audio, SAMPLE_RATE));

  const events: EventsFile = {
    kind: spec.kind,
    split: spec.split,
    leadIn: { kind: spec.leadIn, sec: leadInSec, levelDb: Number.isFinite(leadInDb) ? leadInDb : null },
    segments: excerpt.segments.map((s) => ({
      audioStartMs: perfSecAt(performance, s.startBeat) * 1000,
      audioEndMs: perfSecAt(performance, s.endBeat, true) * 1000,
      scoreStartMs: s.scoreStartSec * 1000,
      scoreEndMs: s.scoreEndSec * 1000,
      restart: s.restart,
      bars: s.firstMeasure === s.lastMeasure ? `m${s.firstMeasure}` : `m${s.firstMeasure}-${s.lastMeasure}`,
    })),
  };
  await writeFile(join(dir, `${spec.id}.events.json`), formatEvents(events));

  return {
    id: spec.id,
    source: score.source,
    title: score.title,
    firstMeasure: excerpt.firstMeasure,
    lastMeasure: excerpt.lastMeasure,
    span: excerpt.span,
    fromStart: spec.kind === 'from-start',
    parts: excerpt.parts.length,
    notes: rows.length,
    audioSec: audio.length / SAMPLE_RATE,
    leadInSec,
    scoreSec: excerpt.segments.reduce((a, s) => a + s.scoreEndSec - s.scoreStartSec, 0),
    tempoFactor: performance.curve.globalFactor,
    holds: performance.curve.holds,
    ritardandi: performance.curve.ritardandi.length,
    snrDb,
    coughs,
    reverberance: hall.reverberance,
    tuningCents,
    kind: spec.kind,
    leadIn: spec.leadIn,
    split: spec.split,
  };
}
