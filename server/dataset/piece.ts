/**
 * One piece of the orchestral set, in Bach10's layout: <dir>/<id>/<id>.wav (the "recording"),
 * <id>.mid (the score excerpt at its notated tempo) and <id>.txt (note-level ground truth).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Score } from '../score/types.js';
import { PPQ, pickExcerpt, type Excerpt } from './excerpt.js';
import { formatGroundTruth, type GroundTruthRow } from './groundTruth.js';
import { midiBytes, parseMidi, performanceMidi, scoreMidi } from './midi.js';
import { addHallNoise, normalizePeak, rms } from './noise.js';
import { groundTruthSec, performExcerpt, type Hold, type Performance } from './performance.js';
import { applyHall, renderMidi, SAMPLE_RATE, type HallOptions } from './render.js';
import type { Rng } from './rng.js';
import { wavBytes16 } from './wav.js';

export interface PieceSpec {
  readonly id: string;
  readonly fromStart: boolean;
  readonly seconds: number;
  readonly soundfont: string;
}

/** What was made, for SOURCE.md and the command's output. */
export interface PieceReport {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly firstMeasure: string;
  readonly lastMeasure: string;
  /** Printed bars in playing order (shows a repeat taken inside the excerpt). */
  readonly span: string;
  readonly fromStart: boolean;
  readonly parts: number;
  readonly notes: number;
  readonly audioSec: number;
  readonly leadInSec: number;
  readonly scoreSec: number;
  readonly tempoFactor: number;
  readonly holds: readonly Hold[];
  readonly ritardandi: number;
  readonly snrDb: number;
  readonly coughs: number;
  readonly reverberance: number;
  /** Detune of the whole orchestra against A = 440 Hz. */
  readonly tuningCents: number;
}

/** Generates one piece from a loaded score into `<outDir>/<spec.id>/`. */
export async function generatePiece(score: Score, fermataBeats: readonly number[], spec: PieceSpec, outDir: string, rng: Rng): Promise<PieceReport> {
  const excerpt = pickExcerpt(score, { seconds: spec.seconds, fromStart: spec.fromStart, fermataBeats }, rng.fork('excerpt'));
  const timing = rng.fork('timing');
  const performance = performExcerpt(excerpt, rng.fork('performance'), {
    // A concert recording starts before the first note; a cut from the middle starts closer to it.
    leadInSec: spec.fromStart ? timing.uniform(1, 2.5) : timing.uniform(0.3, 1.5),
    insertedHolds: spec.seconds >= 20 ? timing.int(1, 2) : 1,
  });

  const dir = join(outDir, spec.id);
  await mkdir(dir, { recursive: true });
  const midiPath = join(dir, `${spec.id}.mid`);
  await writeFile(midiPath, midiBytes(scoreMidi(excerpt)));
  // Ground truth from the file as written (ticks and tempo map as a reader will see them).
  const rows = groundTruthRows(await readFile(midiPath), performance);
  await writeFile(join(dir, `${spec.id}.txt`), formatGroundTruth(rows));

  // Orchestras tune to A = 437-445 Hz (-10 to +20 cents); a follower must not care.
  const tuningCents = rng.fork('tuning').uniform(-10, 20);
  const hall: HallOptions = { reverberance: timing.uniform(45, 75), preDelayMs: timing.uniform(10, 30), wetGainDb: timing.uniform(-3, 0) };
  const noiseRng = rng.fork('noise');
  const { audio, snrDb, coughs } = await renderAudio(excerpt, performance, tuningCents, spec.soundfont, hall, noiseRng);
  await writeFile(join(dir, `${spec.id}.wav`), wavBytes16(audio, SAMPLE_RATE));

  return {
    id: spec.id,
    source: score.source,
    title: score.title,
    firstMeasure: excerpt.firstMeasure,
    lastMeasure: excerpt.lastMeasure,
    span: excerpt.span,
    fromStart: spec.fromStart,
    parts: excerpt.parts.length,
    notes: rows.length,
    audioSec: audio.length / SAMPLE_RATE,
    leadInSec: performance.leadInSec,
    scoreSec: excerpt.tempoMap.length > 0 ? scoreSeconds(excerpt) : 0,
    tempoFactor: performance.curve.globalFactor,
    holds: performance.curve.holds,
    ritardandi: performance.curve.ritardandi.length,
    snrDb,
    coughs,
    reverberance: hall.reverberance,
    tuningCents,
  };
}

function scoreSeconds(excerpt: Excerpt): number {
  const last = excerpt.tempoMap[excerpt.tempoMap.length - 1];
  return last.sec + ((excerpt.lengthBeat - last.beat) * 60) / last.bpm;
}

/** One row per note of the score MIDI: track k (1-based, after the tempo track) is part k. */
export function groundTruthRows(midiFile: Uint8Array, performance: Performance): GroundTruthRow[] {
  const midi = parseMidi(midiFile);
  const rows: GroundTruthRow[] = [];
  // Reading a format-1 file, @tonejs/midi drops the note-less tempo track 0, so tracks[i] is file track i + 1.
  midi.tracks.forEach((track, i) => {
    for (const note of track.notes) {
      rows.push({
        audioMs: groundTruthSec(performance, note.ticks / PPQ) * 1000,
        scoreMs: note.time * 1000,
        pitch: note.midi,
        part: i + 1,
      });
    }
  });
  return rows;
}

/** Renders, adds the hall, then (`beforeNoise`, e.g. a lead-in) and audience noise; peak −1 dBFS. */
export async function renderAudio(
  excerpt: Excerpt,
  performance: Performance,
  tuningCents: number,
  soundfont: string,
  hall: HallOptions,
  rng: Rng,
  beforeNoise?: (audio: Float32Array, musicRms: number) => void,
): Promise<{ audio: Float32Array; snrDb: number; coughs: number }> {
  const work = await mkdtemp(join(tmpdir(), 'tutti-orchestral-'));
  try {
    const perfPath = join(work, 'performance.mid');
    await writeFile(perfPath, midiBytes(performanceMidi(excerpt, performance, tuningCents)));
    const dryPath = join(work, 'dry.wav');
    await renderMidi(perfPath, dryPath, soundfont);
    const lastRelease = Math.max(performance.endSec, ...performance.notes.map((n) => n.offsetSec));
    const tailSec = rng.uniform(1.5, 2.5);
    const wet = await applyHall(dryPath, work, hall, tailSec + 1);
    const length = Math.round((lastRelease + tailSec) * SAMPLE_RATE);
    const audio = new Float32Array(length);
    audio.set(wet.subarray(0, Math.min(length, wet.length)));
    const musicRms = rms(audio, Math.round(performance.leadInSec * SAMPLE_RATE), Math.round(performance.endSec * SAMPLE_RATE));
    if (!(musicRms > 0)) throw new Error(`fluidsynth rendered silence for ${excerpt.source} (m${excerpt.firstMeasure}-${excerpt.lastMeasure})`);
    beforeNoise?.(audio, musicRms);
    const snrDb = rng.uniform(20, 30);
    const coughCount = rng.int(1, 2);
    const totalSec = length / SAMPLE_RATE;
    const coughSecs = Array.from({ length: coughCount }, () => rng.uniform(0.1, Math.max(0.2, totalSec - 1)));
    addHallNoise(audio, SAMPLE_RATE, musicRms, { snrDb, coughSecs, coughDb: rng.uniform(-8, -2) }, rng.fork('hall-noise'));
    normalizePeak(audio, 0.89);
    return { audio, snrDb, coughs: coughCount };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
