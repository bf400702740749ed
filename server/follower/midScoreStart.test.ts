/**
 * A performance heard from the middle of the score (the bundled Eroica demo: 1:00–1:30 of the
 * recording, the first pass of the exposition around bars 55–85) must not be shown as 'following'
 * in a similar-sounding but wrong passage (the recapitulation) before the follower has found its place.
 * Real audio, real ONNX model, real score.
 */
import { describe, expect, it } from 'vitest';
import { decodeAudioFile, type DecodedAudio } from '../audio/decode.js';
import { DEMO_AUDIO_PATH, DEMO_SCORE_PATH } from '../live/demo.js';
import type { Position } from '../pipeline.js';
import { loadScore } from '../score/load.js';
import { followAudio } from './followFile.js';

function excerpt(audio: DecodedAudio, fromSec: number, seconds: number): DecodedAudio {
  const start = Math.round(fromSec * audio.sampleRate);
  const end = Math.min(audio.channels[0]!.length, start + Math.round(seconds * audio.sampleRate));
  return { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.subarray(start, end)), durationSec: (end - start) / audio.sampleRate };
}

/** Printed bars this excerpt can be in (either pass of the exposition repeat prints the same labels). */
const inExcerpt = (p: Position) => Number(p.measure) >= 45 && Number(p.measure) <= 100;

describe('follower started mid-score', () => {
  it('never reports a wrong bar as following, and finds the exposition within 12 s', async () => {
    const score = await loadScore(DEMO_SCORE_PATH);
    const audio = await decodeAudioFile(DEMO_AUDIO_PATH);
    // Starting 5 s in is the cut that showed the recapitulation as 'following' before the start-up checks.
    const { positions } = await followAudio(score, excerpt(audio, 5, 20));
    const wrongFollowing = positions.filter((p) => p.state === 'following' && !inExcerpt(p));
    expect(wrongFollowing.map((p) => `${p.reportSec.toFixed(2)} s: bar ${p.measure}`)).toEqual([]);
    const late = positions.filter((p) => p.reportSec >= 12);
    expect(late.length).toBeGreaterThan(100);
    const right = late.filter((p) => p.state === 'following' && inExcerpt(p)).length;
    // `following` only from a calibrated 0.8 (docs/follower.md): 0.42 measured after the change (0.5+
    // before, with the raw match at 0.45); the floor guards the lock, the first assertion the honesty.
    expect(right / late.length).toBeGreaterThan(0.35);
  });
});
