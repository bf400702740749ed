/**
 * Payloads carried over socket.io. Pure TypeScript: no Node or DOM imports, so the
 * server and the browser client share it unchanged.
 */
import type { Position } from '../pipeline.js';
import type {
  Infer,
  clockRequestSchema,
  conductorCommandSchema,
  cueCommandSchema,
  jumpCommandSchema,
  messageCommandSchema,
  micChunkSchema,
  micClaimSchema,
  modeCommandSchema,
  replayRequestSchema,
  selectCommandSchema,
  stepCommandSchema,
} from './schemas.js';

export type { Position, FollowState } from '../pipeline.js';

/** A concert session moves waiting → live → ended; a new start opens a new live session. */
export type SessionState = 'waiting' | 'live' | 'ended';

/** Everything a late joiner needs to draw the current picture at once. */
export interface SessionSnapshot {
  readonly state: SessionState;
  /** Null before the first session has started. */
  readonly sessionId: string | null;
  readonly title: string | null;
  /** Wall-clock milliseconds (Date.now()) of the start and end, null when not yet reached. */
  readonly startedAtMs: number | null;
  readonly endedAtMs: number | null;
  /** The follower's latest report; null until a position source produces one. */
  readonly position: Position | null;
  /** The bar to show: the latest position's measure or an operator jump, whichever is newer. */
  readonly currentMeasure: string | null;
  /** Who decided the bar shown now: the follower, or the operator (a cue in manual mode, a jump). Null before the first. */
  readonly source?: TickSource | null;
  /**
   * Whether audio reaches the follower (optional, additive: absent from servers that do not watch
   * their input; null before the live input has said anything). A stall or an end is reported within
   * a second; the bar shown stays the last one heard, and views should say so calmly.
   */
  readonly input?: InputStatus | null;
}

/** 'receiving': audio arrives; 'no input': none for half a second (a dead line, a stalled pipe); 'input ended': the stream or file is over. */
export type InputState = 'receiving' | 'no input' | 'input ended';

export interface InputStatus {
  readonly state: InputState;
  /** Since when (Date.now()). */
  readonly sinceMs: number;
  /** For the operator, e.g. "no audio for 0.5 s from stdin (raw s16le, 48000 Hz, 1 ch)"; null when receiving. */
  readonly detail: string | null;
}

/** Sent once on connection, before anything else. */
export interface Hello {
  readonly protocolVersion: number;
  readonly serverVersion: string;
  readonly session: SessionSnapshot;
  readonly audienceCount: number;
  /** The piece being followed (from its score); null when the server follows no score. */
  readonly piece?: PieceInfo | null;
  /** What the phone shows about the current passage; null before the first followed bar. */
  readonly enrichment?: Enrichment | null;
  /** The concert programme, the item now and the mode (protocol 2). */
  readonly programme: ProgrammeState;
  /** The operator's notice on the phones now, if any. */
  readonly message: Notice | null;
}

/** One entry of the programme as every client sees it. */
export interface ProgrammeItemInfo {
  readonly id: string;
  /** A piece or movement the follower follows, or an interval (nothing to follow). */
  readonly kind: 'piece' | 'interval';
  readonly title: string;
  readonly composer: string;
  /** E.g. "I. Allegro con brio"; null for a single-movement piece or an interval. */
  readonly movement: string | null;
}

export type ProgrammeMode = Infer<typeof modeCommandSchema>['mode'];

/**
 * Where the concert stands in its programme:
 * - `idle`: no session live yet;
 * - `playing`: the current item is being followed;
 * - `between`: the current item is over (final bar, then silence or applause) and `nextItemId` is armed: following
 *   starts at its first bar when the music starts;
 * - `interval`: paused by the operator (or a programme interval); nothing is followed;
 * - `ended`: the session ended.
 */
export type ProgrammePhase = 'idle' | 'playing' | 'between' | 'interval' | 'ended';

/** A passage of the current item with a name (from its cue sheet; else its program-note ranges). */
export interface SectionInfo {
  readonly title: string;
  /** Printed bar labels of the first and last bar. */
  readonly from: string;
  readonly to: string;
}

/** Sent in `hello` and as the reliable `programme` event on every change. */
export interface ProgrammeState {
  readonly title: string | null;
  readonly items: readonly ProgrammeItemInfo[];
  readonly currentItemId: string | null;
  /** What comes after the current item (null after the last one, unless the programme loops). */
  readonly nextItemId: string | null;
  readonly mode: ProgrammeMode;
  readonly phase: ProgrammePhase;
  /**
   * True while, in automatic mode, the follower's confidence has stayed below its threshold: the panel offers the
   * operator to take over, and phones show the section (`section`) rather than a bar.
   */
  readonly handover: boolean;
  /** The section of the bar shown now; null when the item has none or nothing is shown. */
  readonly section: SectionInfo | null;
}

/** The operator's short notice to every phone (reliable event `message`; text "" takes it down). */
export interface Notice {
  readonly sessionId: string | null;
  readonly text: string;
  /** Server clock (ms) when it was sent. */
  readonly atMs: number;
}

/** The piece the server follows, from its score (and its program notes' title when there are some). */
export interface PieceInfo {
  readonly title: string;
  readonly composer: string;
  /** The program notes' own title, when the score has program notes. */
  readonly programTitle: string | null;
  /** The cue sheet's sections in order, for the phone's structure timeline (absent without a cue sheet). */
  readonly sections?: readonly SectionSummary[];
  /** Every glossary entry of the cue sheet, by key (absent without a cue sheet). */
  readonly glossary?: readonly GlossaryTerm[];
  /** Language of the cue sheet's texts ("en"); translations sit beside each text. */
  readonly language?: string;
  /** The piece manifest's facts for the "about" page (absent when the score has no manifest). */
  readonly about?: PieceAbout;
}

/** What the "about" page says of a piece: the work, and plainly whether its recording is real or rendered. */
export interface PieceAbout {
  readonly work: string;
  readonly movement: string;
  readonly instrumentation: readonly string[];
  readonly durationSec: number;
  readonly recording: { readonly kind: 'real' | 'rendered'; readonly description: string; readonly attribution: string };
  /** Credit lines: score encoding, recording, annotations. */
  readonly attributions: readonly string[];
}

/** One section of the form on the structure timeline. */
export interface SectionSummary {
  readonly index: number;
  readonly name: string;
  /** Printed bar labels, inclusive. */
  readonly from: string;
  readonly to: string;
  /** First bar of each pass through the section, performance order (a repeated exposition has two). */
  readonly measureIndices: readonly number[];
  readonly rehearsal: string | null;
}

/** A glossary entry a note uses (texts in the cue sheet's language; translations by language code). */
export interface GlossaryTerm {
  readonly key: string;
  readonly term: string;
  readonly definition: string;
  readonly translations?: Readonly<Record<string, { readonly term?: string; readonly definition?: string }>>;
}

/** Texts of a note in another language; any may be missing (the phone falls back to the original). */
export interface NoteTranslation {
  readonly name?: string;
  readonly title?: string;
  readonly short?: string;
  readonly long?: string;
}

/** The section of the form the bar is in, with its note at both levels. */
export interface SectionNote {
  readonly index: number;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly rehearsal: string | null;
  /** One line for a newcomer; a paragraph for the curious (glossary markup removed; `terms` lists what they use). */
  readonly short: string;
  readonly long: string;
  readonly terms: readonly string[];
  readonly translations?: Readonly<Record<string, NoteTranslation>>;
}

/** "Listen to the solo oboe here": a spotlight covering the bar. */
export interface Spotlight {
  readonly from: string;
  readonly to: string;
  readonly instrument: string;
  /** Score part names, for the one-staff view; empty when the cue sheet names none. */
  readonly parts: readonly string[];
  readonly text: string;
  readonly translations?: Readonly<Record<string, { readonly instrument?: string; readonly text?: string }>>;
}

/** Who has the main tune in the bar (Hauptstimme annotations), for "who has the tune now" and the one-staff view. */
export interface MainTune {
  readonly partId: string;
  readonly part: string;
  /** The annotations' theme label ("a", "b"). */
  readonly label: string;
  /** The cue sheet's theme with that label, when it names one. */
  readonly theme: string | null;
  /** Where this part took the tune: printed bar and 1-based beat. */
  readonly since: { readonly measure: string; readonly beat: number };
}

/** Parts playing in a bar, grouped by family ('strings', 'woodwinds', 'brass', 'percussion', …). */
export interface InstrumentGroup {
  readonly family: string;
  /** Part names in score order, e.g. ["Violin 1", "Viola"]. */
  readonly parts: readonly string[];
}

/** One harmony segment sounding in a bar. */
export interface PassageHarmony {
  /** Readable key, e.g. "E♭ major". */
  readonly key: string;
  /** Chord symbol with bass, e.g. "B♭7/D". */
  readonly chord: string;
  /** Roman numeral in the key, e.g. "V65". */
  readonly numeral: string;
  /** Cadence arriving on this chord, e.g. "perfect authentic"; null when none. */
  readonly cadence: string | null;
  /** Plain-language line for the audience (cadence, modulation); null when there is none. */
  readonly line: string | null;
}

/** A program note and the printed bars it covers. */
export interface PassageNote {
  readonly from: string;
  readonly to: string;
  /** The note as one text (from a cue sheet: its paragraph for the curious). */
  readonly text: string;
  /** From a cue sheet: the passage's label, its one line for a newcomer and its paragraph for the curious. */
  readonly title?: string | null;
  readonly short?: string;
  readonly long?: string;
  /** Glossary keys the texts use (entries in PieceInfo.glossary). */
  readonly terms?: readonly string[];
  readonly translations?: Readonly<Record<string, NoteTranslation>>;
}

/** Everything the phone shows about one bar (performance order), precomputed once per score. */
export interface MeasureEnrichment {
  /** 0-based bar index in performance (unfolded) order. */
  readonly measureIndex: number;
  /** Printed bar label. */
  readonly measure: string;
  readonly instruments: readonly InstrumentGroup[];
  /** Nearly every part plays. */
  readonly tutti: boolean;
  /** Segments overlapping the bar, in order (consecutive repeats of one chord folded). */
  readonly harmony: readonly PassageHarmony[];
  readonly note: PassageNote | null;
  /** From the cue sheet (absent without one): the section of the form, and the spotlights covering the bar. */
  readonly section?: SectionNote | null;
  readonly spotlights?: readonly Spotlight[];
  /** From the main-tune annotations (absent without them); null before the first annotated bar. */
  readonly mainTune?: MainTune | null;
  /** Printed in the score (MusicXML only; absent for MIDI): dynamics written in the bar, the tempo heading in force. */
  readonly dynamics?: readonly DynamicMark[];
  readonly tempo?: TempoMarking | null;
}

/** A dynamic the score prints in the bar, with plain words: { mark: "ff", words: "very loud" }. */
export interface DynamicMark {
  readonly mark: string;
  readonly words: string;
}

/** A tempo heading as printed ("Allegro con brio"), its metronome mark when there is one ("half = 108"). */
export interface TempoMarking {
  readonly text: string;
  readonly metronome: string | null;
  /** A gradual change (rit., accel.) rather than a heading. */
  readonly change: boolean;
}

/**
 * The enrichment of the followed bar (reliable event `enrichment`, and in `hello`). Sent when its content
 * changes, not on every tick. `searching` is true once the follower has stayed lost or waiting for a moment
 * (1.5 s by default, so a brief doubt does not flicker): the content is the last known passage, kept rather
 * than guessed, and the phone says it is finding its place.
 */
export interface Enrichment {
  readonly sessionId: string;
  readonly measure: MeasureEnrichment;
  readonly searching: boolean;
}

/** Who decided a tick's bar: the score follower, or the operator (manual mode: the cue holds whatever the follower hears). */
export type TickSource = 'follower' | 'operator';

/**
 * What phones show, many times a second. Follower ticks go volatile (a dropped tick is replaced by the next); an
 * operator's cue goes reliable, then is repeated volatile while it holds.
 */
export interface PositionTick {
  readonly sessionId: string;
  /** Rises by exactly 1 with every tick of a session (from 1), whatever its source: a gap means a dropped tick. */
  readonly seq: number;
  /** The server's clock (Date.now()) when the tick was sent; with the `clock` exchange a phone maps it to its own. */
  readonly serverTimeMs: number;
  readonly source: TickSource;
  readonly position: Position;
}

/** A place the follower thinks the music may be, when it is torn between two (or more). */
export interface Candidate {
  readonly measure: string;
  readonly scoreSec: number;
  /** 0..1. */
  readonly probability: number;
}

/**
 * The follower's own view, for the conductor only (volatile `belief`): sent while the operator drives (manual mode),
 * so the panel shows where the follower thinks the music is, how sure it is, and the candidates.
 */
export interface FollowerBelief {
  readonly sessionId: string;
  readonly serverTimeMs: number;
  readonly position: Position;
  readonly candidates: readonly Candidate[];
}

export type ClockRequest = Infer<typeof clockRequestSchema>;
/** The clock acknowledgement: offset ≈ serverTimeMs − (clientSendMs + clientReceiveMs) / 2. */
export interface ClockReply {
  readonly clientSendMs: number;
  readonly serverTimeMs: number;
}

/** Input loudness, for the conductor's level meter. */
export interface InputLevel {
  readonly sessionId: string;
  /** RMS and peak level in dBFS (0 = full scale). */
  readonly rmsDb: number;
  readonly peakDb: number;
}

export interface AudienceCount {
  readonly count: number;
}

/** An operator's bar jump, announced reliably. */
export interface Jump {
  readonly sessionId: string;
  readonly measure: string;
}

/** Commands the conductor panel sends: a tagged union on `type`, derived from its schema (schemas.ts). */
export type ConductorCommand = Infer<typeof conductorCommandSchema>;
export type JumpCommand = Infer<typeof jumpCommandSchema>;
export type CueCommand = Infer<typeof cueCommandSchema>;
export type StepCommand = Infer<typeof stepCommandSchema>;
export type SelectCommand = Infer<typeof selectCommandSchema>;
export type MessageCommand = Infer<typeof messageCommandSchema>;

export type CommandResult =
  | { readonly ok: true; readonly session: SessionSnapshot; readonly programme: ProgrammeState }
  | { readonly ok: false; readonly error: string };

/**
 * One operator command as the audit trail keeps it: what was asked (or, when it did not parse, its start as
 * JSON), by which conductor connection, and the answer.
 */
export interface AuditEvent {
  readonly type: 'audit';
  /** Server clock (ms). */
  readonly atMs: number;
  /** The conductor connection ("<socket id> from <address>"). */
  readonly by: string;
  readonly command: ConductorCommand | { readonly type: 'invalid'; readonly raw: string };
  readonly result: { readonly ok: true } | { readonly ok: false; readonly error: string };
}

/**
 * Everything that happens in a session, as recorded to JSONL and streamed back by replay:
 * a tagged union on `type`.
 */
export type SessionEvent =
  | { readonly type: 'state'; readonly session: SessionSnapshot }
  | { readonly type: 'position'; readonly tick: PositionTick }
  | { readonly type: 'level'; readonly level: InputLevel }
  | { readonly type: 'jump'; readonly jump: Jump }
  | { readonly type: 'audience'; readonly audience: AudienceCount }
  | { readonly type: 'belief'; readonly belief: FollowerBelief }
  | { readonly type: 'programme'; readonly programme: ProgrammeState }
  | { readonly type: 'message'; readonly message: Notice }
  | AuditEvent;

/** The enrichment the phones were sent, as recorded and replayed (not a ConcertSession event: the EnrichmentFeed sends it). */
export interface EnrichmentEvent {
  readonly type: 'enrichment';
  readonly enrichment: Enrichment;
}

/** What a recording holds and replay streams: the session's events plus the enrichment shown to the audience. */
export type RecordedSessionEvent = SessionEvent | EnrichmentEvent;

/** One line of a recording: the event and its offset from the recording's start. */
export interface RecordedEvent {
  /** Milliseconds since the session started. */
  readonly offsetMs: number;
  readonly event: RecordedSessionEvent;
}

/** A recording as listed by the replay namespace. */
export interface RecordingInfo {
  readonly id: string;
  readonly title: string | null;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly eventCount: number;
  /** The piece the session followed (recording format 2); null when none or in an older recording. */
  readonly piece?: PieceInfo | null;
}

/** `speed`: 1 = as it happened; larger is faster. */
export type ReplayRequest = Infer<typeof replayRequestSchema>;

export type ReplayResult =
  | { readonly ok: true; readonly recording: RecordingInfo }
  | { readonly ok: false; readonly error: string };

/** Which page of the recordings `list` answers (both optional: the first 50). */
export interface ListRequest {
  readonly offset?: number;
  /** 1..100; default 50. */
  readonly limit?: number;
}

export type ListResult =
  | {
      readonly ok: true;
      readonly recordings: readonly RecordingInfo[];
      /** Recordings in all, and where the next page starts (null after the last); absent from servers before the index. */
      readonly total?: number;
      readonly nextOffset?: number | null;
    }
  | { readonly ok: false; readonly error: string };

/** One replayed event, tagged with the recording it comes from. */
export interface ReplayFrame {
  readonly recordingId: string;
  readonly recorded: RecordedEvent;
}

/** Controls of a playing replay (all four answer with where playback stands). */
export type ReplayControl =
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'seek'; readonly offsetMs: number }
  | { readonly type: 'speed'; readonly speed: number };

export type ReplayControlResult =
  | { readonly ok: true; readonly positionMs: number; readonly paused: boolean; readonly speed: number }
  | { readonly ok: false; readonly error: string };

export interface ReplaySeeked {
  readonly recordingId: string;
  readonly offsetMs: number;
}

export interface SeriesRequest {
  readonly id: string;
}

/** Parallel arrays, at most 2,000 points: recording offset (ms), tempo (bpm), confidence (0..1). */
export type SeriesResult =
  | { readonly ok: true; readonly offsetMs: readonly number[]; readonly tempoBpm: readonly number[]; readonly confidence: readonly number[] }
  | { readonly ok: false; readonly error: string };

export interface ReplayEnd {
  readonly recordingId: string;
  readonly reason: 'finished' | 'stopped';
}

/**
 * The operator's browser microphone as the live input (conductor namespace only).
 * Samples travel as a binary attachment: little-endian Float32 ('f32') or Int16 ('s16'),
 * interleaved when there are two channels. The browser sends an ArrayBuffer; the server
 * receives a Node Buffer (a Uint8Array).
 */
export type MicEncoding = MicChunk['encoding'];

/**
 * `sampleRate` 8000..192000 Hz, `channels` 1 or 2, `data` interleaved samples, at most 250 ms of audio per chunk
 * (browsers send 20–50 ms).
 */
export type MicChunk = Infer<typeof micChunkSchema>;

/** Asks to make this conductor's microphone the input; the device's label is for logs. */
export type MicClaim = NonNullable<Infer<typeof micClaimSchema>>;

export type MicResult = { readonly ok: true; readonly status: MicStatus } | { readonly ok: false; readonly error: string };

/** Where the browser-microphone input stands, as one conductor socket sees it. */
export interface MicStatus {
  /** False when the server does not listen to a browser microphone (started without `--input mic`). */
  readonly available: boolean;
  /** Some conductor's microphone is the input now. */
  readonly active: boolean;
  /** …and it is this socket's. */
  readonly yours: boolean;
  /** A live session is consuming the audio (otherwise chunks are checked and dropped). */
  readonly listening: boolean;
  /** The format of the owner's chunks so far, null until the first chunk. */
  readonly sampleRate: number | null;
  readonly channels: number | null;
  /** Why the input paused or ended last, e.g. "the conductor's connection dropped". */
  readonly note: string | null;
}

/** A rejected chunk or claim, sent to the sender only. */
export interface MicError {
  readonly error: string;
}

/** What /healthz answers. */
export interface Health {
  readonly status: 'ok';
  readonly version: string;
  readonly protocolVersion: number;
  readonly uptimeSec: number;
  readonly sessionState: SessionState;
  readonly audienceCount: number;
}
