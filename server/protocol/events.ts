/**
 * Event maps per socket.io namespace, used as the generics of `Server<…>`/`Socket<…>` on the
 * server and `Socket<…>` in the browser, so a wrong event name or payload fails to compile.
 */
import type {
  AuditEvent,
  AudienceCount,
  ClockReply,
  ClockRequest,
  FollowerBelief,
  Notice,
  ProgrammeState,
  CommandResult,
  Enrichment,
  ConductorCommand,
  Hello,
  InputLevel,
  Jump,
  ListRequest,
  ListResult,
  MicChunk,
  MicClaim,
  MicError,
  MicResult,
  MicStatus,
  PositionTick,
  ReplayEnd,
  ReplayFrame,
  ReplayRequest,
  ReplayResult,
  ReplayControl,
  ReplayControlResult,
  ReplaySeeked,
  SeriesRequest,
  SeriesResult,
  SessionSnapshot,
} from './payloads.js';

export const NAMESPACES = {
  audience: '/audience',
  conductor: '/conductor',
  replay: '/replay',
} as const;

/** What every live view (audience and conductor) receives. */
interface LiveServerToClient {
  hello: (hello: Hello) => void;
  /** Reliable: the session changed state (started, ended). */
  session: (session: SessionSnapshot) => void;
  /** Volatile: frequent follower reports. */
  position: (tick: PositionTick) => void;
  /** Reliable: the operator moved to another bar. */
  jump: (jump: Jump) => void;
  audience: (count: AudienceCount) => void;
  /** Reliable: what the phone shows about the followed bar changed (harmony, instruments, program note). */
  enrichment: (enrichment: Enrichment) => void;
  /** Reliable: the programme changed (item armed or followed, mode, phase, hand-over, section). */
  programme: (programme: ProgrammeState) => void;
  /** Reliable: the operator's notice to the phones (text "" takes it down). */
  message: (message: Notice) => void;
}

/** The clock exchange, on both live namespaces: the phone's send time comes back with the server's clock. */
interface ClockClientToServer {
  clock: (request: ClockRequest, ack: (reply: ClockReply) => void) => void;
}

/** /audience changes nothing: phones listen, and ask the server's time. */
export type AudienceServerToClient = LiveServerToClient;
export type AudienceClientToServer = ClockClientToServer;

/** /conductor needs `auth: { token }` in the handshake. */
export interface ConductorServerToClient extends LiveServerToClient {
  /** Input loudness for the level meter, at most 10 per second (reliable). */
  level: (level: InputLevel) => void;
  /** Reliable: the browser-microphone input changed (claimed, released, session started…); also sent on connect. */
  mic: (status: MicStatus) => void;
  /** To the sender only: a chunk or claim was rejected (the same message at most once a second). */
  micError: (error: MicError) => void;
  /** Volatile: where the follower thinks the music is while the operator drives (manual mode). */
  belief: (belief: FollowerBelief) => void;
  /** Reliable: every command any conductor sent, accepted or refused (the audit trail). */
  audit: (audit: AuditEvent) => void;
}
export interface ConductorClientToServer extends ClockClientToServer {
  command: (command: ConductorCommand, ack: (result: CommandResult) => void) => void;
  /** Make this socket's microphone the input; refused while another conductor's is. */
  micStart: (claim: MicClaim, ack: (result: MicResult) => void) => void;
  /** PCM from the claimed microphone, ~20–50 ms per chunk, in capture order. */
  micChunk: (chunk: MicChunk) => void;
  /** Release the microphone (the input pauses until a microphone is claimed again). */
  micStop: () => void;
}
export interface ConductorHandshakeAuth {
  readonly token: string;
}

/**
 * /replay lists recordings and streams one back. When the server sets a replay token
 * (TUTTI_REPLAY_TOKEN), the handshake must carry `auth: { token }` — that token or the conductor's —
 * exactly as on /conductor (ConductorHandshakeAuth); a refusal is a connect_error whose message starts
 * "unauthorized:" (or "too many wrong tokens" during the back-off).
 */
export interface ReplayServerToClient {
  frame: (frame: ReplayFrame) => void;
  end: (end: ReplayEnd) => void;
  /** In order with the frames: a seek happened here; the client starts its picture afresh, the prelude follows. */
  seeked: (seeked: ReplaySeeked) => void;
}
export interface ReplayClientToServer {
  /** Newest first, one page (default the first 50, at most 100); `{ offset, limit }` pages on (answered from an index, never by reading the recordings). */
  list: (...args: [ack: (result: ListResult) => void] | [request: ListRequest, ack: (result: ListResult) => void]) => void;
  play: (request: ReplayRequest, ack: (result: ReplayResult) => void) => void;
  stop: () => void;
  /** Pause, resume, seek or change speed of the recording playing on this socket. */
  control: (control: ReplayControl, ack: (result: ReplayControlResult) => void) => void;
  /** A recording's tempo and confidence over time, for the plots. */
  series: (request: SeriesRequest, ack: (result: SeriesResult) => void) => void;
}

/**
 * Between Tutti processes sharing rooms over Redis (serve --role fanout). Broadcasts to phones need
 * no event here: the adapter carries the leader's emits to every process's /audience sockets.
 */
export interface InterServerEvents {
  /** Leader → fan-outs, on every change and at least once a second: the hello a new phone gets now. */
  mirror: (hello: Hello) => void;
  /** Fan-out → leader, on every change and every few seconds: how many phones this process holds. */
  audienceShare: (share: AudienceShare) => void;
}

/** One fan-out process's share of the audience. */
export interface AudienceShare {
  readonly processId: string;
  readonly count: number;
}

