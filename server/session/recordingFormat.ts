/**
 * The JSONL recording format: a header line, then one RecordedEvent per line.
 *   {"type":"header","format":"tutti-session","protocolVersion":1,"sessionId":…,"title":…,"startedAtMs":…}
 *   {"offsetMs":0,"event":{"type":"state",…}}
 */
import type { RecordedEvent, SessionEvent } from '../protocol/index.js';
import { RecordingError } from './errors.js';

export const RECORDING_FORMAT = 'tutti-session';
export const RECORDING_EXTENSION = '.jsonl';

export interface RecordingHeader {
  readonly type: 'header';
  readonly format: typeof RECORDING_FORMAT;
  readonly protocolVersion: number;
  readonly sessionId: string;
  readonly title: string | null;
  readonly startedAtMs: number;
}

const EVENT_TYPES: ReadonlySet<SessionEvent['type']> = new Set(['state', 'position', 'level', 'jump', 'audience']);

/** Session ids become file names: allow only what cannot escape the data dir. */
export function isSafeRecordingId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) && !id.includes('..');
}

export function parseHeader(line: string, where: string): RecordingHeader {
  const value = parseJson(line, where);
  if (!isObject(value) || value.type !== 'header' || value.format !== RECORDING_FORMAT) {
    throw new RecordingError(`${where}: not a Tutti recording (expected a "${RECORDING_FORMAT}" header line)`);
  }
  if (typeof value.sessionId !== 'string') throw new RecordingError(`${where}: header field "sessionId" must be a string`);
  if (typeof value.startedAtMs !== 'number') throw new RecordingError(`${where}: header field "startedAtMs" must be a number`);
  if (typeof value.protocolVersion !== 'number') throw new RecordingError(`${where}: header field "protocolVersion" must be a number`);
  if (value.title !== null && typeof value.title !== 'string') throw new RecordingError(`${where}: header field "title" must be a string or null`);
  return value as unknown as RecordingHeader;
}

/** Checks the envelope (offset and event tag); the payload is trusted as written by the recorder. */
export function parseRecordedEvent(line: string, where: string): RecordedEvent {
  const value = parseJson(line, where);
  if (!isObject(value)) throw new RecordingError(`${where}: expected a JSON object`);
  if (typeof value.offsetMs !== 'number' || !Number.isFinite(value.offsetMs) || value.offsetMs < 0) {
    throw new RecordingError(`${where}: field "offsetMs" must be a non-negative number`);
  }
  const event = value.event;
  if (!isObject(event) || typeof event.type !== 'string' || !EVENT_TYPES.has(event.type as SessionEvent['type'])) {
    throw new RecordingError(`${where}: field "event.type" must be one of ${[...EVENT_TYPES].join(', ')}`);
  }
  return value as unknown as RecordedEvent;
}

function parseJson(line: string, where: string): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw new RecordingError(`${where}: invalid JSON (${(err as Error).message})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
