/**
 * The two MIDI files of a piece: the score excerpt at its notated tempo (what the follower is given) and the
 * performance (played timing and dynamics, General MIDI sounds) that fluidsynth renders.
 */
import tonejs from '@tonejs/midi';
import { PPQ, type Excerpt } from './excerpt.js';
import { assignChannels, gmSoundFor } from './instruments.js';
import type { Performance } from './performance.js';

const { Midi } = tonejs;
type MidiFile = InstanceType<typeof Midi>;

/** @tonejs/midi floors velocity * 127; aim at the middle of the step so 80 stays 80. */
export const toUnitVelocity = (v: number): number => Math.min(1, (Math.round(Math.max(1, Math.min(127, v))) + 0.5) / 127);

/** One named track per part, with its General MIDI program on a channel of its own (the same in both files). */
function addPartTracks(midi: MidiFile, excerpt: Excerpt) {
  const sounds = excerpt.parts.map(gmSoundFor);
  const channels = assignChannels(sounds.map((s) => s.program));
  const tracks = excerpt.parts.map((part, i) => {
    const track = midi.addTrack();
    track.name = part.name;
    track.channel = channels[i];
    track.instrument.number = sounds[i].program;
    return track;
  });
  return { tracks, sounds };
}

/**
 * The score excerpt: one track per part (track 1 = first part; track 0 holds tempo and meter, as in Bach10),
 * notated tempo changes and time signatures, every note at velocity 80.
 */
export function scoreMidi(excerpt: Excerpt): MidiFile {
  const midi = new Midi();
  midi.header.name = `${excerpt.title} (m${excerpt.firstMeasure}-${excerpt.lastMeasure})`;
  midi.header.tempos = excerpt.tempoMap.map((t) => ({ ticks: Math.round(t.beat * PPQ), bpm: t.bpm }));
  let lastSig = '';
  for (const m of excerpt.measures) {
    const sig = `${m.timeSignature.numerator}/${m.timeSignature.denominator}`;
    if (sig === lastSig) continue;
    lastSig = sig;
    midi.header.timeSignatures.push({
      ticks: Math.round(m.startBeat * PPQ),
      timeSignature: [m.timeSignature.numerator, m.timeSignature.denominator],
    });
  }
  midi.header.update();
  const { tracks } = addPartTracks(midi, excerpt);
  for (const n of excerpt.notes) {
    tracks[n.partIndex].addNote({
      midi: n.pitch,
      ticks: Math.round(n.onsetBeat * PPQ),
      durationTicks: Math.max(1, Math.round(n.durationBeat * PPQ)),
      velocity: toUnitVelocity(80),
    });
  }
  return midi;
}

/** Pitch-bend value (14-bit, signed, as the MIDI writer takes it) for a detune, with the GM default range of ±2 semitones. */
export const pitchBendForCents = (cents: number): number => Math.max(-8192, Math.min(8191, Math.round((cents / 200) * 8192)));

/**
 * The performance at 120 bpm (one tick = 1/960 s): performed times, velocities balanced per instrument, the
 * whole orchestra detuned by `tuningCents` (orchestras tune to A = 440-446 Hz).
 */
export function performanceMidi(excerpt: Excerpt, performance: Performance, tuningCents = 0): MidiFile {
  const midi = new Midi();
  midi.header.name = `${excerpt.title} (performance)`;
  midi.header.tempos = [{ ticks: 0, bpm: 120 }];
  midi.header.update();
  const { tracks, sounds } = addPartTracks(midi, excerpt);
  for (const track of tracks) {
    // Dry sound: the hall reverb comes later from sox, the same for every instrument.
    track.addCC({ number: 91, value: 0, ticks: 0 });
    track.addCC({ number: 93, value: 0, ticks: 0 });
    if (tuningCents !== 0) track.addPitchBend({ ticks: 0, value: pitchBendForCents(tuningCents) });
  }
  const secToTicks = (sec: number): number => Math.round(sec * 960);
  const sorted = [...performance.notes].sort((a, b) => a.onsetSec - b.onsetSec);
  for (const n of sorted) {
    const ticks = secToTicks(n.onsetSec);
    tracks[n.partIndex].addNote({
      midi: n.pitch,
      ticks,
      durationTicks: Math.max(1, secToTicks(n.offsetSec) - ticks),
      velocity: toUnitVelocity(n.velocity + sounds[n.partIndex].velocityOffset),
    });
  }
  return midi;
}

export function midiBytes(midi: MidiFile): Uint8Array {
  return midi.toArray();
}

export function parseMidi(bytes: Uint8Array): MidiFile {
  return new Midi(bytes);
}
