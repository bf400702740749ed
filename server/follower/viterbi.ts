/**
 * Windowed left-to-right Viterbi over the score template — on-line time warping in which every
 * performance frame advances the path by exactly one row, so accumulated costs in a row are
 * comparable and the best score position *in the current row* can be read out causally
 * (the facts.md probe: reading the row minimum beat reading OLTW's path head by 16 points).
 *
 * Per performance frame the score position may stay, advance 1, 2 or 3 template frames
 * (0×…3× the notated tempo). Staying costs a little, so held chords (fermatas) may extend for free
 * of mismatch but the path prefers the notated tempo when the evidence is flat.
 */
import type { SalienceFrame } from '../pipeline.js';
import { PITCH_BINS, type Template } from './template.js';
import type { Aligner, AlignerPosition } from './types.js';

export interface ViterbiOptions {
  /** Search window behind / ahead of the current best position, seconds of template. */
  readonly backSec?: number;
  readonly aheadSec?: number;
  /** Cost added for a frame in which the score does not advance. */
  readonly stayPenalty?: number;
  /** Costs for advancing 2 and 3 template frames in one performance frame. */
  readonly skip2Penalty?: number;
  readonly skip3Penalty?: number;
  /** A frame whose strongest pitch activation is below this is treated as silence (position held). */
  readonly silenceThreshold?: number;
  /** Smoothing time constant of the reported match quality, seconds. */
  readonly matchTauSec?: number;
  /** Weight of the onset activations added to the note activations (attacks show up earlier there). */
  readonly onsetWeight?: number;
  /**
   * Cost of entering a new chord without onset evidence: crossing into an event costs
   * `attackPenalty × (1 − mean onset activation of its attacked pitches over the last frames)`.
   * Stops the path from sliding into the next chord while the previous one decays (fermatas).
   */
  readonly attackPenalty?: number;
  /** Frames of onset memory for the attack evidence. */
  readonly attackMemoryFrames?: number;
  /**
   * The attack penalty applies only to chords that follow an event at least this long (score seconds):
   * sliding happens at the end of long, decaying chords; in fast passages it would only slow the path.
   */
  readonly attackAfterSec?: number;
  /** Evidence of an attack: the mean or the strongest onset activation over the chord's attacked pitches. */
  readonly attackEvidence?: 'mean' | 'max';
  /**
   * Before the music has started, a frame only counts as sound when its cosine similarity with the
   * opening (first `backSec + aheadSec` of the template) reaches this; noise before the music is held as silence.
   */
  readonly startMatch?: number;
  /**
   * Consecutive frames resembling the opening needed to start the search there: a chance likeness of a
   * single frame of applause or noise does not start the music.
   */
  readonly startFrames?: number;
  /**
   * A sounding frame whose best cosine similarity anywhere in the search window is below this is not
   * this music (applause, coughs, a page of noise): the position is held as in silence. 0 = off.
   */
  readonly holdBelowMatch?: number;
}

export const VITERBI_DEFAULTS: Required<ViterbiOptions> = {
  backSec: 0.5,
  aheadSec: 3,
  stayPenalty: 0.02,
  skip2Penalty: 0.01,
  skip3Penalty: 0.05,
  silenceThreshold: 0.2,
  matchTauSec: 0.5,
  onsetWeight: 0,
  attackPenalty: 0.3,
  attackMemoryFrames: 6,
  attackEvidence: 'mean',
  attackAfterSec: 0.4,
  startMatch: 0.5,
  startFrames: 4,
  holdBelowMatch: 0.3,
};

/** 1 − cosine between a salience frame (unnormalised) and unit-length template rows [lo, hi]. */
export function frameCosts(template: Template, notes: Float32Array, lo: number, hi: number, out: Float64Array): void {
  let norm = 0;
  for (let k = 0; k < PITCH_BINS; k++) norm += notes[k]! * notes[k]!;
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const v = template.vectors;
  for (let i = lo; i <= hi; i++) {
    let dot = 0;
    const base = i * PITCH_BINS;
    for (let k = 0; k < PITCH_BINS; k++) dot += v[base + k]! * notes[k]!;
    out[i] = 1 - dot * inv;
  }
}

/** The vector matched against the template: note activations plus weighted onset activations. */
export function frameFeatures(frame: SalienceFrame, onsetWeight: number, out: Float32Array): Float32Array {
  if (onsetWeight === 0) return frame.notes;
  for (let k = 0; k < PITCH_BINS; k++) out[k] = frame.notes[k]! + onsetWeight * frame.onsets[k]!;
  return out;
}

export function maxActivation(notes: Float32Array): number {
  let m = 0;
  for (let k = 0; k < notes.length; k++) if (notes[k]! > m) m = notes[k]!;
  return m;
}

export interface ViterbiAligner extends Aligner {
  /** Restart the search around a template frame (used by jump recovery). */
  relocate(templateIndex: number): void;
  /** Current best template frame. */
  readonly best: number;
  /** False until the first sounding frame was aligned (or a relocation placed the search). */
  readonly started: boolean;
  /** Whether audio like the opening may start the search (default true; `reset()` restores it); `relocate` always does. */
  allowOpeningStart(allowed: boolean): void;
}

export function createViterbiAligner(template: Template, options: ViterbiOptions = {}): ViterbiAligner {
  const o = { ...VITERBI_DEFAULTS, ...options };
  const n = template.nFrames;
  const back = Math.max(3, Math.round(o.backSec * template.frameRate));
  const ahead = Math.max(3, Math.round(o.aheadSec * template.frameRate));
  const D = new Float64Array(n);
  const cost = new Float64Array(n);
  let lo = 0;
  let hi = 0;
  let best = 0;
  let match = 0;
  let started = false;
  let startAtOpening = true;
  // Relocated before any frame was aligned: the next frame sets the match outright, as a first sound does.
  let placedBeforeSound = false;
  let relocatedPending = false;
  let openingRun = 0;

  // Per-frame smoothing factor of the reported match quality.
  const alpha = 1 - Math.exp(-1 / (o.matchTauSec * template.frameRate));
  const feature = new Float32Array(PITCH_BINS);
  const features = (frame: SalienceFrame) => frameFeatures(frame, o.onsetWeight, feature);
  // Recent onset activations (ring of attackMemoryFrames frames) and the per-event crossing costs.
  const memory = Math.max(1, o.attackMemoryFrames);
  const onsetRing = new Float32Array(memory * PITCH_BINS);
  let ringPos = 0;
  const crossCost = new Float64Array(n);
  const es = template.eventStart;

  function rememberOnsets(onsets: Float32Array): void {
    onsetRing.set(onsets.subarray(0, PITCH_BINS), ringPos * PITCH_BINS);
    ringPos = (ringPos + 1) % memory;
  }

  function attackEvidence(bins: readonly number[]): number {
    if (bins.length === 0) return 1;
    let sum = 0;
    let strongest = 0;
    for (const b of bins) {
      let m = 0;
      for (let r = 0; r < memory; r++) m = Math.max(m, onsetRing[r * PITCH_BINS + b]!);
      sum += m;
      strongest = Math.max(strongest, m);
    }
    return Math.min(1, o.attackEvidence === 'max' ? strongest : sum / bins.length);
  }

  /** Transition cost from frame `from` to `to`: an attack penalty if a chord starts in (from, to]. */
  function crossing(from: number, to: number): number {
    const s = es[to]!;
    return s > from ? crossCost[s]! : 0;
  }

  function seed(index: number): void {
    D.fill(Infinity);
    best = Math.min(n - 1, Math.max(0, index));
    D[best] = 0;
    lo = best;
    hi = best;
  }
  seed(0);

  return {
    get best() {
      return best;
    },
    get started() {
      return started;
    },
    reset() {
      seed(0);
      onsetRing.fill(0);
      ringPos = 0;
      match = 0;
      started = false;
      startAtOpening = true;
      placedBeforeSound = false;
      relocatedPending = false;
      openingRun = 0;
    },
    allowOpeningStart(allowed) {
      startAtOpening = allowed;
    },
    relocate(index) {
      seed(index);
      relocatedPending = true;
      // Placed by the global search or the operator: no need to wait for audio like the opening.
      if (!started) placedBeforeSound = true;
      started = true;
    },
    step(frame: SalienceFrame): AlignerPosition {
      let silent = maxActivation(frame.notes) < o.silenceThreshold;
      const relocated = relocatedPending;
      relocatedPending = false;
      rememberOnsets(frame.onsets);
      if (!silent && !started && !startAtOpening) silent = true;
      else if (!silent && !started && o.startMatch > 0) {
        const end = Math.min(n - 1, back + ahead);
        frameCosts(template, features(frame), 0, end, cost);
        let bestCos = 0;
        for (let i = 0; i <= end; i++) bestCos = Math.max(bestCos, 1 - cost[i]!);
        openingRun = bestCos < o.startMatch ? 0 : openingRun + 1;
        if (openingRun < o.startFrames) silent = true;
      }
      if (silent) {
        // Nothing to align: hold the position rather than drift at the notated tempo.
        match *= 1 - alpha;
        return { frameTimeSec: frame.timeSec, templateIndex: best, scoreSec: template.scoreSec[best]!, match, silent: true, relocated };
      }
      const firstSound = !started || placedBeforeSound;
      placedBeforeSound = false;
      started = true;
      const newLo = Math.max(0, best - back);
      const newHi = Math.min(n - 1, best + ahead);
      frameCosts(template, features(frame), newLo, newHi, cost);
      if (o.holdBelowMatch > 0) {
        let bestCos = 0;
        for (let i = newLo; i <= newHi; i++) bestCos = Math.max(bestCos, 1 - cost[i]!);
        if (bestCos < o.holdBelowMatch) {
          match *= 1 - alpha;
          return { frameTimeSec: frame.timeSec, templateIndex: best, scoreSec: template.scoreSec[best]!, match, silent: true, relocated };
        }
      }
      if (o.attackPenalty > 0) {
        for (let i = newLo; i <= newHi; i++) {
          if (es[i] === i) {
            crossCost[i] = template.attackGapSec[i]! >= o.attackAfterSec ? o.attackPenalty * (1 - attackEvidence(template.attacks[i]!)) : 0;
          }
        }
      }
      // In place, top-down: D[i-1..i-3] still hold the previous row when D[i] is written.
      for (let i = newHi; i >= newLo; i--) {
        let m = D[i]! + o.stayPenalty;
        if (i >= 1) m = Math.min(m, D[i - 1]! + crossing(i - 1, i));
        if (i >= 2) m = Math.min(m, D[i - 2]! + o.skip2Penalty + crossing(i - 2, i));
        if (i >= 3) m = Math.min(m, D[i - 3]! + o.skip3Penalty + crossing(i - 3, i));
        D[i] = m + cost[i]!;
      }
      for (let i = lo; i < newLo; i++) D[i] = Infinity;
      for (let i = newHi + 1; i <= hi; i++) D[i] = Infinity;
      lo = newLo;
      hi = newHi;
      let bi = lo;
      for (let i = lo + 1; i <= hi; i++) if (D[i]! < D[bi]!) bi = i;
      const floor = D[bi]!;
      for (let i = lo; i <= hi; i++) D[i] = D[i]! - floor;
      best = bi;
      // The first sounding frame sets the match outright, so the state does not start as 'lost'.
      match = firstSound ? 1 - cost[bi]! : match + alpha * (1 - cost[bi]! - match);
      return { frameTimeSec: frame.timeSec, templateIndex: best, scoreSec: template.scoreSec[best]!, match, silent: false, relocated };
    },
  };
}
