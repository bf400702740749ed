/**
 * The clock exchange (NTP-style): a client sends its clock, the acknowledgement carries it back with the server's.
 * From the round trip the client estimates its offset to the server clock, and so places ticks' `serverTimeMs`
 * on its own clock to extrapolate the bar in step with every other phone.
 */
import type { ClockReply } from '../protocol/index.js';
import { clockRequestSchema, parseIncoming } from '../protocol/schemas.js';

export function answerClock(request: unknown, ack: unknown, now: () => number = Date.now): void {
  if (typeof ack !== 'function') return;
  const parsed = parseIncoming(clockRequestSchema, request);
  // A request without its send time has nothing to measure a round trip with: it gets no answer.
  if (!parsed.ok) return;
  const reply: ClockReply = { clientSendMs: parsed.value.clientSendMs, serverTimeMs: now() };
  (ack as (reply: ClockReply) => void)(reply);
}
