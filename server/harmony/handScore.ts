/**
 * Small hand-written scores for tests: a list of voices, each a list of [MIDI pitch, quarters]
 * (pitch −1 = rest), all in one metre. Builds the same Score model the loaders produce.
 */
import type { Measure, Score, ScoreNote } from '../score/types.js';

export type HandNote = readonly [pitch: number, quarters: number];

export function handScore(voices: readonly (readonly HandNote[])[], numerator = 4, title = 'hand-built test score'): Score {
  const notes: ScoreNote[] = [];
  let length = 0;
  voices.forEach((voice, v) => {
    let beat = 0;
    voice.forEach(([pitch, quarters], k) => {
      if (pitch >= 0) {
        notes.push({
          id: `v${v}-n${k}`,
          partId: `P${v + 1}`,
          pitch,
          onsetBeat: beat,
          durationBeat: quarters,
          onsetSec: beat / 2,
          durationSec: quarters / 2,
          measure: String(Math.floor(beat / numerator) + 1),
          beatInMeasure: (beat % numerator) + 1,
          staff: 1,
          voice: 1,
          tieMerged: false,
        });
      }
      beat += quarters;
    });
    length = Math.max(length, beat);
  });
  notes.sort((a, b) => a.onsetBeat - b.onsetBeat || a.pitch - b.pitch);
  const measures: Measure[] = Array.from({ length: Math.ceil(length / numerator) }, (_, i) => ({
    index: i,
    number: String(i + 1),
    startBeat: i * numerator,
    durationBeat: numerator,
    timeSignature: { numerator, denominator: 4 },
    startSec: (i * numerator) / 2,
  }));
  return {
    title,
    composer: 'test',
    parts: voices.map((_, v) => ({ id: `P${v + 1}`, name: `voice ${v + 1}`, family: 'voice' as const })),
    notes,
    measures,
    tempoMap: [{ beat: 0, bpm: 120, sec: 0 }],
    keySignatures: [{ beat: 0, fifths: 0, mode: 'major' }],
    source: title,
  };
}
