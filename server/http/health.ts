import { PROTOCOL_VERSION, type Health } from '../protocol/index.js';
import type { ConcertSession } from '../session/index.js';

export function health(session: ConcertSession, version: string, startedAtMs: number, now = Date.now()): Health {
  return {
    status: 'ok',
    version,
    protocolVersion: PROTOCOL_VERSION,
    uptimeSec: Math.round((now - startedAtMs) / 100) / 10,
    sessionState: session.snapshot().state,
    audienceCount: session.audienceCount(),
  };
}
