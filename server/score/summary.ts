/** A human-readable summary of a score, for `tutti score inspect`. */
import { beatToSec, locateBeat } from './timemap.js';
import type { Score } from './types.js';

const formatSec = (sec: number): string => `${Math.floor(sec / 60)}:${(sec % 60).toFixed(1).padStart(4, '0')}`;
const round = (x: number): string => String(Math.round(x * 1000) / 1000);

function keyName(fifths: number, mode: string): string {
  const major = ['Cb', 'Gb', 'Db', 'Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
  const minor = ['Ab', 'Eb', 'Bb', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];
  const i = fifths + 7;
  if (i < 0 || i >= major.length) return `${fifths} fifths`;
  const accidentals = fifths === 0 ? 'no accidentals' : `${Math.abs(fifths)} ${fifths > 0 ? 'sharp' : 'flat'}${Math.abs(fifths) > 1 ? 's' : ''}`;
  if (mode === 'minor') return `${minor[i]} minor (${accidentals})`;
  if (mode === 'major') return `${major[i]} major (${accidentals})`;
  return `${major[i]} major / ${minor[i]} minor (${accidentals})`;
}

export function summarizeScore(score: Score): string {
  const last = score.measures[score.measures.length - 1];
  const endBeat = score.notes.reduce((end, n) => Math.max(end, n.onsetBeat + n.durationBeat), last ? last.startBeat + last.durationBeat : 0);
  const endSec = beatToSec(score, endBeat);
  const printed = new Set(score.measures.map((m) => m.printedIndex ?? m.index)).size;
  const notesPerPart = new Map<string, number>();
  for (const n of score.notes) notesPerPart.set(n.partId, (notesPerPart.get(n.partId) ?? 0) + 1);
  const lines = [
    `Title:     ${score.title || '(none)'}`,
    `Composer:  ${score.composer || '(none)'}`,
    `File:      ${score.source}`,
    `Parts:     ${score.parts.length}`,
    ...score.parts.map((p) => `  ${p.id.padEnd(6)} ${p.name.padEnd(24)} ${p.family.padEnd(10)} ${notesPerPart.get(p.id) ?? 0} notes`),
    `Measures:  ${score.measures.length} played (${printed} printed, ${score.measures[0]?.number ?? '?'}..${last?.number ?? '?'})`,
    `Duration:  ${round(endBeat)} beats (quarter notes), ${round(endSec)} s (${formatSec(endSec)}) at the notated tempo`,
    `Tempo:     ${score.tempoMap.length <= 1 ? 'constant' : `${score.tempoMap.length - 1} change${score.tempoMap.length === 2 ? '' : 's'}`}`,
    ...score.tempoMap.map((t) => `  beat ${round(t.beat).padStart(8)}  measure ${locateBeat(score, t.beat).measure.padEnd(5)} ${round(t.bpm)} quarter notes/min  (at ${formatSec(t.sec)})`),
    `Keys:      ${score.keySignatures.length === 0 ? 'none given' : `${score.keySignatures.length} key signature${score.keySignatures.length === 1 ? '' : 's'}`}`,
    ...score.keySignatures.map((k) => `  beat ${round(k.beat).padStart(8)}  measure ${locateBeat(score, k.beat).measure.padEnd(5)} ${keyName(k.fifths, k.mode)}`),
    `Fermatas:  ${score.fermatas?.length ?? 0}${(score.fermatas ?? []).length > 0 ? ` (measures ${[...new Set(score.fermatas!.map((f) => f.measure))].join(', ')})` : ''}`,
    `Notes:     ${score.notes.length} (${score.notes.filter((n) => n.tieMerged).length} with tied continuations merged)`,
  ];
  return lines.join('\n');
}
