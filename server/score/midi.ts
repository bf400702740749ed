/**
 * Standard MIDI File → score draft: one part per track with notes, measures from the time
 * signatures (4/4 when there are none), tempo map from the tempo events.
 */
import tonejsMidi from '@tonejs/midi';
import type { DraftMeasure, DraftNote, ScoreDraft } from './assemble.js';
import { ScoreError } from './errors.js';
import { instrumentFamily } from './family.js';
import type { KeySignature, Part, TimeSignature } from './types.js';

// @tonejs/midi is CommonJS: Node's ESM loader only sees its default export.
const { Midi } = tonejsMidi;
type Midi = InstanceType<typeof Midi>;

const MAJOR_KEY_FIFTHS: Readonly<Record<string, number>> = {
  Cb: -7, Gb: -6, Db: -5, Ab: -4, Eb: -3, Bb: -2, F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5, 'F#': 6, 'C#': 7,
};
const MINOR_KEY_FIFTHS: Readonly<Record<string, number>> = {
  Ab: -7, Eb: -6, Bb: -5, F: -4, C: -3, G: -2, D: -1, A: 0, E: 1, B: 2, 'F#': 3, 'C#': 4, 'G#': 5, 'D#': 6, 'A#': 7,
};

/** About 14 hours at 120 bpm: longer than any real score. */
const MAX_BEATS = 100_000;

const chunkId = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * Checks the chunk structure before parsing: @tonejs/midi silently accepts truncated files,
 * and a follower fed half a score is worse than a clear error.
 */
function checkChunks(bytes: Uint8Array, source: string): void {
  if (bytes.length < 14 || chunkId(bytes, 0) !== 'MThd') throw new ScoreError(source, 'not a Standard MIDI File (no "MThd" header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4);
  const tracks = view.getUint16(10);
  if (view.getUint16(12) & 0x8000) throw new ScoreError(source, 'SMPTE time division is not supported (only ticks per quarter note)');
  let at = 8 + headerLength;
  for (let track = 1; track <= tracks; track++) {
    if (at + 8 > bytes.length) throw new ScoreError(source, `truncated MIDI file: the header promises ${tracks} tracks, found ${track - 1}`);
    const id = chunkId(bytes, at);
    const length = view.getUint32(at + 4);
    if (id !== 'MTrk') throw new ScoreError(source, `malformed MIDI file: expected track chunk "MTrk" at byte ${at}, found "${id.replace(/[^\x20-\x7e]/g, '?')}"`);
    if (at + 8 + length > bytes.length) {
      throw new ScoreError(source, `truncated MIDI file: track ${track} declares ${length} bytes, only ${bytes.length - at - 8} remain`);
    }
    at += 8 + length;
  }
}

function parseMidi(bytes: Uint8Array, source: string): Midi {
  checkChunks(bytes, source);
  try {
    return new Midi(bytes);
  } catch (err) {
    throw new ScoreError(source, `malformed MIDI file: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
  }
}

function measuresFromTimeSignatures(midi: Midi, endBeat: number): DraftMeasure[] {
  const ppq = midi.header.ppq;
  const changes = midi.header.timeSignatures
    .map((t) => ({ beat: t.ticks / ppq, sig: { numerator: t.timeSignature[0], denominator: t.timeSignature[1] } }))
    .filter((t) => t.sig.numerator > 0 && t.sig.denominator > 0)
    .sort((a, b) => a.beat - b.beat);
  const measures: DraftMeasure[] = [];
  let sig: TimeSignature = changes.length > 0 && changes[0].beat <= 0 ? changes[0].sig : { numerator: 4, denominator: 4 };
  let next = changes.findIndex((c) => c.beat > 0);
  let beat = 0;
  // A measure starts at least every time a time signature changes; stop once every note is covered.
  while (beat < endBeat - 1e-9 || measures.length === 0) {
    while (next >= 0 && next < changes.length && changes[next].beat <= beat + 1e-9) sig = changes[next++].sig;
    let length = (sig.numerator * 4) / sig.denominator;
    if (next >= 0 && next < changes.length && changes[next].beat < beat + length - 1e-9) length = changes[next].beat - beat;
    measures.push({ number: String(measures.length + 1), startBeat: beat, durationBeat: length, timeSignature: sig, printedIndex: measures.length });
    beat += length;
  }
  return measures;
}

function keySignatures(midi: Midi): KeySignature[] {
  return midi.header.keySignatures.map((k) => {
    const minor = k.scale === 'minor';
    return { beat: k.ticks / midi.header.ppq, fifths: (minor ? MINOR_KEY_FIFTHS : MAJOR_KEY_FIFTHS)[k.key] ?? 0, mode: minor ? 'minor' : 'major' };
  });
}

export function midiToDraft(bytes: Uint8Array, source: string): ScoreDraft {
  const midi = parseMidi(bytes, source);
  const ppq = midi.header.ppq;
  if (!(ppq > 0)) throw new ScoreError(source, `malformed MIDI file: division (ticks per quarter note) is ${ppq}`);
  const parts: Part[] = [];
  const notes: DraftNote[] = [];
  let endBeat = 0;
  midi.tracks.forEach((track, trackIndex) => {
    if (track.notes.length === 0) return;
    const partId = `P${trackIndex + 1}`;
    const name = track.name.trim() || track.instrument.name || `Track ${trackIndex + 1}`;
    parts.push({ id: partId, name, family: instrumentFamily(name, track.instrument.number, track.channel) });
    track.notes.forEach((n, k) => {
      const onsetBeat = n.ticks / ppq;
      const durationBeat = n.durationTicks / ppq;
      endBeat = Math.max(endBeat, onsetBeat + durationBeat);
      notes.push({ id: `${partId}-n${k}`, partId, pitch: n.midi, onsetBeat, durationBeat, staff: 1, voice: track.channel + 1, tieMerged: false });
    });
  });
  // A corrupt delta time can place a note weeks into the piece; refuse rather than build millions of measures.
  if (endBeat > MAX_BEATS) throw new ScoreError(source, `implausible MIDI timing: a note ends at beat ${Math.round(endBeat)} (corrupt file?)`);
  return {
    title: midi.header.name.trim() || midi.name.trim(),
    composer: '',
    parts,
    notes,
    measures: measuresFromTimeSignatures(midi, endBeat),
    tempos: midi.header.tempos.map((t) => ({ beat: t.ticks / ppq, bpm: t.bpm })),
    keySignatures: keySignatures(midi),
    source,
  };
}
