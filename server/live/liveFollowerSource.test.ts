/**
 * The live source end to end with real components: a Bach10 recording excerpt played as live into the
 * real follower (ONNX salience, aligner, tracker) inside a real ConcertSession.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../audio/decode.js';
import type { PcmChunk, Position } from '../pipeline.js';
import { loadPitchModel, type PitchModel } from '../pitch/model.js';
import type { SessionEvent } from '../protocol/index.js';
import { loadScore } from '../score/load.js';
import type { Score } from '../score/types.js';
import { ConcertSession } from '../session/session.js';
import type { AudioInput } from './audioInput.js';
import { fileAsLiveInput } from './fileAsLiveInput.js';
import { LiveFollowerSource, type LiveFollowerOptions } from './liveFollowerSource.js';
import { stdinPcmInput } from './streamPcmInput.js';
import { bach10Piece } from '../../test/follower/bach10.js';
import { makeTempDir, writeFloatWav, type TempDir } from './testAudio.testkit.js';

const EXCERPT_SEC = 8;
let dir: TempDir;
let excerpt: string;
let score: Score;
let model: PitchModel;

beforeAll(async () => {
  const piece = bach10Piece('01-AchGottundHerr');
  dir = await makeTempDir();
  excerpt = join(dir.path, 'bach10-01-first-8s.wav');
  const audio = await decodeAudioFile(piece.audio);
  const frames = Math.round(EXCERPT_SEC * audio.sampleRate);
  await writeFloatWav(
    excerpt,
    audio.channels.map((c) => c.slice(0, frames)),
    audio.sampleRate,
  );
  score = await loadScore(piece.score);
  model = await loadPitchModel();
});

afterAll(async () => {
  await model?.release();
  await dir?.remove();
});

interface Harness {
  readonly session: ConcertSession;
  readonly source: LiveFollowerSource;
  readonly positions: Position[];
  readonly levels: { rmsDb: number; peakDb: number }[];
  readonly logs: string[];
  readonly errors: Error[];
}

function harness(input: LiveFollowerOptions['input'], extra: Partial<LiveFollowerOptions> = {}): Harness {
  const logs: string[] = [];
  const errors: Error[] = [];
  const source = new LiveFollowerSource({ score, input, model, log: (l) => logs.push(l), onError: (e) => errors.push(e), ...extra });
  const session = new ConcertSession({ source });
  const positions: Position[] = [];
  const levels: { rmsDb: number; peakDb: number }[] = [];
  session.subscribe((e: SessionEvent) => {
    if (e.type === 'position') positions.push(e.tick.position);
    if (e.type === 'level') levels.push(e.level);
  });
  return { session, source, positions, levels, logs, errors };
}

async function until(what: string, condition: () => boolean, timeoutMs = 20000): Promise<void> {
  const t0 = Date.now();
  while (!condition()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const measureIndex = (p: Position) => score.measures.findIndex((m) => m.number === p.measure);

describe('LiveFollowerSource', () => {
  it('follows a recording played as live: positions advance through the measures, levels arrive', async () => {
    // Generous backlog bound: on a loaded box at 8× speed the follower may lag; nothing must be dropped here.
    const h = harness(fileAsLiveInput(excerpt, { speed: 8 }), { maxBacklogSec: EXCERPT_SEC });
    const t0 = Date.now();
    await h.session.start('test');
    await until('the end of the input', () => h.source.stats.ended);
    const wallMs = Date.now() - t0;
    // The session folds positions closer than its send interval into the latest: let the last one out.
    await new Promise((r) => setTimeout(r, 150));
    await h.session.stop();

    const s = h.source.stats;
    expect(s.audioInSec).toBeCloseTo(EXCERPT_SEC, 2);
    expect(s.droppedSec).toBe(0);
    expect(s.errors).toBe(0);
    // The follower reports once per 46-ms update (4 model hops), whatever the coalescing…
    expect(s.positions).toBeGreaterThan((EXCERPT_SEC / 0.0465) * 0.9);
    // …and the session passes them on, folding the ones that come faster than phones need.
    expect(h.positions.length).toBeGreaterThanOrEqual(5);
    expect(h.positions.length).toBeLessThanOrEqual(s.positions);
    for (let i = 1; i < h.positions.length; i++) expect(h.positions[i]!.reportSec).toBeGreaterThanOrEqual(h.positions[i - 1]!.reportSec);
    expect(h.positions.at(-1)!.reportSec).toBeGreaterThan(EXCERPT_SEC - 0.1);
    // The excerpt ends in measure 4 (Bach10 ground truth: score 8.3 s at 94 bpm); the follower gets past measure 2.
    const reached = Math.max(...h.positions.map(measureIndex));
    expect(reached).toBeGreaterThanOrEqual(2);
    expect(h.positions.some((p) => p.state === 'following')).toBe(true);
    // Levels: one per 100 ms of audio, but at most ~10 per second of wall time (8× speed merges them).
    expect(h.levels.length).toBeGreaterThanOrEqual(5);
    expect(h.levels.length).toBeLessThanOrEqual(Math.min(EXCERPT_SEC * 10, wallMs / 90 + 1));
    expect(Math.max(...h.levels.map((l) => l.peakDb))).toBeGreaterThan(-30);
    for (const l of h.levels) expect(l.peakDb).toBeGreaterThanOrEqual(l.rmsDb);
    expect(h.logs.some((l) => l.startsWith('following ') && l.includes('bach10-01-first-8s.wav'))).toBe(true);
  });

  it('stops cleanly mid-stream, and handles jumps (known and unknown measures)', async () => {
    const h = harness(fileAsLiveInput(excerpt, { speed: 4 }));
    await h.session.start('test');
    await until('positions', () => h.source.stats.positions > 20);
    const beforeJump = h.positions.at(-1)!;
    const atJump = h.positions.length;
    const updatesAtJump = h.source.stats.positions;
    h.session.jump('3');
    // The jump is applied between pushes: the update in flight may still report the old place, so
    // wait for updates well after it (20 follower updates, ~0.9 s of audio), not for the first one.
    await until('positions after the jump', () => h.source.stats.positions > updatesAtJump + 20 && h.positions.length > atJump && h.positions.at(-1) !== beforeJump);
    expect(h.source.stats.jumps).toBe(1);
    // The follower continues from bar 3 (it was still in bar 1 or 2), and the stream's clock goes on.
    expect(beforeJump.measure).not.toBe('3');
    // The orchestra is still in bar 2 when the operator says 3: after the seek the follower's own reports stayed
    // in bar 2 for over a second in every run on this code (it trusts the audio; whether that is the hold-below-
    // match guard or a regression is open, issue 10 note). Checked here: the seek happened, the reports go on and
    // never fall back before the bar the follower was in.
    expect(h.positions.slice(atJump).every((p) => measureIndex(p) >= measureIndex(beforeJump))).toBe(true);
    expect(h.positions.at(-1)!.reportSec).toBeGreaterThan(beforeJump.reportSec);
    expect(h.logs.some((l) => l.includes('jump to measure 3'))).toBe(true);
    h.session.jump('99');
    expect(h.errors.map((e) => e.message)).toEqual([expect.stringMatching(/no measure "99"/)]);

    await h.session.stop();
    const seen = { positions: h.positions.length, levels: h.levels.length, audio: h.source.stats.audioInSec, sent: h.source.stats.positions };
    await new Promise((r) => setTimeout(r, 300));
    expect(h.source.stats.audioInSec).toBe(seen.audio);
    expect(h.source.stats.positions).toBe(seen.sent);
    expect(h.source.stats.audioInSec).toBeLessThan(EXCERPT_SEC);
    expect({ positions: h.positions.length, levels: h.levels.length }).toEqual({ positions: seen.positions, levels: seen.levels });
    expect(h.logs.at(-1)).toMatch(/^stopped: /);
  });

  it('keeps reporting through silence, and shows a failing input as a lost position', async () => {
    const stream = new PassThrough();
    const h = harness(stdinPcmInput({ stream, sampleRate: 22050, channels: 1, format: 's16le' }));
    await h.session.start('test');
    stream.write(new Uint8Array(22050 * 2)); // 1 s of digital silence
    await until('positions during silence', () => h.source.stats.positions >= 15);
    expect(h.positions.length).toBeGreaterThan(0);
    expect(h.positions.every((p) => p.state === 'waiting')).toBe(true);
    stream.end(new Uint8Array(3)); // ends inside a sample
    await until('the lost position', () => h.positions.some((p) => p.state === 'lost'));
    const lost = h.positions.find((p) => p.state === 'lost')!;
    expect(lost.confidence).toBe(0);
    expect(lost.measure).toBe(h.positions[0]!.measure);
    expect(h.errors[0]?.message).toMatch(/^audio input failed: PCM stream .*ended inside a frame/);
    await h.session.stop();
  });

  it('survives follower errors (a NaN chunk): reports them, shows lost, recovers, gives up after 3 in a row', async () => {
    // A hand-written input (the AudioInput contract, not a stand-in for a shipped input) that the test drives.
    let deliver: ((chunk: PcmChunk) => void) | undefined;
    const input: AudioInput = {
      description: 'scripted chunks',
      start(onChunk) {
        deliver = onChunk;
      },
      stop() {
        deliver = undefined;
      },
    };
    const good: PcmChunk = { samples: new Float32Array(4410), sampleRate: 22050, channels: 1 };
    const bad: PcmChunk = { samples: Float32Array.from([0, Number.NaN]), sampleRate: 22050, channels: 1 };
    const h = harness(input);
    await h.session.start('test');
    const send = async (chunk: PcmChunk) => {
      deliver?.(chunk);
      await h.source.settled();
    };
    await send(good);
    await send(bad);
    expect(h.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^follower failed: audio chunk has a non-finite sample \(NaN\/Inf\) at index 1/)]);
    expect(h.positions.at(-1)).toMatchObject({ state: 'lost', confidence: 0 });
    const before = h.source.stats.positions;
    await send(good);
    expect(h.source.stats.positions).toBeGreaterThan(before);
    await send(bad);
    await send(bad);
    expect(deliver).toBeDefined();
    await send(bad);
    expect(h.logs).toContain('giving up after 3 follower errors in a row; positions stop until the next start');
    expect(deliver).toBeUndefined(); // the source stopped its input
    expect(h.source.stats.errors).toBe(4);
    await h.session.stop();
  });
});
