/**
 * Is the phone still hearing the server? socket.io notices a dead link only when its heartbeat times
 * out; a phone in a hall should say so sooner. The server pings every couple of seconds (see
 * server/http/heartbeat.ts) and ticks arrive ~20/s while the music is followed, so a few seconds of
 * silence means the link is gone even while the socket still claims to be connected.
 */

export type LinkHealth = 'connecting' | 'ok' | 'lost';

export interface LinkFacts {
  /** What socket.io says. */
  readonly connected: boolean;
  /** Ever connected since the page opened (a first connection is "connecting", not "lost"). */
  readonly everConnected: boolean;
  /** Client clock (ms) of the last thing heard from the server: a ping, a tick, any event. */
  readonly lastHeardAtMs: number | null;
}

/** Longer than the server's ping interval plus a loaded phone's slack; shorter than the 5 s the hall allows. */
export const SILENT_AFTER_MS = 3500;

export function linkHealth(link: LinkFacts, nowMs: number, silentAfterMs = SILENT_AFTER_MS): LinkHealth {
  if (!link.connected) return link.everConnected ? 'lost' : 'connecting';
  if (link.lastHeardAtMs !== null && nowMs - link.lastHeardAtMs > silentAfterMs) return 'lost';
  return 'ok';
}
