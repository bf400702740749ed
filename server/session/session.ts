/**
 * The concert session state machine: waiting → live → ended (→ live again as a new session).
 * It holds the latest state and announces every change as a SessionEvent to its listeners;
 * transport (socket.io) and recording subscribe from the outside.
 *
 * It also decides what the phones are shown, and who decides it:
 * - automatic mode: the follower's positions, as ticks with `source: 'follower'`;
 * - manual mode: the operator's cue, as ticks with `source: 'operator'`, held whatever the follower hears (the
 *   follower keeps listening; its belief goes to the conductor panel only);
 * - hand-over: in automatic mode, once the follower has locked, a confidence that stays below its threshold sets
 *   `handover` (the panel offers to take over; phones show the section rather than a bar) until it recovers.
 * Every tick of a session carries `seq` (rising by exactly 1) and the server's clock when it was sent.
 */
import { randomBytes } from 'node:crypto';
import type { Position } from '../pipeline.js';
import type { InputState, Notice, PositionTick, ProgrammeMode, SessionEvent, SessionSnapshot, TickSource } from '../protocol/index.js';
import { SessionError } from './errors.js';
import type { MeasureCatalogue } from './measures.js';
import type { PositionSink, PositionSource } from './positionSource.js';

export type SessionListener = (event: SessionEvent) => void;

/** Mode and hand-over, for whoever assembles the programme state (they are part of it). */
export interface OversightState {
  readonly mode: ProgrammeMode;
  readonly handover: boolean;
}

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
  /** A held operator cue is sent again this often, so phones know it still holds. Default 1000 ms. */
  readonly holdRepeatMs?: number;
  /** Below this confidence (or in any state but following) the follower counts as unsure. Default 0.25. */
  readonly handoverConfidence?: number;
  /** Unsure this long (after a first lock) → hand-over. Default 2000 ms. */
  readonly handoverAfterMs?: number;
  /** Sure again this long → hand-over cleared. Default 1000 ms. */
  readonly handbackAfterMs?: number;
}

const INITIAL: SessionSnapshot = {
  state: 'waiting',
  sessionId: null,
  title: null,
  startedAtMs: null,
  endedAtMs: null,
  position: null,
  currentMeasure: null,
  source: null,
};

/** A session to continue after a crash, as its recording left it. */
export interface ResumeFrom {
  readonly sessionId: string;
  readonly title: string | null;
  readonly startedAtMs: number;
  readonly position: Position | null;
  readonly currentMeasure: string | null;
  /** The last tick's seq: the next tick is seq + 1, so phones keep the order. */
  readonly seq: number;
}

export class ConcertSession {
  private snap: SessionSnapshot = INITIAL;
  private audience = 0;
  private source: PositionSource | undefined;
  private readonly listeners = new Set<SessionListener>();
  private readonly oversightListeners = new Set<(state: OversightState) => void>();
  private readonly now: () => number;
  private readonly positionIntervalMs: number;
  private readonly levelIntervalMs: number;
  private readonly holdRepeatMs: number;
  private readonly handoverConfidence: number;
  private readonly handoverAfterMs: number;
  private readonly handbackAfterMs: number;
  private lastLevelSentMs = -Infinity;
  private lastPositionSentMs = -Infinity;
  private lastSentState: Position['state'] | undefined;
  private pendingPosition: NodeJS.Timeout | undefined;
  /** The follower's latest report and the one last sent (as a tick or a belief). */
  private followerPosition: Position | null = null;
  private sentPosition: Position | null = null;
  private seq = 0;
  private mode: ProgrammeMode = 'auto';
  /** The operator's cue (manual mode): a performance index into the catalogue and the position shown. */
  private cueIndex = -1;
  private holdTimer: NodeJS.Timeout | undefined;
  private catalogue: MeasureCatalogue | null = null;
  private catalogueName = 'the score';
  private handover = false;
  private lockedOnce = false;
  private unsureSinceMs: number | null = null;
  private sureSinceMs: number | null = null;
  private notice: Notice | null = null;
  private nothingFollowed: string | null = null;

  constructor(options: SessionOptions = {}) {
    this.now = options.now ?? Date.now;
    this.source = options.source;
    this.positionIntervalMs = options.positionIntervalMs ?? 50;
    this.levelIntervalMs = options.levelIntervalMs ?? 100;
    this.holdRepeatMs = options.holdRepeatMs ?? 1000;
    this.handoverConfidence = options.handoverConfidence ?? 0.25;
    this.handoverAfterMs = options.handoverAfterMs ?? 2000;
    this.handbackAfterMs = options.handbackAfterMs ?? 1000;
  }

  snapshot(): SessionSnapshot {
    return this.snap;
  }

  audienceCount(): number {
    return this.audience;
  }

  oversight(): OversightState {
    return { mode: this.mode, handover: this.handover };
  }

  /** The operator's notice on the phones now (null when none). */
  currentNotice(): Notice | null {
    return this.notice;
  }

  /** The follower's latest report, whoever decides what phones show. */
  followerBelief(): Position | null {
    return this.followerPosition;
  }

  /** The bar shown now, as a performance index into the current score (-1 when unknown). */
  currentIndex(): number {
    if (this.mode === 'manual' && this.cueIndex >= 0) return this.cueIndex;
    const c = this.catalogue;
    const p = this.snap.position;
    if (!c || !p) return this.cueIndex;
    return c.indexAtScoreSec(p.scoreSec);
  }

  /** Returns an unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when the mode or the hand-over changes. Returns an unsubscribe function. */
  onOversight(listener: (state: OversightState) => void): () => void {
    this.oversightListeners.add(listener);
    return () => this.oversightListeners.delete(listener);
  }

  /** Plug in the follower; it takes effect from the next start. */
  attachSource(source: PositionSource | undefined): void {
    if (this.snap.state === 'live') throw new SessionError('cannot change the position source while a session is live');
    this.source = source;
  }

  /**
   * The score now followed (a new programme item): jumps and cues are checked against it. Forgets the cue, the
   * follower's last report and the hand-over of the previous score.
   */
  setCatalogue(catalogue: MeasureCatalogue | null, name = 'the score'): void {
    this.catalogue = catalogue;
    this.catalogueName = name;
    this.nothingFollowed = null;
    this.cueIndex = -1;
    this.followerPosition = null;
    this.cancelPending();
    this.sentPosition = null;
    this.lockedOnce = false;
    this.unsureSinceMs = this.sureSinceMs = null;
    if (this.snap.state === 'live') this.snap = { ...this.snap, position: null, currentMeasure: null, source: null };
    // In manual mode the phones wait (between pieces) until the operator cues a bar of the new score.
    this.setHandover(false);
  }

  /** Nothing is followed now (an interval): jumps and cues are refused with this reason until the next score. */
  followNothing(reason: string): void {
    this.setCatalogue(null);
    this.nothingFollowed = reason;
  }

  /** Records and broadcasts an event that does not change the session itself (programme, audit). */
  announce(event: SessionEvent): void {
    this.emit(event);
  }

  async start(title?: string, resume?: ResumeFrom): Promise<SessionSnapshot> {
    if (this.snap.state === 'live') throw new SessionError(`session ${this.snap.sessionId} is already live`);
    const startedAtMs = resume?.startedAtMs ?? this.now();
    const sessionId = resume?.sessionId ?? newSessionId(startedAtMs);
    this.snap = resume
      ? { ...INITIAL, state: 'live', sessionId, title: resume.title, startedAtMs, position: resume.position, currentMeasure: resume.currentMeasure }
      : { ...INITIAL, state: 'live', sessionId, title: title?.trim() || null, startedAtMs };
    this.lastPositionSentMs = -Infinity;
    this.lastLevelSentMs = -Infinity;
    this.lastSentState = undefined;
    this.seq = resume?.seq ?? 0;
    this.followerPosition = null;
    this.sentPosition = null;
    // A resumed session had locked before the crash: its bar is shown at once, not withheld.
    this.lockedOnce = resume?.position !== undefined && resume.position !== null;
    this.unsureSinceMs = this.sureSinceMs = null;
    this.setHandover(false);
    this.emit({ type: 'state', session: this.snap });
    if (this.mode === 'manual' && this.catalogue && this.cueIndex >= 0) this.holdAt(this.cueIndex);
    if (this.source) {
      try {
        await this.source.start(this.sinkFor(sessionId));
      } catch (err) {
        // A session that can never show a position is not live: end it and say why.
        this.stopHolding();
        this.snap = { ...this.snap, state: 'ended', endedAtMs: this.now() };
        this.emit({ type: 'state', session: this.snap });
        throw new SessionError(`the position source failed to start, so the session ended: ${(err as Error).message}`);
      }
      // The follower starts afresh: tell it where the music was, so it looks there first.
      if (resume?.currentMeasure) this.source.jumpTo?.(resume.currentMeasure);
    }
    return this.snap;
  }

  /**
   * Continues a session that a crash interrupted, from what its recording says (see
   * server/session/resume.ts): same id, same start, the last bar shown and tick numbers going on.
   */
  resume(from: ResumeFrom): Promise<SessionSnapshot> {
    return this.start(undefined, from);
  }

  async stop(): Promise<SessionSnapshot> {
    if (this.snap.state !== 'live') throw new SessionError(`no session is live (state: ${this.snap.state})`);
    // End first, so anything the source still pushes while stopping is ignored.
    this.flushPosition();
    this.stopHolding();
    this.snap = { ...this.snap, state: 'ended', endedAtMs: this.now() };
    this.setHandover(false);
    this.emit({ type: 'state', session: this.snap });
    if (this.source) await this.source.stop();
    return this.snap;
  }

  /**
   * The operator moves the follower to a bar ("we are here"): the follower seeks there and keeps listening. In
   * manual mode the cue moves there too. A bar the score does not have is refused, and nothing is announced.
   */
  jump(measure: string): SessionSnapshot {
    const { sessionId } = this.requireLive('jump');
    const label = measure.trim();
    if (label === '') throw new SessionError('jump needs a measure label');
    const index = this.checkLabel('jump', label);
    this.snap = { ...this.snap, currentMeasure: label, source: 'operator' };
    // A position still waiting to go out predates the jump: never send it after the jump.
    this.cancelPending();
    this.sentPosition = this.followerPosition;
    this.source?.jumpTo?.(label);
    this.emit({ type: 'jump', jump: { sessionId, measure: label } });
    if (index >= 0) {
      if (this.mode === 'manual') this.holdAt(index);
      else this.publish('operator', this.catalogue!.positionAt(index, this.followerPosition?.reportSec ?? 0, this.followerPosition?.tempoBpm ?? null));
    }
    return this.snap;
  }

  /** Manual mode: every phone shows this bar until the operator moves it. */
  cue(measure: string): SessionSnapshot {
    this.requireLive('cue');
    if (this.mode !== 'manual') throw new SessionError('cue: the follower leads in automatic mode; switch to manual mode first (or jump to move the follower)');
    const index = this.checkLabel('cue', measure.trim());
    if (index < 0) throw new SessionError('cue: no score is being followed');
    this.holdAt(index);
    return this.snap;
  }

  /** Manual mode: move the cue by bars or by sections (the panel's keys). */
  step(unit: 'bar' | 'section', by: number): SessionSnapshot {
    this.requireLive('step');
    if (this.mode !== 'manual') throw new SessionError('step: the cue keys work in manual mode; switch to manual mode first');
    const c = this.catalogue;
    if (!c) throw new SessionError('step: no score is being followed');
    const here = Math.max(this.cueIndex, 0);
    const target = unit === 'bar' ? Math.min(Math.max(here + by, 0), c.count - 1) : c.sectionStep(here, by);
    this.holdAt(target);
    return this.snap;
  }

  /**
   * Switching to manual holds the bar shown now (the operator takes over where the phones are); back to automatic,
   * the follower continues from the operator's bar.
   */
  setMode(mode: ProgrammeMode): SessionSnapshot {
    if (mode === this.mode) return this.snap;
    const live = this.snap.state === 'live';
    if (mode === 'manual') {
      const here = this.currentIndex();
      this.mode = 'manual';
      this.cancelPending();
      this.setHandover(false);
      if (live && this.catalogue) this.holdAt(Math.max(here, 0));
      else this.cueIndex = Math.max(here, -1);
    } else {
      const cue = this.cueIndex;
      this.mode = 'auto';
      this.stopHolding();
      this.unsureSinceMs = this.sureSinceMs = null;
      if (live && this.catalogue && cue >= 0) {
        const label = this.catalogue.label(cue);
        this.source?.jumpTo?.(label);
        // The phones stay on the operator's bar until the follower reports from there.
        this.sentPosition = this.followerPosition;
      }
      this.cueIndex = -1;
    }
    this.emitOversight();
    return this.snap;
  }

  /** The operator's short notice to every phone; "" takes it down. */
  message(text: string): Notice {
    this.notice = { sessionId: this.snap.state === 'live' ? this.snap.sessionId : null, text: text.trim(), atMs: this.now() };
    this.emit({ type: 'message', message: this.notice });
    return this.notice;
  }

  /**
   * What the live input is doing (server/live/inputWatch.ts). A change is announced as a state event,
   * so phones and the conductor get it as they get a start or an end, and the recording keeps it.
   */
  setInputState(state: InputState, detail: string | null = null): void {
    if (this.snap.state !== 'live' || this.snap.input?.state === state) return;
    this.snap = { ...this.snap, input: { state, sinceMs: this.now(), detail } };
    this.emit({ type: 'state', session: this.snap });
  }

  setAudienceCount(count: number): void {
    if (count === this.audience) return;
    this.audience = count;
    this.emit({ type: 'audience', audience: { count } });
  }

  private requireLive(what: string): { sessionId: string } {
    const { state, sessionId } = this.snap;
    if (state !== 'live' || sessionId === null) throw new SessionError(`${what} needs a live session`);
    return { sessionId };
  }

  /** The bar's performance index nearest to the bar shown now; -1 when no score is known (anything goes then). */
  private checkLabel(what: string, label: string): number {
    const c = this.catalogue;
    if (this.nothingFollowed) throw new SessionError(`${what}: ${this.nothingFollowed}`);
    if (!c) return -1;
    const index = c.find(label, Math.max(this.currentIndex(), 0));
    if (index < 0) throw new SessionError(`${what}: ${this.catalogueName} has no bar "${label}"`);
    return index;
  }

  private holdAt(index: number): void {
    const c = this.catalogue;
    if (!c) return;
    this.cueIndex = index;
    const f = this.followerPosition;
    const position = c.positionAt(index, f?.reportSec ?? 0, f?.tempoBpm ?? null);
    if (this.snap.state !== 'live') return;
    this.publish('operator', position);
    this.stopHolding();
    // Repeated while it holds, so a phone that missed it (or only trusts fresh ticks) still shows it.
    this.holdTimer = setInterval(() => {
      if (this.snap.state === 'live' && this.mode === 'manual' && this.cueIndex === index && this.snap.position) {
        this.publish('operator', { ...this.snap.position, reportSec: this.followerPosition?.reportSec ?? this.snap.position.reportSec });
      }
    }, this.holdRepeatMs);
    this.holdTimer.unref?.();
  }

  private stopHolding(): void {
    if (this.holdTimer) clearInterval(this.holdTimer);
    this.holdTimer = undefined;
  }

  private sinkFor(sessionId: string): PositionSink {
    // A sink is bound to one session: late pushes from a previous session are dropped.
    const current = () => this.snap.state === 'live' && this.snap.sessionId === sessionId;
    return {
      position: (position: Position) => {
        if (!current()) return;
        this.followerPosition = position;
        if (this.mode === 'auto') {
          this.snap = { ...this.snap, position, currentMeasure: position.measure, source: 'follower' };
          this.watchConfidence(position);
        }
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

  /** Hand-over: only after the follower has locked once (before that, phones say it is finding its place). */
  private watchConfidence(p: Position): void {
    const now = this.now();
    const sure = p.state === 'following' && p.confidence >= this.handoverConfidence;
    if (sure) this.lockedOnce = true;
    if (!this.lockedOnce) return;
    if (sure) {
      this.unsureSinceMs = null;
      this.sureSinceMs ??= now;
      if (this.handover && now - this.sureSinceMs >= this.handbackAfterMs) this.setHandover(false);
    } else {
      this.sureSinceMs = null;
      this.unsureSinceMs ??= now;
      if (!this.handover && now - this.unsureSinceMs >= this.handoverAfterMs) this.setHandover(true);
    }
  }

  private setHandover(on: boolean): void {
    if (on === this.handover) return;
    this.handover = on;
    this.emitOversight();
  }

  private emitOversight(): void {
    const state = this.oversight();
    for (const listener of this.oversightListeners) listener(state);
  }

  private cancelPending(): void {
    if (this.pendingPosition) clearTimeout(this.pendingPosition);
    this.pendingPosition = undefined;
  }

  /** Sends the follower's latest report if it has not been sent yet: a tick in automatic mode, a belief in manual. */
  private flushPosition(): void {
    this.cancelPending();
    const position = this.followerPosition;
    const { sessionId, state } = this.snap;
    if (state !== 'live' || position === null || sessionId === null || this.sentPosition === position) return;
    this.sentPosition = position;
    this.lastPositionSentMs = this.now();
    this.lastSentState = position.state;
    if (this.mode === 'auto') this.publish('follower', position);
    else this.emit({ type: 'belief', belief: { sessionId, serverTimeMs: this.now(), position, candidates: [] } });
  }

  /** One tick to the phones (the transport sends operator ticks reliably: a decision must not be dropped like a follower tick). */
  private publish(source: TickSource, position: Position): void {
    const { sessionId } = this.snap;
    if (sessionId === null) return;
    if (source === 'operator') this.snap = { ...this.snap, position, currentMeasure: position.measure, source };
    const tick: PositionTick = { sessionId, seq: ++this.seq, serverTimeMs: this.now(), source, position };
    this.emit({ type: 'position', tick });
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Sortable and safe as a file name: 2026-11-25T22-50-01-123Z-1a2b3c. */
function newSessionId(ms: number): string {
  return `${new Date(ms).toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}
