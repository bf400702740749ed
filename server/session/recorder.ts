/**
 * Writes every event of each live session to `<dataDir>/<sessionId>.jsonl`, so it can be
 * replayed. Subscribe it to a ConcertSession; it opens a file on start and closes it on end.
 * With an enrichment source (recordEnrichment), the piece goes into the header and every
 * enrichment the phones were sent into the stream, so a replay shows what the audience saw.
 * Writes are synchronous: a line is a few hundred bytes at most ~20 times a second, and a
 * line on disk the moment the event happened survives a crash and races no reader.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Enrichment, type PieceInfo, type RecordedSessionEvent, type SessionEvent } from '../protocol/index.js';
import { ensureWritableDataDir } from './dataDir.js';
import { RECORDING_EXTENSION, RECORDING_FORMAT, RECORDING_FORMAT_VERSION, type RecordingHeader } from './recordingFormat.js';
import type { ConcertSession } from './session.js';

export interface RecorderOptions {
  readonly dataDir: string;
  readonly now?: () => number;
  /** Told about write failures; recording must never take the concert down. */
  readonly onError?: (err: Error) => void;
}

/** What the recorder needs of the EnrichmentFeed (server/enrichment/feed.ts), without depending on it. */
export interface RecordableEnrichment {
  readonly piece: PieceInfo;
  subscribe(listener: (enrichment: Enrichment) => void): () => void;
}

export class SessionRecorder {
  private fd: number | undefined;
  private file = '';
  private sessionId = '';
  private startedAtMs = 0;
  private piece: PieceInfo | null = null;
  private unsubscribeEnrichment: (() => void) | undefined;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(session: ConcertSession, private readonly options: RecorderOptions) {
    this.now = options.now ?? Date.now;
    ensureWritableDataDir(options.dataDir);
    this.unsubscribe = session.subscribe((event) => this.record(event));
  }

  /**
   * Records the piece (from the next session on) and the enrichment events of the open session.
   * Attach it after constructing the recorder, so a bar's enrichment follows the position that caused it.
   */
  recordEnrichment(source: RecordableEnrichment): void {
    this.unsubscribeEnrichment?.();
    this.piece = source.piece;
    this.unsubscribeEnrichment = source.subscribe((enrichment) => {
      if (enrichment.sessionId === this.sessionId) this.append({ type: 'enrichment', enrichment });
    });
  }

  /** Stops listening and closes an open recording. */
  close(): void {
    this.unsubscribe();
    this.unsubscribeEnrichment?.();
    this.finish();
  }

  private record(event: SessionEvent): void {
    if (event.type === 'state' && event.session.state === 'live') this.open(event);
    this.append(event);
    if (event.type === 'state' && event.session.state === 'ended') this.finish();
  }

  private append(event: RecordedSessionEvent): void {
    if (this.fd === undefined) return;
    this.write({ offsetMs: Math.max(0, this.now() - this.startedAtMs), event });
  }

  private open(event: Extract<SessionEvent, { type: 'state' }>): void {
    this.finish();
    const { sessionId, title, startedAtMs } = event.session;
    if (sessionId === null || startedAtMs === null) return;
    this.sessionId = sessionId;
    this.startedAtMs = startedAtMs;
    this.file = join(this.options.dataDir, sessionId + RECORDING_EXTENSION);
    try {
      this.fd = openSync(this.file, 'wx');
    } catch (err) {
      this.fail(err);
      return;
    }
    const header: RecordingHeader = {
      type: 'header',
      format: RECORDING_FORMAT,
      formatVersion: RECORDING_FORMAT_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      sessionId,
      title,
      startedAtMs,
      piece: this.piece,
    };
    this.write(header);
  }

  private write(value: unknown): void {
    if (this.fd === undefined) return;
    try {
      writeSync(this.fd, JSON.stringify(value) + '\n');
    } catch (err) {
      this.fail(err);
      this.finish();
    }
  }

  private finish(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    this.sessionId = '';
    try {
      closeSync(fd);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.options.onError?.(new Error(`recording ${this.file}: ${(err as Error).message}`));
  }
}
