/**
 * Turns the session's bar changes into enrichment updates: one reliable event when what the phone shows
 * changes (a new passage, or the follower losing/finding its place), never one per position tick.
 * Looking a bar up is an array index into the precomputed table.
 */
import type { Enrichment, PieceInfo, SessionEvent } from '../protocol/index.js';
import type { ConcertSession } from '../session/index.js';
import type { EnrichmentTable } from './table.js';

export type EnrichmentListener = (enrichment: Enrichment) => void;

export interface EnrichmentFeedOptions {
  /**
   * The follower must stay lost or waiting this long before phones are told it is searching: a follower
   * that doubts for a few frames and recovers should not make every phone flicker. Default 1500 ms.
   */
  readonly searchingAfterMs?: number;
}

export class EnrichmentFeed {
  private latest: Enrichment | null = null;
  private latestContent = -1;
  private readonly listeners = new Set<EnrichmentListener>();
  private readonly unsubscribe: () => void;
  private table: EnrichmentTable | null;
  /** The piece of the last table set, so the piece stays known through an interval. */
  private lastPiece: PieceInfo;
  private readonly searchingAfterMs: number;
  private searchingTimer: NodeJS.Timeout | undefined;

  constructor(session: ConcertSession, table: EnrichmentTable, options: EnrichmentFeedOptions = {}) {
    this.table = table;
    this.lastPiece = table.piece;
    this.searchingAfterMs = options.searchingAfterMs ?? 1500;
    this.unsubscribe = session.subscribe((event) => this.onSessionEvent(event));
  }

  get piece(): PieceInfo {
    return this.table?.piece ?? this.lastPiece;
  }

  /**
   * Another score is followed now (the next programme item; null in an interval): bars are looked up in its table,
   * and the passage of the previous one is forgotten (phones get the new item's first passage when it is followed).
   */
  setTable(table: EnrichmentTable | null): void {
    if (table === this.table) return;
    this.cancelSearching();
    this.table = table;
    if (table) this.lastPiece = table.piece;
    this.latest = null;
    this.latestContent = -1;
  }

  /** What a late joiner should see now; null before the first followed bar of the session. */
  current(): Enrichment | null {
    return this.latest;
  }

  /** Returns an unsubscribe function. */
  subscribe(listener: EnrichmentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.cancelSearching();
    this.unsubscribe();
    this.listeners.clear();
  }

  private onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'state':
        // A new session starts from nothing; an ended one keeps its last passage on screen.
        if (event.session.state === 'live' && event.session.sessionId !== this.latest?.sessionId) {
          this.cancelSearching();
          this.latest = null;
          this.latestContent = -1;
        }
        if (event.session.state === 'ended') this.cancelSearching();
        break;
      case 'position': {
        const { sessionId, position } = event.tick;
        if (position.state === 'lost' || position.state === 'waiting') {
          // Keep the last passage, marked, rather than invent one from a position the follower doubts.
          this.scheduleSearching(sessionId);
          break;
        }
        this.cancelSearching();
        if (this.table) this.update(sessionId, this.table.measureAtBeat(position.scoreBeat), false);
        break;
      }
      case 'jump': {
        this.cancelSearching();
        const near = this.latest?.measure.measureIndex ?? 0;
        const index = this.table ? this.table.measureOfLabel(event.jump.measure, near) : -1;
        if (index >= 0) this.update(event.jump.sessionId, index, false);
        break;
      }
      default:
        break;
    }
  }

  private scheduleSearching(sessionId: string): void {
    if (this.searchingTimer || !this.latest || this.latest.sessionId !== sessionId || this.latest.searching) return;
    this.searchingTimer = setTimeout(() => {
      this.searchingTimer = undefined;
      if (this.latest && this.latest.sessionId === sessionId) this.update(sessionId, this.latest.measure.measureIndex, true);
    }, this.searchingAfterMs);
  }

  private cancelSearching(): void {
    if (this.searchingTimer) clearTimeout(this.searchingTimer);
    this.searchingTimer = undefined;
  }

  private update(sessionId: string, index: number, searching: boolean): void {
    const table = this.table;
    const measure = table?.measures[index];
    if (!table || !measure) return;
    const content = table.contentIds[index];
    const last = this.latest;
    if (last && last.sessionId === sessionId && last.searching === searching && this.latestContent === content) return;
    this.latest = { sessionId, measure, searching };
    this.latestContent = content;
    for (const listener of this.listeners) listener(this.latest);
  }
}
