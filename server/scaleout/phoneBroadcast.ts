/**
 * How the leader's events reach every phone. Alone: a plain namespace broadcast. With fan-outs, two
 * broadcasts: one to the leader's own phones, at once, and one through the Redis stream to every
 * other process's phones. Why not one: the cluster adapter delivers locally only after Redis took
 * the message, so a Redis outage would freeze the leader's phones too. Remote ticks go reliable:
 * the stream replays what an outage held back, and a phone on a fan-out then gets every one of
 * them (a volatile burst would be dropped but for the first); a fan-out phone that stops reading
 * is disconnected by the stuck-socket reaper, as on the leader.
 */
import type { AudienceNamespace } from '../http/namespaces.js';
import type { AudienceServerToClient } from '../protocol/index.js';

/** The room of the leader's own phones, left out of the broadcast through Redis. */
export const LEADER_PHONES_ROOM = 'tutti:leader-phones';

export interface PhoneBroadcast {
  /** Reliable: every phone gets it. */
  send<E extends keyof AudienceServerToClient>(event: E, ...args: Parameters<AudienceServerToClient[E]>): void;
  /** A follower tick: a phone still busy with the previous one may skip it (the next replaces it). */
  sendVolatile<E extends keyof AudienceServerToClient>(event: E, ...args: Parameters<AudienceServerToClient[E]>): void;
}

export function phoneBroadcast(audience: AudienceNamespace, clustered: boolean): PhoneBroadcast {
  if (!clustered) {
    return {
      send: (event, ...args) => void audience.emit(event, ...args),
      sendVolatile: (event, ...args) => void audience.volatile.emit(event, ...args),
    };
  }
  audience.on('connection', (socket) => void socket.join(LEADER_PHONES_ROOM));
  const elsewhere = () => audience.except(LEADER_PHONES_ROOM);
  return {
    send: (event, ...args) => {
      audience.local.emit(event, ...args);
      elsewhere().emit(event, ...args);
    },
    sendVolatile: (event, ...args) => {
      audience.local.volatile.emit(event, ...args);
      elsewhere().emit(event, ...args);
    },
  };
}
