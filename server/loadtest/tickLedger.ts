/**
 * One phone's view of the tick stream: `seq` rises by exactly 1 per tick of a session, so a gap
 * is a tick this phone never got. A new sessionId starts a new count (the concert restarted).
 */
export class TickLedger {
  received = 0;
  missed = 0;
  /** Ticks that arrived with a seq at or below one already seen (duplicates, reordering). */
  outOfOrder = 0;
  /** Ticks without a numeric seq (a server older than the tick protocol). */
  unnumbered = 0;
  private sessionId: string | null = null;
  private lastSeq = -1;

  record(sessionId: string, seq: number | undefined): void {
    this.received++;
    if (seq === undefined) {
      this.unnumbered++;
      return;
    }
    if (sessionId !== this.sessionId) {
      this.sessionId = sessionId;
      this.lastSeq = seq;
      return;
    }
    if (seq <= this.lastSeq) {
      this.outOfOrder++;
      return;
    }
    this.missed += seq - this.lastSeq - 1;
    this.lastSeq = seq;
  }
}
