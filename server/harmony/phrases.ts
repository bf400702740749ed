/** Where phrases end: known phrase ends (fermatas) when given, else melody notes that come to rest. */
import type { Slice } from './segment.js';

export interface PhraseOptions {
  /** A melody note at least this many times the median melody note length marks a phrase end. */
  readonly phraseNoteRatio?: number;
  /** Known phrase ends (score beats), e.g. fermatas; when not empty they replace the melody-length guess. */
  readonly phraseEnds?: readonly number[];
}

/** Per slice: does a phrase end there (a known phrase end inside it, else a melody note that rests)? */
export function phraseEndSlices(slices: readonly Slice[], options: PhraseOptions): boolean[] {
  const ends = options.phraseEnds ?? [];
  if (ends.length > 0) {
    return slices.map((s) => ends.some((b) => b >= s.startBeat - 1e-6 && b < s.endBeat - 1e-6));
  }
  const melodyPace = median(slices.filter((s) => s.topPitch >= 0).map((s) => s.topDuration));
  const phraseNote = melodyPace * (options.phraseNoteRatio ?? 2);
  return slices.map((s, k) => s.topPitch >= 0 && s.topDuration >= phraseNote && (k === 0 || slices[k - 1].topPitch !== s.topPitch || slices[k - 1].topDuration !== s.topDuration));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Phrase number per slice, given the slices where phrases come to rest: a new phrase starts once the
 * note held at the phrase end (a fermata's long note) has stopped, so the held chord stays with its phrase.
 */
export function phraseOfSlices(slices: readonly Slice[], atRest: readonly boolean[]): Int32Array {
  const out = new Int32Array(slices.length);
  let phrase = 0;
  let restUntil = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < slices.length; k++) {
    if (restUntil > Number.NEGATIVE_INFINITY && slices[k].startBeat >= restUntil - 1e-6) {
      phrase++;
      restUntil = Number.NEGATIVE_INFINITY;
    }
    out[k] = phrase;
    if (atRest[k]) restUntil = Math.max(slices[k].endBeat, slices[k].startBeat + slices[k].topDuration);
  }
  return out;
}
