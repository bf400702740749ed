/** Plays a recording back on a timer, as it happened (speed 1) or faster. */
import type { RecordedEvent } from '../protocol/index.js';
import type { Recording } from './recordings.js';

export interface ReplayHandlers {
  readonly onEvent: (event: RecordedEvent) => void;
  readonly onEnd: (reason: 'finished' | 'stopped') => void;
}

export interface ReplayHandle {
  stop(): void;
}

export const MAX_REPLAY_SPEED = 1000;

export function playRecording(recording: Recording, speed: number, handlers: ReplayHandlers): ReplayHandle {
  const rate = Math.min(Math.max(speed, 0.1), MAX_REPLAY_SPEED);
  const { events } = recording;
  const t0 = Date.now();
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  let done = false;

  const finish = (reason: 'finished' | 'stopped') => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    handlers.onEnd(reason);
  };

  // Schedule against the start time, not the previous event, so timer drift does not add up.
  const pump = () => {
    const elapsedMs = (Date.now() - t0) * rate;
    while (!done && index < events.length && events[index].offsetMs <= elapsedMs) handlers.onEvent(events[index++]);
    if (done) return;
    if (index >= events.length) return finish('finished');
    timer = setTimeout(pump, Math.max(0, (events[index].offsetMs - elapsedMs) / rate));
  };
  timer = setTimeout(pump, 0);

  return { stop: () => finish('stopped') };
}
