/** Streaming equals whole: the live pipeline gives the same positions for any chunking of the input. */
import { describe, expect, it } from 'vitest';
import { audioToPcmChunks } from '../../server/audio/chunks.js';
import { decodeAudioFile } from '../../server/audio/decode.js';
import { createFollower } from '../../server/follower/followFile.js';
import { createFollowerAligner } from '../../server/follower/followerAligner.js';
import { createFollowPipeline } from '../../server/follower/pipeline.js';
import { seededRandom } from '../../server/follower/synthetic.testkit.js';
import { buildTemplate } from '../../server/follower/template.js';
import { createTracker } from '../../server/follower/tracker.js';
import type { PcmChunk, Position } from '../../server/pipeline.js';
import { createSalienceStage } from '../../server/pitch/salience.js';
import { loadScore } from '../../server/score/load.js';
import { bach10Piece } from './bach10.js';

describe('follow pipeline', () => {
  it('gives exactly the same positions for random-size chunks as for the whole file in one push', async () => {
    const piece = bach10Piece('03-ChristederdubistTagundLicht');
    const score = await loadScore(piece.score);
    const full = await decodeAudioFile(piece.audio);
    // 8 s are enough to cross many model updates and chord changes.
    const n = Math.round(8 * full.sampleRate);
    const audio = { ...full, channels: full.channels.map((c) => c.subarray(0, n)), durationSec: 8 };
    const follower = await createFollower(score, { computeDelay: 0.02 });
    const { pipeline } = follower;
    const run = async (chunks: Iterable<PcmChunk>): Promise<Position[]> => {
      pipeline.reset();
      const out: Position[] = [];
      for (const c of chunks) out.push(...(await pipeline.push(c)));
      out.push(...(await pipeline.flush()));
      return out;
    };
    try {
      const whole = await run(audioToPcmChunks(audio, n));
      const rand = seededRandom(42);
      const random = await run(audioToPcmChunks(audio, () => 1 + Math.floor(rand() * 5000)));
      expect(whole.length).toBeGreaterThan(150);
      expect(whole.some((p) => p.state === 'following')).toBe(true);
      expect(random).toEqual(whole);
    } finally {
      await follower.close();
    }
  });

  it('rejects a chunk with NaN samples with a clear error', async () => {
    const score = await loadScore(bach10Piece('01-AchGottundHerr').score);
    const salience = await createSalienceStage();
    try {
      const pipeline = createFollowPipeline({
        salience,
        aligner: createFollowerAligner(buildTemplate(score, { frameRate: salience.info.frameRate })),
        tracker: createTracker(score),
        computeDelay: 0,
      });
      const samples = new Float32Array(4096);
      samples[100] = NaN;
      await expect(pipeline.push({ samples, sampleRate: 44100, channels: 1 })).rejects.toThrow(/NaN|non-finite/);
    } finally {
      await salience.close();
    }
  });
});
