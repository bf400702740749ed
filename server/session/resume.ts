/**
 * After a crash: finds the session a recording left unfinished and what the phones were shown, so the
 * restarted server continues it (ConcertSession.resume) instead of starting a new one.
 */
import { join } from 'node:path';
import type { Position } from '../pipeline.js';
import type { RecordedEvent } from '../protocol/index.js';
import type { RecordingIndex } from './recordingIndex.js';
import { RECORDING_EXTENSION } from './recordingFormat.js';
import { readRecordingFile } from './recordings.js';
import type { ResumeFrom } from './session.js';

export interface Resumable {
  readonly from: ResumeFrom;
  readonly eventCount: number;
  readonly durationMs: number;
}

/** What the phones last saw, replaying the recorded events in order. */
export function resumeStateOf(sessionId: string, title: string | null, startedAtMs: number, events: readonly RecordedEvent[]): ResumeFrom | null {
  let position: Position | null = null;
  let currentMeasure: string | null = null;
  let seq = 0;
  for (const { event } of events) {
    switch (event.type) {
      case 'state':
        if (event.session.state === 'ended') return null;
        position = event.session.position ?? position;
        currentMeasure = event.session.currentMeasure ?? currentMeasure;
        break;
      case 'position':
        position = event.tick.position;
        currentMeasure = event.tick.position.measure;
        seq = typeof event.tick.seq === 'number' ? event.tick.seq : seq + 1;
        break;
      case 'jump':
        currentMeasure = event.jump.measure;
        break;
      default:
        break;
    }
  }
  return { sessionId, title, startedAtMs, position, currentMeasure, seq };
}

/**
 * The newest recording, when a crash cut it short no longer than `withinMs` ago (default 30 min: a
 * concert restarted the next day is a new session).
 */
export async function findResumable(index: RecordingIndex, options: { readonly now?: number; readonly withinMs?: number } = {}): Promise<Resumable | null> {
  const newest = index.newest();
  if (!newest || newest.ended !== false) return null;
  const now = options.now ?? Date.now();
  if (now - (newest.startedAtMs + newest.durationMs) > (options.withinMs ?? 30 * 60_000)) return null;
  const recording = await readRecordingFile(join(index.dataDir, newest.id + RECORDING_EXTENSION));
  const from = resumeStateOf(newest.id, recording.header.title, recording.header.startedAtMs, recording.events);
  return from && { from, eventCount: recording.info.eventCount, durationMs: recording.info.durationMs };
}
