/**
 * Band-limited streaming resampling (Kaiser-windowed sinc, polyphase table) and downmixing.
 * Output sample n depends only on input samples, never on chunk boundaries, so pushing a
 * stream in any chunking gives bit-identical output to pushing it whole.
 */
import type { PcmChunk } from '../pipeline.js';

export interface StreamingResampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Latency added by the filter, seconds (its half-length). */
  readonly delaySec: number;
  /** Feeds mono input; returns every output sample that is now fully determined. */
  push(input: Float32Array): Float32Array;
  /** End of stream: returns the remaining outputs (input treated as zero beyond its end). */
  flush(): Float32Array;
  reset(): void;
}

export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side (filter length); 16 keeps stop-band leakage < -80 dB with the Kaiser window. */
  readonly zeroCrossings?: number;
  /** Pass-band edge as a fraction of the lower Nyquist frequency. */
  readonly rolloff?: number;
  /** Kaiser window beta. */
  readonly kaiserBeta?: number;
}

const MAX_TABLE_PHASES = 4096;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

export function createResampler(inRate: number, outRate: number, options: ResamplerOptions = {}): StreamingResampler {
  if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
    throw new RangeError(`sample rates must be positive integers, got ${inRate} → ${outRate}`);
  }
  const zeroCrossings = options.zeroCrossings ?? 16;
  const rolloff = options.rolloff ?? 0.94;
  const beta = options.kaiserBeta ?? 8.6;
  const g = gcd(inRate, outRate);
  const up = outRate / g; // L: phases
  const down = inRate / g; // M: input step per output, in 1/L input samples
  // Cutoff in cycles per input sample: below the lower of the two Nyquist frequencies.
  const cutoff = (rolloff * Math.min(inRate, outRate)) / (2 * inRate);
  const halfWidth = zeroCrossings / (2 * cutoff); // input samples on each side
  const taps = Math.ceil(halfWidth);
  const i0Beta = besselI0(beta);

  const kernel = (x: number): number => {
    if (Math.abs(x) >= halfWidth) return 0;
    const r = x / halfWidth;
    const window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    const arg = 2 * cutoff * x;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    return 2 * cutoff * sinc * window;
  };
  // coefficient for phase p and tap i: input j = k - taps + 1 + i, offset x = t - j.
  const phaseCoefficients = (p: number): Float32Array => {
    const c = new Float32Array(2 * taps);
    for (let i = 0; i < 2 * taps; i++) c[i] = kernel(p / up + taps - 1 - i);
    return c;
  };
  const table = up <= MAX_TABLE_PHASES ? Array.from({ length: up }, (_, p) => phaseCoefficients(p)) : null;

  // Input kept from absolute index `bufStart` (buf[0 .. received - bufStart)); samples before 0 are zeros.
  // buf and the output scratch grow as needed and are reused, so a push allocates only its result.
  let buf = new Float32Array(1024);
  let bufStart = 0;
  let received = 0;
  let nextOut = 0;
  let scratch = new Float32Array(1024);

  const inputAt = (j: number): number => (j < bufStart || j >= received ? 0 : buf[j - bufStart]!);

  const produce = (limitInput: number, maxOut: number): Float32Array => {
    let count = 0;
    for (;;) {
      if (nextOut >= maxOut) break;
      const pos = nextOut * down;
      const k = Math.floor(pos / up);
      const p = pos - k * up;
      if (k + taps > limitInput) break; // needs input up to index k + taps
      const coeffs = table ? table[p]! : phaseCoefficients(p);
      const first = k - taps + 1;
      let acc = 0;
      if (first >= bufStart && first + 2 * taps <= received) {
        const off = first - bufStart;
        for (let i = 0; i < coeffs.length; i++) acc += coeffs[i]! * buf[off + i]!;
      } else {
        for (let i = 0; i < coeffs.length; i++) acc += coeffs[i]! * inputAt(first + i);
      }
      if (count === scratch.length) {
        const grown = new Float32Array(2 * scratch.length);
        grown.set(scratch);
        scratch = grown;
      }
      scratch[count++] = acc;
      nextOut++;
    }
    // Drop input no future output needs.
    const keepFrom = Math.max(bufStart, Math.floor((nextOut * down) / up) - taps);
    if (keepFrom > bufStart) {
      buf.copyWithin(0, keepFrom - bufStart, received - bufStart);
      bufStart = keepFrom;
    }
    return scratch.slice(0, count);
  };

  const passthrough = inRate === outRate;
  return {
    inRate,
    outRate,
    delaySec: passthrough ? 0 : taps / inRate,
    push(input) {
      if (passthrough) return input.slice();
      const used = received - bufStart;
      if (used + input.length > buf.length) {
        const grown = new Float32Array(Math.max(2 * buf.length, used + input.length));
        grown.set(buf.subarray(0, used));
        buf = grown;
      }
      buf.set(input, used);
      received += input.length;
      return produce(received - 1, Number.POSITIVE_INFINITY);
    },
    flush() {
      if (passthrough) return new Float32Array(0);
      const total = Math.ceil((received * up) / down);
      return produce(Number.POSITIVE_INFINITY, total);
    },
    reset() {
      bufStart = 0;
      received = 0;
      nextOut = 0;
    },
  };
}

/** Averages interleaved channels to mono. */
export function downmix(chunk: PcmChunk): Float32Array {
  const { samples, channels } = chunk;
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`PCM chunk has invalid channel count ${channels}`);
  if (samples.length % channels !== 0) {
    throw new RangeError(`PCM chunk of ${samples.length} samples is not a whole number of ${channels}-channel frames`);
  }
  if (channels === 1) return samples.slice();
  const frames = samples.length / channels;
  const out = new Float32Array(frames);
  const scale = 1 / channels;
  for (let i = 0, j = 0; i < frames; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += samples[j++]!;
    out[i] = s * scale;
  }
  return out;
}

/**
 * Downmix + resample for a stream of PcmChunks at any rate to one target rate.
 * The input rate is taken from the first chunk; a change of rate mid-stream is an error.
 */
export interface MonoConverter {
  push(chunk: PcmChunk): Float32Array;
  flush(): Float32Array;
  reset(): void;
  /** Filter delay of the current resampler (0 before the first chunk or without resampling). */
  readonly delaySec: number;
}

export function createMonoConverter(targetRate: number, options: ResamplerOptions = {}): MonoConverter {
  let resampler: StreamingResampler | null = null;
  return {
    get delaySec() {
      return resampler?.delaySec ?? 0;
    },
    push(chunk) {
      if (!resampler) resampler = createResampler(chunk.sampleRate, targetRate, options);
      else if (resampler.inRate !== chunk.sampleRate) {
        throw new RangeError(`sample rate changed mid-stream from ${resampler.inRate} Hz to ${chunk.sampleRate} Hz`);
      }
      return resampler.push(downmix(chunk));
    },
    flush() {
      return resampler ? resampler.flush() : new Float32Array(0);
    },
    reset() {
      resampler = null;
    },
  };
}
