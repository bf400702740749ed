/**
 * A PositionSource that reports on a steady clock, as a follower locked on a piece would: every
 * `intervalMs` a new position, the bar advancing every `barMs`. The fault tests measure the phones'
 * tick rate against it; the follower itself is not under test there.
 */
import type { Position } from '../../server/pipeline.js';
import type { PositionSink, PositionSource } from '../../server/session/index.js';

export function pacedSource(intervalMs = 50, barMs = 2000): PositionSource & { readonly reported: number } {
  let timer: NodeJS.Timeout | undefined;
  let reported = 0;
  return {
    get reported() {
      return reported;
    },
    start(sink: PositionSink) {
      const t0 = Date.now();
      timer = setInterval(() => {
        const sec = (Date.now() - t0) / 1000;
        const bar = 1 + Math.floor((sec * 1000) / barMs);
        const position: Position = { reportSec: sec, scoreSec: sec, scoreBeat: sec * 2, measure: String(bar), beatInMeasure: 1 + ((sec * 2) % 4), tempoBpm: 120, confidence: 0.9, state: 'following' };
        reported++;
        sink.position(position);
      }, intervalMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
