/**
 * Harmonic slicing: the score cut on a beat grid, each slice a duration- and metre-weighted
 * pitch-class profile. Non-chord tones are damped where they can be recognised cheaply: notes that
 * start off the beat (passing and neighbour tones, arpeggio fill) and suspensions (a note tied over
 * the beat that then falls by step in the same voice).
 */
import type { Score, ScoreNote } from '../score/types.js';

export interface Slice {
  readonly startBeat: number;
  readonly endBeat: number;
  /** Index of the measure (Score.measures) the slice lies in. */
  readonly measureIndex: number;
  /** 1-based beat in the measure, in quarter notes (as ScoreNote.beatInMeasure). */
  readonly beatInMeasure: number;
  /** 0 downbeat, 1 other beats in the grid; used to make chord changes cheaper on strong beats. */
  readonly strength: number;
  /** Weighted pitch-class profile (not normalised). */
  readonly weights: Float64Array;
  /** Lowest sounding pitch at the slice start (or the lowest in the slice), −1 when silent. */
  readonly bassPitch: number;
  /**
   * How long the bass pitch class stays the lowest sound from the slice start (quarters), through
   * repeated or octave-shifted notes of it: short bass notes are figuration (Alberti, arpeggios),
   * a bass that repeats its note (E2 E3 E3 E3 under a cadential 6-4) is held.
   */
  readonly bassHold: number;
  /** Highest sounding pitch at the slice start, −1 when silent. */
  readonly topPitch: number;
  /** Duration of the highest note sounding at the slice start, from its onset (quarters); 0 when silent. */
  readonly topDuration: number;
}

const EPS = 1e-6;
const ONBEAT = 1.0;
const HELD = 0.85;
const OFFBEAT = 0.55;
const SUSPENSION = 0.25;
const BASS_BONUS = 0.6;

/** Grid unit in quarter notes: quarters in x/4 and x/2, dotted quarters in compound x/8, eighths in 3/8. */
export function gridUnit(numerator: number, denominator: number): number {
  if (denominator === 8) return numerator % 3 === 0 && numerator > 3 ? 1.5 : 0.5;
  if (denominator >= 16) return 4 / denominator;
  return 1;
}

const voiceKey = (n: ScoreNote): string => `${n.partId}/${n.staff}/${n.voice}`;

/** For each note, whether it is a suspension: sounding before the grid point and resolving down by step in its voice. */
function findSuspensions(notes: readonly ScoreNote[]): Uint8Array {
  const byVoice = new Map<string, number[]>();
  notes.forEach((n, i) => {
    const list = byVoice.get(voiceKey(n));
    if (list) list.push(i);
    else byVoice.set(voiceKey(n), [i]);
  });
  const suspended = new Uint8Array(notes.length);
  for (const list of byVoice.values()) {
    for (let j = 0; j + 1 < list.length; j++) {
      const a = notes[list[j]];
      const b = notes[list[j + 1]];
      const step = a.pitch - b.pitch;
      const contiguous = Math.abs(a.onsetBeat + a.durationBeat - b.onsetBeat) < EPS;
      if (contiguous && (step === 1 || step === 2)) suspended[list[j]] = 1;
    }
  }
  return suspended;
}

export function sliceScore(score: Score): Slice[] {
  const starts: number[] = [];
  const ends: number[] = [];
  const measureOf: number[] = [];
  const strengths: number[] = [];
  for (const m of score.measures) {
    const unit = gridUnit(m.timeSignature.numerator, m.timeSignature.denominator);
    const end = m.startBeat + m.durationBeat;
    for (let s = m.startBeat, k = 0; s < end - EPS; s += unit, k++) {
      starts.push(s);
      ends.push(Math.min(s + unit, end));
      measureOf.push(m.index);
      strengths.push(k === 0 ? 0 : 1);
    }
  }
  const count = starts.length;
  const weights = Array.from({ length: count }, () => new Float64Array(12));
  const bass = new Array<number>(count).fill(-1);
  const bassEnd = new Array<number>(count).fill(0);
  const bassAny = new Array<number>(count).fill(-1);
  const top = new Array<number>(count).fill(-1);
  const topDur = new Array<number>(count).fill(0);
  const suspended = findSuspensions(score.notes);
  const sliceNotes: number[][] = Array.from({ length: count }, () => []);

  const firstSliceAtOrAfter = (beat: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= beat + EPS) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  score.notes.forEach((n, i) => {
    const noteEnd = n.onsetBeat + n.durationBeat;
    const pitchClass = ((n.pitch % 12) + 12) % 12;
    for (let k = firstSliceAtOrAfter(n.onsetBeat); k < count && starts[k] < noteEnd - EPS; k++) {
      const overlap = Math.min(noteEnd, ends[k]) - Math.max(n.onsetBeat, starts[k]);
      if (overlap <= EPS) continue;
      sliceNotes[k].push(i);
      const attacked = Math.abs(n.onsetBeat - starts[k]) < EPS;
      const held = n.onsetBeat < starts[k] - EPS;
      // A suspension is the held-over note in the slice where it would resolve; elsewhere it is a chord tone.
      const resolvesHere = held && suspended[i] === 1 && noteEnd < ends[k] - EPS;
      const factor = attacked ? ONBEAT : held ? (resolvesHere ? SUSPENSION : HELD) : OFFBEAT;
      weights[k][pitchClass] += overlap * factor;
      const soundingAtStart = n.onsetBeat <= starts[k] + EPS;
      if (soundingAtStart) {
        if (bass[k] < 0 || n.pitch < bass[k]) {
          bass[k] = n.pitch;
          bassEnd[k] = noteEnd;
        }
        if (top[k] < 0 || n.pitch > top[k]) {
          top[k] = n.pitch;
          topDur[k] = noteEnd - n.onsetBeat;
        }
      }
      if (bassAny[k] < 0 || n.pitch < bassAny[k]) bassAny[k] = n.pitch;
    }
  });

  /** The end of the bass's hold in slice k: its note, then any note of the same pitch class that takes over as the lowest sound. */
  const bassHoldEnd = (k: number): number => {
    let end = bassEnd[k];
    const pitchClass = bass[k] % 12;
    for (let step = 0; step < 64 && end < ends[k] - EPS; step++) {
      const at = end;
      const next = sliceNotes[k].find((i) => {
        const n = score.notes[i];
        if (Math.abs(n.onsetBeat - at) > EPS || n.pitch % 12 !== pitchClass) return false;
        return !sliceNotes[k].some((j) => j !== i && score.notes[j].pitch < n.pitch && score.notes[j].onsetBeat <= at + EPS && score.notes[j].onsetBeat + score.notes[j].durationBeat > at + EPS);
      });
      if (next === undefined) break;
      end = score.notes[next].onsetBeat + score.notes[next].durationBeat;
    }
    return end;
  };

  const measures = score.measures;
  return starts.map((s, k) => {
    const bassPitch = bass[k] >= 0 ? bass[k] : bassAny[k];
    if (bassPitch >= 0) weights[k][bassPitch % 12] += BASS_BONUS * (ends[k] - s);
    return {
      startBeat: s,
      endBeat: ends[k],
      measureIndex: measureOf[k],
      beatInMeasure: s - measures[measureOf[k]].startBeat + 1,
      strength: strengths[k],
      weights: weights[k],
      bassPitch,
      bassHold: bass[k] >= 0 ? bassHoldEnd(k) - s : 0,
      topPitch: top[k],
      topDuration: topDur[k],
    };
  });
}
