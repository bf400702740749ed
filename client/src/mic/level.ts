/** The local input meter: RMS and peak of one captured chunk in dBFS (floored, so it stays finite). */
export const METER_FLOOR_DB = -90;

export interface LocalLevel {
  readonly rmsDb: number;
  readonly peakDb: number;
}

export function measureLevel(samples: Float32Array): LocalLevel {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    sum += x * x;
    const a = Math.abs(x);
    if (a > peak) peak = a;
  }
  const db = (amplitude: number) => (amplitude > 0 ? Math.max(METER_FLOOR_DB, 20 * Math.log10(amplitude)) : METER_FLOOR_DB);
  return { rmsDb: db(Math.sqrt(sum / Math.max(1, samples.length))), peakDb: db(peak) };
}

/** 0..1 for a bar: the floor at 0, full scale at 1. */
export function meterFraction(db: number): number {
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));
}
