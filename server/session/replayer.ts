/**
 * Plays a recording back on a timer, as it happened (speed 1) or faster, with pause, resume, seek and a
 * change of speed while playing. The clock and the timer are injected so the player is tested without
 * waiting. Seeking sends first what a phone would have been showing at that moment (seekPrelude), then
 * plays on from there.
 */
import type { RecordedEvent, RecordedSessionEvent } from '../protocol/index.js';
import type { Recording } from './recordings.js';

export interface ReplayHandlers {
  readonly onEvent: (event: RecordedEvent) => void;
  readonly onEnd: (reason: 'finished' | 'stopped') => void;
}

export interface ReplayHandle {
  stop(): void;
  pause(): void;
  resume(): void;
  /** Jump to `offsetMs` of the recording (clamped): the prelude, then on from there. Works paused too. */
  seek(offsetMs: number): void;
  setSpeed(speed: number): void;
  /** Where playback is now, in recording milliseconds. */
  positionMs(): number;
  readonly paused: boolean;
}

export interface ReplayClock {
  readonly now: () => number;
  readonly setTimeout: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout: (timer: unknown) => void;
}

const REAL_CLOCK: ReplayClock = {
  now: Date.now,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

export const MAX_REPLAY_SPEED = 1000;
const clampSpeed = (speed: number) => Math.min(Math.max(Number.isFinite(speed) ? speed : 1, 0.1), MAX_REPLAY_SPEED);

/** The kind of state an event sets: the latest of each kind before an offset is what the screen showed then. */
function stateSlot(event: RecordedSessionEvent): string | null {
  switch (event.type) {
    case 'state':
    case 'position':
    case 'jump':
    case 'audience':
    case 'enrichment':
    case 'programme':
    case 'message':
      return event.type;
    default:
      return null; // levels, beliefs, audit entries: moments, not state
  }
}

/**
 * What to send on a seek to `offsetMs`: the last event of each kind of state before it, in recording order
 * (so a client applying them in order ends in the state a phone was in then). Audit entries before the
 * offset are included too: the trail is a history, not a state.
 */
export function seekPrelude(events: readonly RecordedEvent[], offsetMs: number): RecordedEvent[] {
  const latest = new Map<string, number>();
  const keep: number[] = [];
  for (let i = 0; i < events.length && events[i].offsetMs < offsetMs; i++) {
    const e = events[i].event;
    const slot = stateSlot(e);
    // A new session (state event with another id) makes what came before irrelevant.
    if (slot === 'state' && e.type === 'state') for (const k of [...latest.keys()]) if (k !== 'audience') latest.delete(k);
    if (slot) latest.set(slot, i);
    else if (e.type === 'audit') keep.push(i);
  }
  return [...latest.values(), ...keep].sort((a, b) => a - b).map((i) => events[i]);
}

export function playRecording(recording: Recording, speed: number, handlers: ReplayHandlers, clock: ReplayClock = REAL_CLOCK): ReplayHandle {
  const { events } = recording;
  let rate = clampSpeed(speed);
  // Playback position = baseMs + (now − baseAt) × rate while playing.
  let baseMs = 0;
  let baseAt = clock.now();
  let paused = false;
  let index = 0;
  let timer: unknown;
  let done = false;
  const durationMs = events.at(-1)?.offsetMs ?? 0;

  const positionMs = () => (paused ? baseMs : baseMs + (clock.now() - baseAt) * rate);
  const rebase = () => {
    baseMs = positionMs();
    baseAt = clock.now();
  };
  const cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };
  const finish = (reason: 'finished' | 'stopped') => {
    if (done) return;
    done = true;
    cancel();
    handlers.onEnd(reason);
  };

  // Scheduled against the base time, not the previous event, so timer drift does not add up.
  const pump = () => {
    timer = undefined;
    if (done || paused) return;
    const at = positionMs();
    while (!done && index < events.length && events[index].offsetMs <= at) handlers.onEvent(events[index++]);
    if (done) return;
    if (index >= events.length) return finish('finished');
    timer = clock.setTimeout(pump, Math.max(0, (events[index].offsetMs - at) / rate));
  };
  timer = clock.setTimeout(pump, 0);

  return {
    stop: () => finish('stopped'),
    pause: () => {
      if (done || paused) return;
      rebase();
      paused = true;
      cancel();
    },
    resume: () => {
      if (done || !paused) return;
      baseAt = clock.now();
      paused = false;
      cancel();
      timer = clock.setTimeout(pump, 0);
    },
    seek: (offsetMs) => {
      if (done) return;
      const target = Math.min(Math.max(0, Number.isFinite(offsetMs) ? offsetMs : 0), durationMs);
      cancel();
      for (const e of seekPrelude(events, target)) handlers.onEvent(e);
      index = events.findIndex((e) => e.offsetMs >= target);
      if (index < 0) index = events.length;
      baseMs = target;
      baseAt = clock.now();
      if (!paused) timer = clock.setTimeout(pump, 0);
    },
    setSpeed: (next) => {
      rebase();
      rate = clampSpeed(next);
      if (!paused && !done) {
        cancel();
        timer = clock.setTimeout(pump, 0);
      }
    },
    positionMs: () => Math.min(positionMs(), durationMs),
    get paused() {
      return paused;
    },
  };
}

/** A recording's tempo and confidence over time, for the replay's plots: at most `maxPoints`, evenly thinned. */
export interface ReplaySeries {
  readonly offsetMs: number[];
  readonly tempoBpm: number[];
  readonly confidence: number[];
}

export function replaySeries(events: readonly RecordedEvent[], maxPoints = 2000): ReplaySeries {
  const ticks = events.filter((e) => e.event.type === 'position');
  const step = Math.max(1, Math.ceil(ticks.length / maxPoints));
  const out: ReplaySeries = { offsetMs: [], tempoBpm: [], confidence: [] };
  for (let i = 0; i < ticks.length; i += step) {
    const e = ticks[i].event;
    if (e.type !== 'position') continue;
    out.offsetMs.push(ticks[i].offsetMs);
    out.tempoBpm.push(e.tick.position.tempoBpm);
    out.confidence.push(e.tick.position.confidence);
  }
  return out;
}
