/** Signal measurements shared by the audio tests (decode, resample). */

/** Amplitude of `hz` in a channel (least-squares fit of sin and cos over the middle half, away from edge effects). */
export function amplitudeAt(x: Float32Array, rate: number, hz: number): number {
  let s = 0;
  let c = 0;
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) {
    s += x[i]! * Math.sin((2 * Math.PI * hz * i) / rate);
    c += x[i]! * Math.cos((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}
