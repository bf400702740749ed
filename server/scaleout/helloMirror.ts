/**
 * The leader's greeting, mirrored on every fan-out process: a phone that connects to any process
 * gets the same `hello`. The leader publishes it on every change (at most every 50 ms, the latest
 * wins) and at least once a second, so a fan-out also knows when the leader has gone quiet.
 */
import { PROTOCOL_VERSION, type Hello } from '../protocol/index.js';
import type { AudienceNamespace } from '../http/namespaces.js';

export const MIRROR_HEARTBEAT_MS = 1000;
/** A fan-out that heard nothing from the leader for this long says so (healthz, metrics). */
export const LEADER_SILENT_MS = 3500;

/** Leader side: publishes `hello()` to the fan-outs. */
export class MirrorPublisher {
  private timer: NodeJS.Timeout | undefined;
  private lastSentMs = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly audience: AudienceNamespace,
    private readonly hello: () => Hello,
    private readonly minIntervalMs = 50,
  ) {
    this.heartbeat = setInterval(() => this.publishNow(), MIRROR_HEARTBEAT_MS);
    this.heartbeat.unref();
    // Not from the constructor: hello() may read state its owner is still setting up.
    this.changed(false);
  }

  /** Something a hello shows has changed: publish it soon (urgent: now). */
  changed(urgent: boolean): void {
    if (urgent) return this.publishNow();
    if (this.timer) return;
    const wait = Math.max(0, this.lastSentMs + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => this.publishNow(), wait);
  }

  private publishNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastSentMs = Date.now();
    this.audience.serverSideEmit('mirror', this.hello());
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.heartbeat);
  }
}

/** Fan-out side: the latest mirrored hello, and whether the leader is still speaking. */
export class HelloMirror {
  private latest: Hello | null = null;
  private heardAtMs = 0;
  private silent = true;

  constructor(
    private readonly version: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A mirror arrived. Returns true when phones already connected must be greeted again: the leader
   * is back after a silence, or it started a new session they have not been told of.
   */
  receive(hello: Hello): boolean {
    const resync = this.silent || this.latest?.session.sessionId !== hello.session.sessionId;
    this.latest = hello;
    this.heardAtMs = this.now();
    this.silent = false;
    return resync;
  }

  /** Checked on a timer: true once when the leader has gone silent. */
  checkSilence(): boolean {
    if (this.silent || this.now() - this.heardAtMs < LEADER_SILENT_MS) return false;
    this.silent = true;
    return true;
  }

  leaderSilent(): boolean {
    return this.silent;
  }

  /** Milliseconds since the leader was last heard; null if never. */
  leaderAgeMs(): number | null {
    return this.latest ? this.now() - this.heardAtMs : null;
  }

  /** What a phone connecting now is greeted with: the leader's, or "waiting" before the leader was ever heard. */
  hello(audienceCount: number): Hello {
    if (this.latest) return this.latest;
    return {
      protocolVersion: PROTOCOL_VERSION,
      serverVersion: this.version,
      session: { state: 'waiting', sessionId: null, title: null, startedAtMs: null, endedAtMs: null, position: null, currentMeasure: null, source: null },
      audienceCount,
      piece: null,
      enrichment: null,
      programme: { title: null, items: [], currentItemId: null, nextItemId: null, mode: 'auto', phase: 'idle', handover: false, section: null },
      message: null,
    };
  }
}
