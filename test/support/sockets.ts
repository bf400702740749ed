/** Real socket.io-client connections to a test server, typed with the shared protocol. */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type AudienceClientToServer,
  type AudienceServerToClient,
  type ConductorClientToServer,
  type ConductorServerToClient,
  type ReplayClientToServer,
  type ReplayServerToClient,
} from '../../server/protocol/index.js';

export type AudienceClient = Socket<AudienceServerToClient, AudienceClientToServer>;
export type ConductorClient = Socket<ConductorServerToClient, ConductorClientToServer>;
export type ReplayClient = Socket<ReplayServerToClient, ReplayClientToServer>;

const opened: Socket[] = [];
const options = { transports: ['websocket'], forceNew: true, reconnection: false };

export function audienceClient(url: string): AudienceClient {
  return track(io(url + NAMESPACES.audience, options));
}

export function conductorClient(url: string, token?: string): ConductorClient {
  return track(io(url + NAMESPACES.conductor, { ...options, auth: token === undefined ? {} : { token } }));
}

export function replayClient(url: string, token?: string): ReplayClient {
  return track(io(url + NAMESPACES.replay, { ...options, auth: token === undefined ? {} : { token } }));
}

export function closeAllClients(): void {
  for (const socket of opened.splice(0)) socket.disconnect();
}

function track<S extends Socket>(socket: S): S {
  opened.push(socket);
  return socket;
}

/** Resolves with the first payload of `event`; rejects after timeoutMs naming the event. */
export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Resolves when `event` delivers a payload that satisfies `accept`. */
export function eventMatching<T>(socket: Socket, event: string, accept: (payload: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching "${event}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Resolves on connect, rejects with the server's reason on connect_error. */
export function connected(socket: Socket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not connected within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
