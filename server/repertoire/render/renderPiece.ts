/**
 * Renders a bundled piece's recording from its score: the movement performed with human timing (the dataset's
 * performance model: rubato, ritardandi at phrase ends, fermatas held), played by FluidSynth with a General
 * MIDI soundfont, put in a hall (sox reverb, a murmuring audience, a cough), followed by a little applause,
 * encoded as mono Opus with ffmpeg. Everything random comes from the seed in the piece manifest and every tool
 * runs with fixed settings, so the same command remakes the same bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { cutExcerpt, type Excerpt } from '../../dataset/excerpt.js';
import { performanceMidi, midiBytes } from '../../dataset/midi.js';
import { addHallNoise, normalizePeak, rms } from '../../dataset/noise.js';
import { performExcerpt, perfSecAt, type Performance, type PerformedNote } from '../../dataset/performance.js';
import { applyHall, renderMidi, SAMPLE_RATE } from '../../dataset/render.js';
import { createRng, type Rng } from '../../dataset/rng.js';
import { fermataBeats } from '../../harmony/fermatas.js';
import { loadScore } from '../../score/load.js';
import { beatToSecWith } from '../../score/timemap.js';
import type { Score, TempoChange } from '../../score/types.js';
import { addApplause } from './applause.js';

const run = promisify(execFile);

export interface RenderSettings {
  readonly seed: number;
  /** Take the written repeats (the exposition repeat) or play straight through. */
  readonly repeats: boolean;
  /** Tempo (quarter notes per minute) from a printed bar on, replacing the file's playback tempo there. */
  readonly tempi?: readonly { readonly bar: string; readonly bpm: number }[];
}

export interface RenderRequest {
  readonly scorePath: string;
  readonly settings: RenderSettings;
  readonly outPath: string;
  readonly soundfont: string;
  /** Only these printed bars (first pass), e.g. for a quick determinism check; the whole movement otherwise. */
  readonly bars?: { readonly from: string; readonly to: string };
  /** Opus bit rate, kb/s. */
  readonly bitrateKbps?: number;
  readonly log?: (line: string) => void;
}

export interface RenderReport {
  readonly outPath: string;
  readonly audioSec: number;
  readonly musicSec: number;
  readonly bars: number;
  readonly notes: number;
  readonly holds: number;
  readonly ritardandi: number;
  readonly tempoFactor: number;
  /** Performance time (s from the start of the file) of every bar's downbeat, in playing order. */
  readonly barTimes: readonly { readonly measure: string; readonly sec: number }[];
}

const LEAD_IN_SEC = 2;

/**
 * The tempo map the rendering plays: the file's own (MuseScore playback tempi), or, when the settings list
 * tempi, exactly those — each from its printed bar on, on every pass, until the next — replacing the file's.
 */
export function withTempi(score: Score, tempi: RenderSettings['tempi']): readonly TempoChange[] {
  if (!tempi || tempi.length === 0) return score.tempoMap;
  const changes = tempi.flatMap((t) => {
    const passes = score.measures.filter((m) => m.number === t.bar);
    if (passes.length === 0) throw new Error(`${score.source}: rendering tempo for bar "${t.bar}", which the score does not have`);
    return passes.map((m) => ({ beat: m.startBeat, bpm: t.bpm }));
  });
  changes.sort((a, b) => a.beat - b.beat);
  if (changes[0].beat > 1e-9) throw new Error(`${score.source}: rendering tempi must start at the first bar ("${score.measures[0]?.number}")`);
  const out: TempoChange[] = [];
  for (const c of changes) {
    const prev = out[out.length - 1];
    if (prev && prev.bpm === c.bpm) continue;
    out.push({ beat: c.beat, bpm: c.bpm, sec: prev ? prev.sec + ((c.beat - prev.beat) * 60) / prev.bpm : 0 });
  }
  return out;
}

async function ffmpegOpus(rawPath: string, outPath: string, bitrateKbps: number): Promise<void> {
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'f32le', '-ar', String(SAMPLE_RATE), '-ac', '1', '-i', rawPath,
    // Bit-exact flags: no encoder version tag, fixed Ogg serial numbers, so the bytes depend only on the audio.
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
    '-ar', '48000', '-c:a', 'libopus', '-b:a', `${bitrateKbps}k`, '-vbr', 'on', '-compression_level', '10', '-application', 'audio',
    '-f', 'ogg', outPath,
  ];
  try {
    await run('ffmpeg', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('ffmpeg is not installed (needed to encode the recording as Opus); on Debian: apt-get install ffmpeg');
    throw new Error(`ffmpeg failed to encode ${outPath}: ${(e.stderr ?? e.message).trim()}`);
  }
}

function barSpan(score: Score, bars: RenderRequest['bars']): { start: number; seconds: number } {
  if (!bars) return { start: 0, seconds: Number.POSITIVE_INFINITY };
  const start = score.measures.findIndex((m) => m.number === bars.from);
  const end = score.measures.findIndex((m, i) => i >= start && m.number === bars.to);
  if (start < 0 || end < 0) throw new Error(`${score.source}: bars ${bars.from}–${bars.to} are not in the score`);
  const last = score.measures[end];
  const seconds = beatToSecWith(score.tempoMap, last.startBeat + last.durationBeat) - beatToSecWith(score.tempoMap, score.measures[start].startBeat);
  // Just under the span, so the excerpt stops at its last bar.
  return { start, seconds: seconds - 1e-6 };
}

/** A new tempo (an Allegro after an Adagio) starts a new segment: the phrase model sizes its phrases by one tempo. */
const SEGMENT_TEMPO_RATIO = 1.25;

/**
 * Performs the excerpt one tempo segment at a time (each with its own phrase lengths, rubato and holds, from
 * forks of one generator) and joins them end to end: notes re-indexed to the whole excerpt's parts.
 */
function performInSegments(score: Score, whole: Excerpt, fermatas: readonly number[], rng: Rng) {
  const firstIndex = whole.measures[0].scoreIndex;
  const bounds = [0];
  for (let k = 1; k < whole.measures.length; k++) {
    const before = bpmAt(whole.tempoMap, whole.measures[k - 1].startBeat);
    const now = bpmAt(whole.tempoMap, whole.measures[k].startBeat);
    if (Math.max(before, now) / Math.min(before, now) >= SEGMENT_TEMPO_RATIO) bounds.push(k);
  }
  bounds.push(whole.measures.length);
  const partIndex = new Map(whole.parts.map((p, i) => [p.id, i]));
  const notes: PerformedNote[] = [];
  const barTimes: { measure: string; sec: number }[] = [];
  let offset = 0;
  let holds = 0;
  let ritardandi = 0;
  let first: Performance | undefined;
  for (let s = 0; s + 1 < bounds.length; s++) {
    const from = score.measures[firstIndex + bounds[s]];
    const last = score.measures[firstIndex + bounds[s + 1] - 1];
    const seconds = beatToSecWith(score.tempoMap, last.startBeat + last.durationBeat) - beatToSecWith(score.tempoMap, from.startBeat) - 1e-6;
    const segment = cutExcerpt(score, firstIndex + bounds[s], { seconds, fermataBeats: fermatas });
    const lengthSec = beatToSecWith(segment.tempoMap, segment.lengthBeat);
    const perf = performExcerpt(segment, rng.fork(`segment-${s}`), {
      leadInSec: s === 0 ? LEAD_IN_SEC : 0,
      // A held chord where the music breathes, about one a minute, besides the written fermatas.
      insertedHolds: Math.max(1, Math.round(lengthSec / 60)),
    });
    first ??= perf;
    holds += perf.curve.holds.length;
    ritardandi += perf.curve.ritardandi.length;
    const base = notes.length;
    for (const n of perf.notes) {
      const wholePart = partIndex.get(segment.parts[n.partIndex].id) ?? 0;
      notes.push({ ...n, noteIndex: base + n.noteIndex, partIndex: wholePart, onsetSec: n.onsetSec + offset, offsetSec: n.offsetSec + offset });
    }
    for (const m of segment.measures) barTimes.push({ measure: m.number, sec: Math.round((perfSecAt(perf, m.startBeat) + offset) * 1000) / 1000 });
    offset += perf.endSec;
  }
  const performance: Performance = { ...first!, notes, endSec: offset };
  return { performance, segments: bounds.length - 1, holds, ritardandi, barTimes };
}

function bpmAt(tempoMap: readonly TempoChange[], beat: number): number {
  let bpm = tempoMap[0]?.bpm ?? 120;
  for (const t of tempoMap) if (t.beat <= beat + 1e-9) bpm = t.bpm;
  return bpm;
}

/** The performance a rendering plays, without the audio: enough for its bar times (a ground truth). */
export async function planPerformance(scorePath: string, settings: RenderSettings, bars?: RenderRequest['bars']) {
  const loaded = await loadScore(scorePath, { repeats: settings.repeats });
  const score: Score = { ...loaded, tempoMap: withTempi(loaded, settings.tempi) };
  const span = barSpan(score, bars);
  const excerpt = cutExcerpt(score, span.start, { seconds: span.seconds, fermataBeats: fermataBeats(loaded) });
  const rng = createRng(settings.seed);
  // Forks are pure (label-derived), so the hall's generator below is the same whether or not audio follows.
  const performed = performInSegments(score, excerpt, fermataBeats(loaded), rng.fork('performance'));
  return { excerpt, performed, rng };
}

/** Bar times as TSV: `<bar index, performance order> <printed bar> <seconds from the start of the file>`. */
export function barTimesTsv(barTimes: RenderReport['barTimes']): string {
  return `${barTimes.map((t, i) => `${i}\t${t.measure}\t${t.sec.toFixed(3)}`).join('\n')}\n`;
}

export async function renderPiece(request: RenderRequest): Promise<RenderReport> {
  const log = request.log ?? (() => {});
  const { excerpt, performed, rng } = await planPerformance(request.scorePath, request.settings, request.bars);
  const performance = performed.performance;
  log(`performed ${excerpt.notes.length} notes in ${excerpt.measures.length} bars (${excerpt.span}) in ${performed.segments} tempo segment(s): ${performance.endSec.toFixed(1)} s, ${performed.holds} holds, ${performed.ritardandi} ritardandi`);

  const work = await mkdtemp(join(tmpdir(), 'tutti-render-demo-'));
  try {
    const midiPath = join(work, 'performance.mid');
    await writeFile(midiPath, midiBytes(performanceMidi(excerpt, performance, 0)));
    const dryPath = join(work, 'dry.wav');
    log('rendering with fluidsynth…');
    await renderMidi(midiPath, dryPath, request.soundfont);
    const lastRelease = Math.max(performance.endSec, ...performance.notes.map((n) => n.offsetSec));
    const hallRng = rng.fork('hall');
    const applauseStart = lastRelease + hallRng.uniform(0.8, 1.4);
    const applauseSec = hallRng.uniform(5, 7);
    const totalSec = applauseStart + applauseSec + 2;
    log('adding the hall (sox)…');
    const wet = await applyHall(dryPath, work, { reverberance: 55, preDelayMs: 20, wetGainDb: -2 }, totalSec - lastRelease + 1);
    const audio = new Float32Array(Math.round(totalSec * SAMPLE_RATE));
    audio.set(wet.subarray(0, Math.min(audio.length, wet.length)));
    const musicRms = rms(audio, Math.round(LEAD_IN_SEC * SAMPLE_RATE), Math.round(performance.endSec * SAMPLE_RATE));
    if (!(musicRms > 0)) throw new Error(`fluidsynth rendered silence for ${request.scorePath}`);
    // A quiet, attentive hall: the audience 32 dB under the music, one or two coughs in the pauses of the day.
    const coughs = Array.from({ length: hallRng.int(1, 2) }, () => hallRng.uniform(0.3, Math.max(0.5, performance.endSec - 1)));
    addHallNoise(audio, SAMPLE_RATE, musicRms, { snrDb: 32, coughSecs: coughs, coughDb: -14 }, hallRng.fork('noise'));
    addApplause(audio, SAMPLE_RATE, { startSec: applauseStart, durationSec: applauseSec, clappers: 36, level: musicRms * 0.5 }, hallRng.fork('applause'));
    normalizePeak(audio, 0.89);
    const rawPath = join(work, 'mix.f32');
    await writeFile(rawPath, new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength));
    log('encoding Opus (ffmpeg)…');
    // Written beside the target, then renamed: a failed run never leaves half a recording in place.
    const partial = join(dirname(request.outPath), `.${Date.now()}.partial.opus`);
    await ffmpegOpus(rawPath, partial, request.bitrateKbps ?? 48);
    await rename(partial, request.outPath);
    return {
      outPath: request.outPath,
      audioSec: audio.length / SAMPLE_RATE,
      musicSec: performance.endSec - LEAD_IN_SEC,
      bars: excerpt.measures.length,
      notes: excerpt.notes.length,
      holds: performed.holds,
      ritardandi: performed.ritardandi,
      tempoFactor: performance.curve.globalFactor,
      barTimes: performed.barTimes,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
