import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PcmChunk } from '../pipeline.js';
import type { AudioInput } from './audioInput.js';
import { watchInput } from './inputWatch.js';

/** An input the test drives by hand: `chunk()` delivers, `end()` ends. */
function handInput() {
  let onChunk: ((c: PcmChunk) => void) | undefined;
  let onEnd: ((err?: Error) => void) | undefined;
  const input: AudioInput = {
    description: 'hand input',
    start(c, e) {
      onChunk = c;
      onEnd = e;
    },
    stop() {
      onChunk = undefined;
    },
  };
  return { input, chunk: () => onChunk?.({ samples: new Float32Array(320), sampleRate: 16000, channels: 1 }), end: (err?: Error) => onEnd?.(err) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchInput', () => {
  it('says receiving at the first chunk, no input after 500 ms without one (seen within 600 ms), receiving again when audio returns', () => {
    const hand = handInput();
    const watched = watchInput(hand.input, { now: () => Date.now() });
    const states: string[] = [];
    watched.onState((s, detail) => states.push(detail ? `${s}: ${detail}` : s));
    const chunks: PcmChunk[] = [];
    watched.start((c) => chunks.push(c), () => {});
    for (let i = 0; i < 10; i++) {
      hand.chunk();
      vi.advanceTimersByTime(20);
    }
    expect(states).toEqual(['receiving']);
    expect(chunks).toHaveLength(10);
    vi.advanceTimersByTime(480);
    expect(states).toEqual(['receiving']);
    vi.advanceTimersByTime(100);
    expect(states).toEqual(['receiving', 'no input: no audio for 0.5 s from hand input']);
    vi.advanceTimersByTime(5000);
    expect(states).toHaveLength(2); // said once
    hand.chunk();
    expect(watched.state).toBe('receiving');
  });

  it('reports a silent start as no input, and the end (with its error) as input ended, then stops watching', () => {
    const hand = handInput();
    const watched = watchInput(hand.input);
    const states: string[] = [];
    watched.onState((s, detail) => states.push(`${s}: ${detail}`));
    let ended: Error | undefined | null = null;
    watched.start(() => {}, (err) => (ended = err));
    vi.advanceTimersByTime(600);
    expect(states).toEqual(['no input: no audio for 0.5 s from hand input']);
    hand.end(new Error('broken pipe'));
    expect(states.at(-1)).toBe('input ended: hand input failed: broken pipe');
    expect(ended).toEqual(new Error('broken pipe'));
    vi.advanceTimersByTime(5000);
    expect(states).toHaveLength(2);
  });

  it('is quiet once stopped, and starts afresh', () => {
    const hand = handInput();
    const watched = watchInput(hand.input);
    const states: string[] = [];
    watched.onState((s) => states.push(s));
    watched.start(() => {}, () => {});
    hand.chunk();
    watched.stop();
    vi.advanceTimersByTime(5000);
    expect(states).toEqual(['receiving']);
    expect(watched.state).toBeNull();
    watched.start(() => {}, () => {});
    hand.chunk();
    expect(states).toEqual(['receiving', 'receiving']);
  });
});
