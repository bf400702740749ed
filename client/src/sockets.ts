/** Typed socket.io connections, one per namespace, using the shared protocol maps. */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type AudienceClientToServer,
  type AudienceServerToClient,
  type ConductorClientToServer,
  type ConductorHandshakeAuth,
  type ConductorServerToClient,
  type ReplayClientToServer,
  type ReplayServerToClient,
} from '@tutti/protocol';

export type AudienceSocket = Socket<AudienceServerToClient, AudienceClientToServer>;
export type ConductorSocket = Socket<ConductorServerToClient, ConductorClientToServer>;
export type ReplaySocket = Socket<ReplayServerToClient, ReplayClientToServer>;

/**
 * WebSocket first: a closed tab is noticed at once (a long-polling one only after the ping
 * timeout) and there is no upgrade dance; long-polling stays as the fallback for networks
 * that block WebSockets.
 */
const TRANSPORTS = { transports: ['websocket', 'polling'], tryAllTransports: true };

export function connectAudience(): AudienceSocket {
  return leaveOnPageHide(io(NAMESPACES.audience, TRANSPORTS));
}

export function connectConductor(auth: ConductorHandshakeAuth): ConductorSocket {
  return io(NAMESPACES.conductor, { ...TRANSPORTS, auth: { ...auth } });
}

/** The replay's token (or the conductor's) when the server sets one; without one the server may refuse. */
export function connectReplay(auth?: ConductorHandshakeAuth): ReplaySocket {
  return io(NAMESPACES.replay, auth ? { ...TRANSPORTS, auth: { ...auth } } : TRANSPORTS);
}

/**
 * Say goodbye when the page goes away, so the audience count drops at once even on the
 * long-polling fallback. A page restored from the back/forward cache connects again.
 */
function leaveOnPageHide<S extends AudienceSocket>(socket: S): S {
  window.addEventListener('pagehide', () => socket.disconnect());
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) socket.connect();
  });
  return socket;
}
