/** The SOURCE.md written next to a generated set: how it was made, from what, under which licences. */
import { relative } from 'node:path';
import type { PieceReport } from './piece.js';
import { DEFAULT_SOUNDFONT } from './render.js';
import { DEFAULT_SCORES_DIR } from './scoresDir.js';

export const SOURCE_MARKER = '# Tutti orchestral evaluation set';

/** The non-default inputs, so the command line in SOURCE.md remakes the set. */
function extraOptions(options: { readonly soundfont: string; readonly scoresDir: string }): string {
  const extra: string[] = [];
  if (options.scoresDir !== DEFAULT_SCORES_DIR) extra.push(` --scores ${options.scoresDir}`);
  if (options.soundfont !== DEFAULT_SOUNDFONT) extra.push(` --soundfont ${options.soundfont}`);
  return extra.join('');
}

/** The event set's extra section: what each piece does, and the split. */
function eventsSection(reports: readonly PieceReport[]): string {
  const rows = reports.flatMap((r) => ('kind' in r ? [`| ${r.id} | ${String(r.kind)} | ${String((r as { leadIn?: string }).leadIn)} | ${String((r as { split?: string }).split)} | ${r.span} |`] : []));
  if (rows.length === 0) return '';
  return `
## Events (\`--events\`)

Each piece is followed in the **whole movement** (\`<piece>.mxl\`, the score copied); the ground truth's score ms
are the movement's, as the score loader unfolds it (repeats as written). \`<piece>.events.json\` lists the
segments of continuous music (audio ms <-> score ms) and the lead-in. Split: rounds of one piece per score
alternate \`tune\` / \`test\`; defaults are tuned on \`tune\` only (\`tutti eval --split tune|test\`).

| piece | event | lead-in | split | bars played |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

export function sourceDoc(
  options: { readonly seed: number; readonly pieces: number; readonly seconds: number; readonly soundfont: string; readonly scoresDir: string; readonly events?: boolean },
  reports: readonly PieceReport[],
): string {
  const rows = reports.map((r) => {
    const fermatas = r.holds.filter((h) => h.source === 'fermata').length;
    const inserted = r.holds.length - fermatas;
    return `| ${r.id} | ${r.title} | ${relative(options.scoresDir, r.source)} | ${r.span}${r.fromStart ? ' (from the start)' : ''} | ${r.parts} | ${r.notes} | ${r.scoreSec.toFixed(1)} | ${r.audioSec.toFixed(1)} | ${r.leadInSec.toFixed(2)} | ${r.tempoFactor.toFixed(2)} | ${fermatas} + ${inserted} | ${r.ritardandi} | ${r.reverberance.toFixed(0)} % | ${r.tuningCents >= 0 ? '+' : ''}${r.tuningCents.toFixed(0)} | ${r.snrDb.toFixed(1)} dB, ${r.coughs} |`;
  });
  return `${SOURCE_MARKER}

Synthetic "recordings" of orchestral excerpts with exact ground truth, in the layout of Bach10
(\`../shared/eval/bach10\`), made by Tutti's generator (\`server/dataset/\`) with:

    npm run tutti -- make-orchestral-set --seed ${options.seed} --pieces ${options.pieces} --seconds ${options.seconds}${options.events ? ' --events' : ''}${extraOptions(options)}

The same command, seed and inputs make the same scores, performances and noise (the audio may differ in the
last bits if fluidsynth or sox change). Not for redistribution outside the project's evaluation
without keeping the licence notes below.

## Layout

\`<piece>/<piece>.wav\`, \`<piece>.mid\`, \`<piece>.txt\` per piece, as in Bach10:

- \`.wav\`: RIFF WAV, PCM 16-bit, mono, 44100 Hz. A lead-in of hall noise, then the performance.
- \`.mid\`: the score excerpt at its **notated** tempo (the file's tempo map; tempo changes kept), standard MIDI
  format 1, PPQ 480: track 0 = tempo and time signatures, track k (k = 1..N) = the k-th part that plays in the
  excerpt (track name = part name, General MIDI program for its instrument). Beat 0 = the excerpt's first
  downbeat. This is the score a follower is given.
- \`.txt\`: note-level ground truth in Bach10's format: **tab-separated integers, CRLF**, no header, one row
  per note of the \`.mid\`: audio onset (ms from the start of the wav), score onset (ms of MIDI time through the
  file's tempo map, rounded), MIDI pitch, part (= MIDI track number 1..N; Bach10's "channel" column, which
  there also equals the track number; more than 16 parts do not fit MIDI channels). Sorted by audio onset, then
  score onset. Every \`.mid\` note has exactly one row (no missing rows, unlike Bach10's 34).

## How a piece is made

1. **Excerpt**: whole measures, about ${options.seconds} s at the notated tempo, from one of the eight CC0
   scores (piece i uses score i mod 8). A quarter of the pieces (chosen by the seed) start at the movement's
   first bar; the rest start at a sounding downbeat in the middle of the movement (seeded choice among bars with
   at least 1.5 distinct onsets per second ahead). Repeats are unfolded as the score loader plays them.
   Notes tied in from before the excerpt are left out; notes ringing past its end are cut at its last barline.
2. **Performance model** (\`server/dataset/performance.ts\`): a tempo curve = notated tempo x a global tempo
   factor (0.90-1.06) x two slow rubato waves (+/-3-6 % over 24-48 beats, +/-1.5-3.5 % over 6-14 beats) x
   phrase-final ritardandi (phrases of about 10 s, 2/4/8/16 bars counted from the movement's start; three in
   four phrases end 12-30 % slower over ~2 s) / holds: every \`<fermata>\` in the excerpt and 1-2 inserted held
   chords (long chords at phrase ends) are played 1.6-2.8 times as long, followed by a breath of silence
   (0-0.45 s). Notes then get a constant per-part lead/lag (sd 12 ms), per-note jitter (sd 8 ms), a dynamic
   curve (two slow waves around velocity 78, +6 on downbeats, sd 4), per-part legato (82-97 % of the written
   length) and instrument balance; the whole orchestra is detuned by -10 to +20 cents (A = 437-445 Hz).
3. **Ground truth**: the tempo curve's time for each score onset (one time per chord, as Bach10's ground
   truth comes from tapped beats). The notes as played deviate from it by the asynchrony and jitter above
   (within about +/-55 ms), and a soft attack speaks later than its note-on.
4. **Audio**: the performance MIDI rendered by FluidSynth (\`fluidsynth -ni -R 0 -C 0 -g 0.3 -r 44100 -O float\`) with
   ${options.soundfont}; then sox: \`reverb <45-75> 50 100 100 <10-30 ms> <-3-0 dB>\` (hall), \`highpass 30\`, mono;
   then pink audience noise that swells and settles (SNR 20-30 dB against the music's RMS) and 1-2 coughs
   (bursts of resonant noise, 2-8 dB below the music's RMS), peak-normalized to -1 dBFS.

## Pieces (seed ${options.seed})

| piece | work | score | excerpt | parts | notes | score s | audio s | lead-in s | tempo x | holds (fermata + inserted) | ritardandi | reverb | tuning (cents) | noise, coughs |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | --- |
${rows.join('\n')}

${eventsSection(reports)}
## Licences

- Scores: OpenScore Orchestra MusicXML, **CC0 1.0** (public domain dedication), via the MarkGotham/Hauptstimme
  repository; see \`${options.scoresDir}/SOURCE.md\` and each folder's \`SOURCE.md\` for exact paths and commit.
  The \`.mid\` and \`.txt\` files here are derived from them and from the seeded performance model.
- Sounds: **FluidR3_GM** soundfont by Frank Wen and contributors, **MIT licence** (Debian package
  \`fluid-soundfont-gm\`, \`/usr/share/doc/fluid-soundfont-gm/copyright\`). Rendered with FluidSynth (LGPL-2.1+)
  and SoX (GPL-2.0+ / LGPL-2.1+), used as programs.
- Noise: generated by the generator (no recordings).
`;
}
