import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../protocol/index.js';
import { playRecording, replaySeries, seekPrelude, type ReplayClock } from './replayer.js';
import type { Recording } from './recordings.js';

/** A clock the test moves by hand; timers fire when it passes their time. */
function manualClock(): ReplayClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => (timers = timers.filter((t) => t.id !== id)),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

const pos = (offsetMs: number, seq: number, tempoBpm = 100): RecordedEvent => ({
  offsetMs,
  event: { type: 'position', tick: { sessionId: 's', seq, serverTimeMs: offsetMs, source: 'follower', position: { reportSec: 0, scoreSec: 0, scoreBeat: seq, measure: String(seq), beatInMeasure: 1, tempoBpm, confidence: 0.5 + seq / 100, state: 'following' } } },
});
const state = (offsetMs: number, live: boolean): RecordedEvent => ({
  offsetMs,
  event: { type: 'state', session: { state: live ? 'live' : 'ended', sessionId: 's', title: null, startedAtMs: 0, endedAtMs: live ? null : offsetMs, position: null, currentMeasure: null } },
});
const EVENTS = [state(0, true), pos(100, 1), pos(200, 2, 120), pos(300, 3), pos(400, 4), state(500, false)];
const recording = { events: EVENTS } as unknown as Recording;

describe('replay player', () => {
  it('plays in time, pauses, resumes and changes speed', () => {
    const clock = manualClock();
    const seen: number[] = [];
    let ended = '';
    const h = playRecording(recording, 1, { onEvent: (e) => seen.push(e.offsetMs), onEnd: (r) => (ended = r) }, clock);
    clock.advance(150);
    expect(seen).toEqual([0, 100]);
    h.pause();
    clock.advance(10_000);
    expect(seen).toEqual([0, 100]);
    expect(h.positionMs()).toBe(150);
    h.resume();
    clock.advance(60);
    expect(seen).toEqual([0, 100, 200]);
    h.setSpeed(4); // 210 ms in: the last 290 ms take 72.5 ms
    clock.advance(73);
    expect(seen).toEqual([0, 100, 200, 300, 400, 500]);
    expect(ended).toBe('finished');
  });

  it('seeks back and forth: first what the screen showed then, then on from there', () => {
    const clock = manualClock();
    const seen: number[] = [];
    const h = playRecording(recording, 1, { onEvent: (e) => seen.push(e.offsetMs), onEnd: () => undefined }, clock);
    clock.advance(350);
    seen.length = 0;
    h.seek(150);
    expect(seen).toEqual([0, 100]); // the session's state and the last position before 150 ms
    clock.advance(60);
    expect(seen).toEqual([0, 100, 200]);
    h.pause();
    h.seek(450);
    expect(seen.slice(3)).toEqual([0, 400]);
    expect(h.positionMs()).toBe(450);
  });

  it('keeps one event per kind of state in the prelude, and a new session clears the old one', () => {
    expect(seekPrelude(EVENTS, 350).map((e) => e.offsetMs)).toEqual([0, 300]);
    expect(seekPrelude(EVENTS, 0)).toEqual([]);
  });

  it('gives the tempo and confidence curves, thinned to the asked number of points', () => {
    expect(replaySeries(EVENTS)).toEqual({ offsetMs: [100, 200, 300, 400], tempoBpm: [100, 120, 100, 100], confidence: [0.51, 0.52, 0.53, 0.54] });
    expect(replaySeries(EVENTS, 2).offsetMs).toEqual([100, 300]);
  });
});
