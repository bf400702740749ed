/**
 * Payloads carried over socket.io. Pure TypeScript: no Node or DOM imports, so the
 * server and the browser client share it unchanged.
 */
import type { Position } from '../pipeline.js';

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
}

/** The piece the server follows, from its score (and its program notes' title when there are some). */
export interface PieceInfo {
  readonly title: string;
  readonly composer: string;
  /** The program notes' own title, when the score has program notes. */
  readonly programTitle: string | null;
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
  readonly text: string;
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

/** A frequent follower report (sent volatile: a dropped tick is replaced by the next). */
export interface PositionTick {
  readonly sessionId: string;
  readonly position: Position;
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

/** Commands the conductor panel sends: a tagged union on `type`. */
export type ConductorCommand =
  | { readonly type: 'start'; readonly title?: string }
  | { readonly type: 'stop' }
  | { readonly type: 'jump'; readonly measure: string };

export type CommandResult =
  | { readonly ok: true; readonly session: SessionSnapshot }
  | { readonly ok: false; readonly error: string };

/**
 * Everything that happens in a session, as recorded to JSONL and streamed back by replay:
 * a tagged union on `type`.
 */
export type SessionEvent =
  | { readonly type: 'state'; readonly session: SessionSnapshot }
  | { readonly type: 'position'; readonly tick: PositionTick }
  | { readonly type: 'level'; readonly level: InputLevel }
  | { readonly type: 'jump'; readonly jump: Jump }
  | { readonly type: 'audience'; readonly audience: AudienceCount };

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

export interface ReplayRequest {
  readonly id: string;
  /** Playback speed: 1 = as it happened; larger is faster. */
  readonly speed?: number;
}

export type ReplayResult =
  | { readonly ok: true; readonly recording: RecordingInfo }
  | { readonly ok: false; readonly error: string };

export type ListResult =
  | { readonly ok: true; readonly recordings: readonly RecordingInfo[] }
  | { readonly ok: false; readonly error: string };

/** One replayed event, tagged with the recording it comes from. */
export interface ReplayFrame {
  readonly recordingId: string;
  readonly recorded: RecordedEvent;
}

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
export type MicEncoding = 'f32' | 's16';

export interface MicChunk {
  /** 8000..192000 Hz. */
  readonly sampleRate: number;
  /** 1 or 2. */
  readonly channels: number;
  readonly encoding: MicEncoding;
  /** Interleaved samples; at most 250 ms of audio per chunk (browsers send 20–50 ms). */
  readonly data: ArrayBuffer | Uint8Array;
}

/** Asks to make this conductor's microphone the input; the device's label is for logs. */
export interface MicClaim {
  readonly deviceLabel?: string;
}

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
