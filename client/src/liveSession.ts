/**
 * Reactive view of a live session, shared by the audience and conductor views: the hello
 * gives the cached state at once, then session/position/jump/audience events update it.
 * Besides the raw state it keeps what the phone needs to stay honest: which bar the follower was
 * last sure of (followGate.ts), when the server was last heard from (connection.ts), and the
 * server's clock (clock.ts) to place each tick's `serverTimeMs` on this one.
 */
import { reactive } from 'vue';
import {
  PROTOCOL_VERSION,
  type Enrichment,
  type Notice,
  type PieceInfo,
  type Position,
  type PositionTick,
  type ProgrammeState,
  type SessionSnapshot,
  type TickSource,
} from '@tutti/protocol';
import { addSample, bestEstimate, toClientMs, type ClockEstimate, type ClockSample } from './clock.js';
import { gateJump, gateTick, INITIAL_GATE, type FollowGate } from './followGate.js';
import type { AudienceSocket, ConductorSocket } from './sockets.js';

export interface LiveState {
  connected: boolean;
  /** Connected at least once since the page opened: a later disconnect is a lost connection. */
  everConnected: boolean;
  /** Client clock (ms) of the last thing heard from the server (heartbeat ping, tick, any event). */
  lastHeardAtMs: number | null;
  /** Set when the server speaks another protocol version: the page needs a reload. */
  versionMismatch: string | null;
  session: SessionSnapshot | null;
  position: Position | null;
  currentMeasure: string | null;
  /** The bar the phone may show (only from sure reports or an operator's bar), reset per session. */
  gate: FollowGate;
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
  /** serverClock − clientClock from the clock exchange; null before the first answer. */
  clock: ClockEstimate | null;
}

export function initialLiveState(): LiveState {
  return {
    connected: false,
    everConnected: false,
    lastHeardAtMs: null,
    versionMismatch: null,
    session: null,
    position: null,
    currentMeasure: null,
    gate: INITIAL_GATE,
    audienceCount: null,
    piece: null,
    enrichment: null,
    programme: null,
    source: null,
    lastSeq: null,
    lastServerTimeMs: null,
    message: null,
    clock: null,
  };
}

/**
 * Applies one session snapshot (hello, session event, or a replayed state event). A new session
 * starts without the previous one's passage or bar; an operator's bar in the snapshot is sure.
 */
export function applySession(state: LiveState, session: SessionSnapshot, nowMs: number): void {
  const newSession = state.session?.sessionId !== session.sessionId;
  if (state.enrichment && state.enrichment.sessionId !== session.sessionId) state.enrichment = null;
  if (newSession) {
    state.gate = INITIAL_GATE;
    state.lastSeq = state.lastServerTimeMs = null;
  }
  state.session = session;
  state.position = session.position;
  state.currentMeasure = session.currentMeasure;
  state.source = session.source ?? null;
  if (newSession && session.state === 'live') {
    if (session.position) state.gate = gateTick(state.gate, session.position, nowMs, session.source ?? 'follower');
    const jumped = session.currentMeasure !== null && (session.source === 'operator' || session.currentMeasure !== session.position?.measure);
    if (jumped) state.gate = gateJump(state.gate, session.currentMeasure!, nowMs);
  }
}

/** A tick, placed at `atMs` on the client's clock. Ticks older than the latest (a reconnect's reordering) are ignored. */
export function applyTick(state: LiveState, tick: PositionTick, atMs: number): void {
  if (state.lastSeq !== null && tick.seq <= state.lastSeq) return;
  state.lastSeq = tick.seq;
  state.lastServerTimeMs = tick.serverTimeMs;
  state.position = tick.position;
  state.currentMeasure = tick.position.measure;
  state.source = tick.source;
  state.gate = gateTick(state.gate, tick.position, atMs, tick.source);
}

export function applyJump(state: LiveState, measure: string, atMs: number): void {
  state.currentMeasure = measure;
  state.source = 'operator';
  state.gate = gateJump(state.gate, measure, atMs);
}

/** Clock exchanges: a few quickly after connecting, then one every CLOCK_EVERY_MS (phones' clocks drift). */
const CLOCK_BURST = 4;
const CLOCK_EVERY_MS = 15_000;

export function trackLiveSession(socket: AudienceSocket | ConductorSocket, now: () => number = Date.now): LiveState {
  const state = reactive<LiveState>(initialLiveState());
  // Both sockets share these events; listen through the common (audience) event map.
  const live = socket as AudienceSocket;
  const heard = () => (state.lastHeardAtMs = now());
  let samples: ClockSample[] = [];
  let clockTimer: ReturnType<typeof setTimeout> | undefined;
  const askClock = (left: number) => {
    if (!live.connected) return;
    const clientSendMs = now();
    live.timeout(5000).emit('clock', { clientSendMs }, (err: Error | null, reply?: { clientSendMs: number; serverTimeMs: number }) => {
      if (!err && reply && reply.clientSendMs === clientSendMs) {
        samples = addSample(samples, { clientSendMs, clientReceiveMs: now(), serverTimeMs: reply.serverTimeMs });
        state.clock = bestEstimate(samples);
      }
      clockTimer = setTimeout(() => askClock(Math.max(0, left - 1)), left > 0 ? 200 : CLOCK_EVERY_MS);
    });
  };
  live.on('connect', () => {
    state.connected = true;
    state.everConnected = true;
    heard();
    // A new network path may have another delay: measure afresh.
    samples = [];
    clearTimeout(clockTimer);
    askClock(CLOCK_BURST);
  });
  live.on('disconnect', () => {
    state.connected = false;
    clearTimeout(clockTimer);
  });
  // The heartbeat proves the link is alive between ticks (before the concert there are none).
  live.io.on('ping', heard);
  live.onAny(heard);
  live.on('hello', (hello) => {
    state.versionMismatch =
      hello.protocolVersion === PROTOCOL_VERSION
        ? null
        : `The server speaks protocol ${hello.protocolVersion}, this page ${PROTOCOL_VERSION}: please reload.`;
    applySession(state, hello.session, now());
    state.audienceCount = hello.audienceCount;
    state.piece = hello.piece ?? null;
    state.enrichment = hello.enrichment ?? null;
    state.programme = hello.programme ?? null;
    state.message = hello.message ?? null;
  });
  live.on('programme', (programme) => (state.programme = programme));
  live.on('message', (message) => (state.message = message));
  live.on('session', (session) => applySession(state, session, now()));
  live.on('position', (tick) => {
    // The tick held at its server time; before the first clock answer, its arrival is the best guess.
    if (tick.sessionId === state.session?.sessionId) applyTick(state, tick, state.clock ? Math.min(now(), toClientMs(tick.serverTimeMs, state.clock)) : now());
  });
  live.on('jump', (jump) => {
    if (jump.sessionId === state.session?.sessionId) applyJump(state, jump.measure, now());
  });
  live.on('audience', (audience) => (state.audienceCount = audience.count));
  live.on('enrichment', (enrichment) => {
    if (enrichment.sessionId === state.session?.sessionId) state.enrichment = enrichment;
  });
  return state;
}
