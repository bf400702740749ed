/**
 * Reactive view of a live session, shared by the audience and conductor views: the hello
 * gives the cached state at once, then session/position/jump/audience events update it.
 */
import { reactive } from 'vue';
import { PROTOCOL_VERSION, type Position, type SessionSnapshot } from '@tutti/protocol';
import type { AudienceSocket, ConductorSocket } from './sockets.js';

export interface LiveState {
  connected: boolean;
  /** Set when the server speaks another protocol version: the page needs a reload. */
  versionMismatch: string | null;
  session: SessionSnapshot | null;
  position: Position | null;
  currentMeasure: string | null;
  audienceCount: number | null;
}

export function trackLiveSession(socket: AudienceSocket | ConductorSocket): LiveState {
  const state = reactive<LiveState>({
    connected: false,
    versionMismatch: null,
    session: null,
    position: null,
    currentMeasure: null,
    audienceCount: null,
  });
  // Both sockets share these events; listen through the common (audience) event map.
  const live = socket as AudienceSocket;
  const applySession = (session: SessionSnapshot) => {
    state.session = session;
    state.position = session.position;
    state.currentMeasure = session.currentMeasure;
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
  });
  live.on('session', applySession);
  live.on('position', (tick) => {
    if (tick.sessionId !== state.session?.sessionId) return;
    state.position = tick.position;
    state.currentMeasure = tick.position.measure;
  });
  live.on('jump', (jump) => {
    if (jump.sessionId === state.session?.sessionId) state.currentMeasure = jump.measure;
  });
  live.on('audience', (audience) => (state.audienceCount = audience.count));
  return state;
}
