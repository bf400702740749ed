/**
 * Input loudness for the conductor's meter: RMS and peak in dBFS over consecutive windows of about
 * 100 ms of audio (all channels together), whatever the chunk sizes.
 */
import type { PcmChunk } from '../pipeline.js';

/** Floor for silence: -Infinity would not survive JSON on its way to the conductor. */
export const LEVEL_FLOOR_DB = -120;

export interface Level {
  readonly rmsDb: number;
  readonly peakDb: number;
}

export interface LevelMeter {
  /** Returns the levels of every window this chunk completed (usually zero or one). */
  push(chunk: PcmChunk): Level[];
  reset(): void;
}

export function toDbfs(amplitude: number): number {
  return amplitude > 0 ? Math.max(LEVEL_FLOOR_DB, 20 * Math.log10(amplitude)) : LEVEL_FLOOR_DB;
}

export function createLevelMeter(windowSec = 0.1): LevelMeter {
  let sumSquares = 0;
  let peak = 0;
  let frames = 0;
  let values = 0;

  return {
    reset() {
      sumSquares = peak = frames = values = 0;
    },
    push(chunk) {
      const out: Level[] = [];
      const windowFrames = Math.max(1, Math.round(windowSec * chunk.sampleRate));
      const { samples, channels } = chunk;
      for (let i = 0; i < samples.length; i += channels) {
        for (let c = 0; c < channels; c++) {
          const x = samples[i + c]!;
          sumSquares += x * x;
          const a = Math.abs(x);
          if (a > peak) peak = a;
        }
        values += channels;
        if (++frames >= windowFrames) {
          out.push({ rmsDb: toDbfs(Math.sqrt(sumSquares / values)), peakDb: toDbfs(peak) });
          sumSquares = peak = frames = values = 0;
        }
      }
      return out;
    },
  };
}

export interface LevelThrottle {
  /** Returns the level to send now (merged with any held back), or undefined to hold it. */
  push(level: Level): Level | undefined;
}

/**
 * Keeps levels to at most one per `intervalMs` of wall time on average (the protocol promises the
 * conductor ≤ 10/s, and a file played faster than real time completes windows faster), with slack
 * so that real-time windows arriving with timer jitter pass unmerged. Held-back windows are
 * merged into the next one sent: loudest peak, mean power.
 */
export function createLevelThrottle(intervalMs = 100, nowMs: () => number = Date.now): LevelThrottle {
  let first: number | undefined;
  let sent = 0;
  let power = 0;
  let peakDb = LEVEL_FLOOR_DB;
  let held = 0;
  return {
    push(level) {
      power += 10 ** (level.rmsDb / 10);
      peakDb = Math.max(peakDb, level.peakDb);
      held++;
      const now = nowMs();
      first ??= now;
      // The k-th level may go out from (k − ½)·interval after the first: up to half an interval early.
      if (sent > (now - first) / intervalMs + 0.5) return undefined;
      sent++;
      const out = { rmsDb: Math.max(LEVEL_FLOOR_DB, 10 * Math.log10(power / held)), peakDb };
      power = held = 0;
      peakDb = LEVEL_FLOOR_DB;
      return out;
    },
  };
}
