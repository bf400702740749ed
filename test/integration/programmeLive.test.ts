/**
 * A two-movement programme played as live, end to end with real components: each movement's recording (a Bach10
 * excerpt from ../shared) played as live into its own real follower (ONNX salience, aligner, tracker), the
 * programme runner, the server and real socket.io phones. Nobody touches the panel: the programme advances to the
 * second movement by itself when the first one's music ends, and follows it.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudioFile } from '../../server/audio/decode.js';
import { makeTempDir, writeFloatWav, type TempDir } from '../../server/live/testAudio.testkit.js';
import { prepareProgramme, type PreparedProgramme } from '../../server/programme/prepare.js';
import { loadProgrammeFile } from '../../server/programme/programmeFile.js';
import type { CommandResult, Hello, PositionTick, ProgrammeState } from '../../server/protocol/index.js';
import { bach10Piece } from '../follower/bach10.js';
import { startTestServer, type TestServer } from '../support/testServer.js';
import { audienceClient, closeAllClients, conductorClient, eventMatching, nextEvent } from '../support/sockets.js';

const EXCERPT_SEC = 8;
let dir: TempDir;
let prepared: PreparedProgramme;
let server: TestServer;

/** A piece folder as the repertoire has them: score, recording and piece.yaml. */
async function pieceFolder(scoresDir: string, id: string, chorale: string, number: number): Promise<void> {
  const piece = bach10Piece(chorale);
  const folder = join(scoresDir, id);
  mkdirSync(folder, { recursive: true });
  copyFileSync(piece.score, join(folder, 'score.mid'));
  const audio = await decodeAudioFile(piece.audio);
  const frames = Math.round(EXCERPT_SEC * audio.sampleRate);
  await writeFloatWav(join(folder, 'take.wav'), audio.channels.map((c) => c.slice(0, frames)), audio.sampleRate);
  const provenance = 'source: Bach10 (../shared/eval/bach10), test use only\n  licence: research-only\n  attribution: Bach10 dataset';
  writeFileSync(
    join(folder, 'piece.yaml'),
    `title: Chorale ${number}\ncomposer: J. S. Bach\nwork: Two chorales (test)\nmovement: { number: ${number}, title: Chorale }\ninstrumentation: [violin, clarinet, saxophone, bassoon]\ndurationSec: ${EXCERPT_SEC}\n` +
      `score:\n  file: score.mid\n  ${provenance}\nrecording:\n  file: take.wav\n  kind: real\n  description: Bach10, first ${EXCERPT_SEC} s\n  durationSec: ${EXCERPT_SEC}\n  ${provenance}\n`,
  );
}

beforeAll(async () => {
  dir = await makeTempDir();
  const scoresDir = join(dir.path, 'scores');
  await pieceFolder(scoresDir, 'first', '01-AchGottundHerr', 1);
  await pieceFolder(scoresDir, 'second', '02-AchLiebenChristen', 2);
  const file = join(dir.path, 'two-movements.yaml');
  writeFileSync(file, 'title: Two movements\npauseBetweenSec: 0.5\nitems:\n  - piece: first\n  - piece: second\n');
  const programme = await loadProgrammeFile(file, scoresDir);
  prepared = await prepareProgramme(programme, { input: { kind: 'recordings', speed: 1 } });
  server = await startTestServer({ programme: { title: prepared.title, items: prepared.items, loop: prepared.loop, gapMs: prepared.gapMs } });
}, 60_000);

afterAll(async () => {
  closeAllClients();
  await server?.dispose();
  await prepared?.close();
  await dir?.remove();
});

describe('a two-movement programme played as live', () => {
  it('advances to the second movement by itself and follows it', async () => {
    const phone = audienceClient(server.url);
    const programmes: ProgrammeState[] = [];
    const ticks: { item: string | null; tick: PositionTick }[] = [];
    let current: string | null = null;
    phone.on('programme', (p) => {
      programmes.push(p);
      current = p.currentItemId;
    });
    phone.on('position', (tick) => ticks.push({ item: current, tick }));
    const hello = await nextEvent<Hello>(phone, 'hello');
    expect(hello.programme.items.map((i) => [i.id, i.movement])).toEqual([
      ['first', 'I. Chorale'],
      ['second', 'II. Chorale'],
    ]);
    current = hello.programme.currentItemId;

    const conductor = conductorClient(server.url, server.token);
    await nextEvent<Hello>(conductor, 'hello');
    const started = (await conductor.timeout(5000).emitWithAck('command', { type: 'start', title: 'As live' })) as CommandResult;
    expect(started.ok).toBe(true);

    await eventMatching<ProgrammeState>(phone, 'programme', (p) => p.currentItemId === 'second' && p.phase === 'playing', 90_000);
    const phases = programmes.map((p) => `${p.currentItemId} ${p.phase}`).filter((x, i, all) => i === 0 || all[i - 1] !== x);
    expect(phases).toEqual(['first between', 'first playing', 'second between', 'second playing']);
    // Followed in both movements: follower ticks (the follower hears music, sure of the place or still making sure),
    // numbered on across the change of movement; the second from its first bar onwards.
    const heard = (item: string) =>
      ticks.filter((t) => t.item === item && t.tick.source === 'follower' && t.tick.position.state !== 'waiting' && t.tick.position.state !== 'lost');
    expect(heard('first').length).toBeGreaterThan(0);
    await eventMatching<ProgrammeState>(phone, 'programme', (p) => p.phase === 'ended', 60_000);
    const second = heard('second').map((t) => Number(t.tick.position.measure));
    expect(second[0]).toBeLessThanOrEqual(2);
    expect(Math.max(...second)).toBeGreaterThanOrEqual(3);
    const seqs = ticks.map((t) => t.tick.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }, 150_000);
});
