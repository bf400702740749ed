/**
 * Writes every event of each live session to `<dataDir>/<sessionId>.jsonl`, so it can be
 * replayed. Subscribe it to a ConcertSession; it opens a file on start and closes it on end.
 * With an enrichment source (recordEnrichment), the piece goes into the header and every
 * enrichment the phones were sent into the stream, so a replay shows what the audience saw.
 * Writes are synchronous: a line is a few hundred bytes at most ~20 times a second, and a
 * line on disk the moment the event happened survives a crash and races no reader.
 */
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type Enrichment, type PieceInfo, type RecordedSessionEvent, type SessionEvent } from '../protocol/index.js';
import { ensureWritableDataDir } from './dataDir.js';
import type { IndexedRecording } from './recordingIndex.js';
import { RECORDING_EXTENSION, RECORDING_FORMAT, RECORDING_FORMAT_VERSION, type RecordingHeader } from './recordingFormat.js';
import type { ConcertSession } from './session.js';

export interface RecorderOptions {
  readonly dataDir: string;
  readonly now?: () => number;
  /** Told about write failures; recording must never take the concert down. */
  readonly onError?: (err: Error) => void;
  /** Told what the open recording holds so far: at its start, at most once a second while it grows, and at its end (the recordings index). */
  readonly onProgress?: (entry: IndexedRecording) => void;
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
  private title: string | null = null;
  private bytes = 0;
  private eventCount = 0;
  private lastOffsetMs = 0;
  private lastProgressMs = -Infinity;
  private ended = false;
  /** Set by resume(): the next open of this session appends to its file instead of creating one. */
  private resumeId: string | undefined;
  private resumeSoFar = { eventCount: 0, durationMs: 0 };
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

  /** The next time this session goes live (ConcertSession.resume), its recording is continued, not created. */
  resume(sessionId: string, soFar: { readonly eventCount: number; readonly durationMs: number }): void {
    this.resumeId = sessionId;
    this.resumeSoFar = { eventCount: soFar.eventCount, durationMs: soFar.durationMs };
  }

  /** Bytes in the open recording (0 when none is open). */
  get bytesWritten(): number {
    return this.fd === undefined ? 0 : this.bytes;
  }

  /** Stops listening and closes an open recording. */
  close(): void {
    this.unsubscribe();
    this.unsubscribeEnrichment?.();
    this.finish();
  }

  private record(event: SessionEvent): void {
    // A live session announces its state again when its input stalls or ends: same session, same file.
    if (event.type === 'state' && event.session.state === 'live' && event.session.sessionId !== this.sessionId) this.open(event);
    this.append(event);
    if (event.type === 'state' && event.session.state === 'ended') this.finish();
  }

  private append(event: RecordedSessionEvent): void {
    if (this.fd === undefined) return;
    const now = this.now();
    const offsetMs = Math.max(0, now - this.startedAtMs);
    this.write({ offsetMs, event });
    this.eventCount++;
    this.lastOffsetMs = offsetMs;
    if (event.type === 'state' && event.session.state === 'ended') this.ended = true;
    if (now - this.lastProgressMs >= 1000) this.progress();
  }

  private progress(): void {
    if (!this.options.onProgress || this.sessionId === '') return;
    this.lastProgressMs = this.now();
    this.options.onProgress({
      id: this.sessionId,
      title: this.title,
      startedAtMs: this.startedAtMs,
      durationMs: this.lastOffsetMs,
      eventCount: this.eventCount,
      piece: this.piece,
      bytes: this.bytes,
      ended: this.ended,
    });
  }

  private open(event: Extract<SessionEvent, { type: 'state' }>): void {
    this.finish();
    const { sessionId, title, startedAtMs } = event.session;
    if (sessionId === null || startedAtMs === null) return;
    this.sessionId = sessionId;
    this.startedAtMs = startedAtMs;
    this.title = title;
    this.bytes = 0;
    this.eventCount = 0;
    this.lastOffsetMs = 0;
    this.lastProgressMs = -Infinity;
    this.ended = false;
    this.file = join(this.options.dataDir, sessionId + RECORDING_EXTENSION);
    if (this.resumeId === sessionId) {
      // After a crash: the same file goes on, header and all events already in it kept.
      this.resumeId = undefined;
      this.eventCount = this.resumeSoFar.eventCount;
      this.lastOffsetMs = this.resumeSoFar.durationMs;
      try {
        this.fd = openSync(this.file, 'a');
        this.bytes = fstatSync(this.fd).size;
      } catch (err) {
        this.fail(err);
      }
      return;
    }
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
      this.bytes += writeSync(this.fd, JSON.stringify(value) + '\n');
    } catch (err) {
      this.fail(err);
      this.finish();
    }
  }

  private finish(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.progress();
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
