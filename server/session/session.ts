/**
 * The concert session state machine: waiting → live → ended (→ live again as a new session).
 * It holds the latest state and announces every change as a SessionEvent to its listeners;
 * transport (socket.io) and recording subscribe from the outside.
 */
import { randomBytes } from 'node:crypto';
import type { Position } from '../pipeline.js';
import type { SessionEvent, SessionSnapshot } from '../protocol/index.js';
import { SessionError } from './errors.js';
import type { PositionSink, PositionSource } from './positionSource.js';

export type SessionListener = (event: SessionEvent) => void;

export interface SessionOptions {
  readonly now?: () => number;
  readonly source?: PositionSource;
  /**
   * The follower may report every frame (~86/s); phones need far fewer. Positions closer
   * together than this are folded into the latest, sent when the interval is up (and at
   * once when the follow state changes). Default 50 ms (20/s).
   */
  readonly positionIntervalMs?: number;
  /** Input levels closer together than this are dropped (a meter needs ~10/s). Default 100 ms. */
  readonly levelIntervalMs?: number;
}

const INITIAL: SessionSnapshot = {
  state: 'waiting',
  sessionId: null,
  title: null,
  startedAtMs: null,
  endedAtMs: null,
  position: null,
  currentMeasure: null,
};

export class ConcertSession {
  private snap: SessionSnapshot = INITIAL;
  private audience = 0;
  private source: PositionSource | undefined;
  private readonly listeners = new Set<SessionListener>();
  private readonly now: () => number;
  private readonly positionIntervalMs: number;
  private readonly levelIntervalMs: number;
  private lastLevelSentMs = -Infinity;
  private lastPositionSentMs = -Infinity;
  private lastSentState: Position['state'] | undefined;
  private pendingPosition: NodeJS.Timeout | undefined;
  private sentPosition: Position | null = null;

  constructor(options: SessionOptions = {}) {
    this.now = options.now ?? Date.now;
    this.source = options.source;
    this.positionIntervalMs = options.positionIntervalMs ?? 50;
    this.levelIntervalMs = options.levelIntervalMs ?? 100;
  }

  snapshot(): SessionSnapshot {
    return this.snap;
  }

  audienceCount(): number {
    return this.audience;
  }

  /** Returns an unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Plug in the follower; it takes effect from the next start. */
  attachSource(source: PositionSource | undefined): void {
    if (this.snap.state === 'live') throw new SessionError('cannot change the position source while a session is live');
    this.source = source;
  }

  async start(title?: string): Promise<SessionSnapshot> {
    if (this.snap.state === 'live') throw new SessionError(`session ${this.snap.sessionId} is already live`);
    const startedAtMs = this.now();
    const sessionId = newSessionId(startedAtMs);
    this.snap = { ...INITIAL, state: 'live', sessionId, title: title?.trim() || null, startedAtMs };
    this.lastPositionSentMs = -Infinity;
    this.lastLevelSentMs = -Infinity;
    this.lastSentState = undefined;
    this.emit({ type: 'state', session: this.snap });
    if (this.source) {
      try {
        await this.source.start(this.sinkFor(sessionId));
      } catch (err) {
        // A session that can never show a position is not live: end it and say why.
        this.snap = { ...this.snap, state: 'ended', endedAtMs: this.now() };
        this.emit({ type: 'state', session: this.snap });
        throw new SessionError(`the position source failed to start, so the session ended: ${(err as Error).message}`);
      }
    }
    return this.snap;
  }

  async stop(): Promise<SessionSnapshot> {
    if (this.snap.state !== 'live') throw new SessionError(`no session is live (state: ${this.snap.state})`);
    // End first, so anything the source still pushes while stopping is ignored.
    this.flushPosition();
    this.snap = { ...this.snap, state: 'ended', endedAtMs: this.now() };
    this.emit({ type: 'state', session: this.snap });
    if (this.source) await this.source.stop();
    return this.snap;
  }

  jump(measure: string): SessionSnapshot {
    const label = measure.trim();
    const { state, sessionId } = this.snap;
    if (state !== 'live' || sessionId === null) throw new SessionError('jump needs a live session');
    if (label === '') throw new SessionError('jump needs a measure label');
    this.snap = { ...this.snap, currentMeasure: label };
    // A position still waiting to go out predates the jump: never send it after the jump.
    if (this.pendingPosition) clearTimeout(this.pendingPosition);
    this.pendingPosition = undefined;
    this.sentPosition = this.snap.position;
    this.source?.jumpTo?.(label);
    this.emit({ type: 'jump', jump: { sessionId, measure: label } });
    return this.snap;
  }

  setAudienceCount(count: number): void {
    if (count === this.audience) return;
    this.audience = count;
    this.emit({ type: 'audience', audience: { count } });
  }

  private sinkFor(sessionId: string): PositionSink {
    // A sink is bound to one session: late pushes from a previous session are dropped.
    const current = () => this.snap.state === 'live' && this.snap.sessionId === sessionId;
    return {
      position: (position: Position) => {
        if (!current()) return;
        this.snap = { ...this.snap, position, currentMeasure: position.measure };
        const due = this.now() - this.lastPositionSentMs >= this.positionIntervalMs;
        if (due || position.state !== this.lastSentState) this.flushPosition();
        else this.pendingPosition ??= setTimeout(() => this.flushPosition(), this.lastPositionSentMs + this.positionIntervalMs - this.now());
      },
      level: (rmsDb: number, peakDb: number) => {
        if (!current()) return;
        const now = this.now();
        if (now - this.lastLevelSentMs < this.levelIntervalMs) return;
        this.lastLevelSentMs = now;
        this.emit({ type: 'level', level: { sessionId, rmsDb, peakDb } });
      },
    };
  }

  /** Sends the latest position if it has not been sent yet. */
  private flushPosition(): void {
    if (this.pendingPosition) clearTimeout(this.pendingPosition);
    this.pendingPosition = undefined;
    const { position, sessionId, state } = this.snap;
    if (state !== 'live' || position === null || sessionId === null || this.sentPosition === position) return;
    this.sentPosition = position;
    this.lastPositionSentMs = this.now();
    this.lastSentState = position.state;
    this.emit({ type: 'position', tick: { sessionId, position } });
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Sortable and safe as a file name: 2026-11-25T22-50-01-123Z-1a2b3c. */
function newSessionId(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}
