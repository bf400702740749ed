/**
 * Reactive view of a live session, shared by the audience and conductor views: the hello
 * gives the cached state at once, then session/position/jump/audience events update it.
 */
import { reactive } from 'vue';
import { PROTOCOL_VERSION, type Enrichment, type Notice, type PieceInfo, type Position, type ProgrammeState, type SessionSnapshot, type TickSource } from '@tutti/protocol';
import type { AudienceSocket, ConductorSocket } from './sockets.js';

export interface LiveState {
  connected: boolean;
  /** Set when the server speaks another protocol version: the page needs a reload. */
  versionMismatch: string | null;
  session: SessionSnapshot | null;
  position: Position | null;
  currentMeasure: string | null;
  audienceCount: number | null;
  /** The piece the server follows (title, composer), when it follows a score. */
  piece: PieceInfo | null;
  /** Harmony, instruments and program note of the followed bar; null until the first bar of this session. */
  enrichment: Enrichment | null;
  /** The concert programme, the item now, the mode and phase (null until the hello). */
  programme: ProgrammeState | null;
  /** Who decided the bar shown: the follower or the operator. */
  source: TickSource | null;
  /** The latest tick's sequence number and server time (for extrapolation and gap detection). */
  lastSeq: number | null;
  lastServerTimeMs: number | null;
  /** The operator's notice, null or text "" when none. */
  message: Notice | null;
}

export function trackLiveSession(socket: AudienceSocket | ConductorSocket): LiveState {
  const state = reactive<LiveState>({
    connected: false,
    versionMismatch: null,
    session: null,
    position: null,
    currentMeasure: null,
    audienceCount: null,
    piece: null,
    enrichment: null,
    programme: null,
    source: null,
    lastSeq: null,
    lastServerTimeMs: null,
    message: null,
  });
  // Both sockets share these events; listen through the common (audience) event map.
  const live = socket as AudienceSocket;
  const applySession = (session: SessionSnapshot) => {
    // A new session starts without the previous one's passage.
    if (state.enrichment && state.enrichment.sessionId !== session.sessionId) state.enrichment = null;
    if (state.session?.sessionId !== session.sessionId) state.lastSeq = state.lastServerTimeMs = null;
    state.session = session;
    state.position = session.position;
    state.currentMeasure = session.currentMeasure;
    state.source = session.source ?? null;
  };
  live.on('connect', () => (state.connected = true));
  live.on('disconnect', () => (state.connected = false));
  live.on('hello', (hello) => {
    state.versionMismatch =
      hello.protocolVersion === PROTOCOL_VERSION
        ? null
        : `The server speaks protocol ${hello.protocolVersion}, this page ${PROTOCOL_VERSION}: please reload.`;
    applySession(hello.session);
    state.audienceCount = hello.audienceCount;
    state.piece = hello.piece ?? null;
    state.enrichment = hello.enrichment ?? null;
    state.programme = hello.programme ?? null;
    state.message = hello.message ?? null;
  });
  live.on('programme', (programme) => (state.programme = programme));
  live.on('message', (message) => (state.message = message));
  live.on('session', applySession);
  live.on('position', (tick) => {
    if (tick.sessionId !== state.session?.sessionId) return;
    // Ticks may arrive out of order across a reconnect: never go back to an older one.
    if (state.lastSeq !== null && tick.seq <= state.lastSeq) return;
    state.lastSeq = tick.seq;
    state.lastServerTimeMs = tick.serverTimeMs;
    state.position = tick.position;
    state.currentMeasure = tick.position.measure;
    state.source = tick.source;
  });
  live.on('jump', (jump) => {
    if (jump.sessionId === state.session?.sessionId) state.currentMeasure = jump.measure;
  });
  live.on('audience', (audience) => (state.audienceCount = audience.count));
  live.on('enrichment', (enrichment) => {
    if (enrichment.sessionId === state.session?.sessionId) state.enrichment = enrichment;
  });
  return state;
}
