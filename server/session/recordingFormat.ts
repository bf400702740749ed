/**
 * The JSONL recording format: a header line, then one RecordedEvent per line.
 *   {"type":"header","format":"tutti-session","formatVersion":2,"protocolVersion":1,"sessionId":…,"title":…,"startedAtMs":…,"piece":…}
 *   {"offsetMs":0,"event":{"type":"state",…}}
 *   {"offsetMs":250,"event":{"type":"enrichment","enrichment":{…}}}
 * Format 2 added the header's `formatVersion` and `piece` and the `enrichment` events; a header without
 * `formatVersion` is format 1 (no piece, no enrichment) and still reads.
 * Format 3 (protocol 2) added `seq`, `serverTimeMs` and `source` to position ticks and the `programme`, `message`,
 * `belief` and `audit` events. Ticks of older recordings are read as follower ticks numbered in file order, their
 * server time the session start plus their offset, so they replay like new ones.
 */
import type { PieceInfo, PositionTick, RecordedEvent, RecordedSessionEvent } from '../protocol/index.js';
import { RecordingError } from './errors.js';

export const RECORDING_FORMAT = 'tutti-session';
export const RECORDING_FORMAT_VERSION = 3;
export const RECORDING_EXTENSION = '.jsonl';

export interface RecordingHeader {
  readonly type: 'header';
  readonly format: typeof RECORDING_FORMAT;
  /** 1 when absent (recordings written before enrichment was recorded). */
  readonly formatVersion: number;
  readonly protocolVersion: number;
  readonly sessionId: string;
  readonly title: string | null;
  readonly startedAtMs: number;
  /** The piece the session followed; null when none or in a format-1 recording. */
  readonly piece: PieceInfo | null;
}

const EVENT_TYPES: ReadonlySet<RecordedSessionEvent['type']> = new Set([
  'state',
  'position',
  'level',
  'jump',
  'audience',
  'enrichment',
  'belief',
  'programme',
  'message',
  'audit',
]);

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
  const formatVersion = value.formatVersion ?? 1;
  if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1) {
    throw new RecordingError(`${where}: header field "formatVersion" must be a positive whole number`);
  }
  if (formatVersion > RECORDING_FORMAT_VERSION) {
    throw new RecordingError(`${where}: recording format ${formatVersion} is newer than this Tutti reads (up to ${RECORDING_FORMAT_VERSION})`);
  }
  return { ...(value as unknown as RecordingHeader), formatVersion, piece: parsePiece(value.piece, where) };
}

function parsePiece(value: unknown, where: string): PieceInfo | null {
  if (value === undefined || value === null) return null;
  if (
    !isObject(value) ||
    typeof value.title !== 'string' ||
    typeof value.composer !== 'string' ||
    (value.programTitle !== null && typeof value.programTitle !== 'string')
  ) {
    throw new RecordingError(`${where}: header field "piece" must be null or { title, composer, programTitle } (strings; programTitle may be null)`);
  }
  return { title: value.title, composer: value.composer, programTitle: value.programTitle };
}

/** Checks the envelope (offset and event tag); the payload is trusted as written by the recorder. */
export function parseRecordedEvent(line: string, where: string): RecordedEvent {
  const value = parseJson(line, where);
  if (!isObject(value)) throw new RecordingError(`${where}: expected a JSON object`);
  if (typeof value.offsetMs !== 'number' || !Number.isFinite(value.offsetMs) || value.offsetMs < 0) {
    throw new RecordingError(`${where}: field "offsetMs" must be a non-negative number`);
  }
  const event = value.event;
  if (!isObject(event) || typeof event.type !== 'string' || !EVENT_TYPES.has(event.type as RecordedSessionEvent['type'])) {
    throw new RecordingError(`${where}: field "event.type" must be one of ${[...EVENT_TYPES].join(', ')}`);
  }
  if (event.type === 'enrichment') checkEnrichment(event.enrichment, where);
  return value as unknown as RecordedEvent;
}

/** Context for reading one recording's events in order (see `upgradeEvent`). */
export interface UpgradeContext {
  readonly header: RecordingHeader;
  /** Ticks seen so far in this file. */
  ticks: number;
}

/** Brings an event of an older format to the current shape (protocol-1 ticks had no seq, server time or source). */
export function upgradeEvent(recorded: RecordedEvent, context: UpgradeContext): RecordedEvent {
  const event = recorded.event;
  if (event.type !== 'position') return recorded;
  context.ticks++;
  const tick = event.tick as Partial<PositionTick> & Pick<PositionTick, 'sessionId' | 'position'>;
  if (typeof tick.seq === 'number' && typeof tick.serverTimeMs === 'number' && tick.source !== undefined) return recorded;
  return {
    offsetMs: recorded.offsetMs,
    event: {
      type: 'position',
      tick: {
        sessionId: tick.sessionId,
        seq: tick.seq ?? context.ticks,
        serverTimeMs: tick.serverTimeMs ?? context.header.startedAtMs + recorded.offsetMs,
        source: tick.source ?? 'follower',
        position: tick.position,
      },
    },
  };
}

/** Enrichment goes straight onto phones' screens on replay: check the fields the view reads. */
function checkEnrichment(value: unknown, where: string): void {
  const bad = (field: string, what: string) => new RecordingError(`${where}: field "event.enrichment.${field}" must be ${what}`);
  if (!isObject(value)) throw new RecordingError(`${where}: field "event.enrichment" must be an object`);
  if (typeof value.sessionId !== 'string') throw bad('sessionId', 'a string');
  if (typeof value.searching !== 'boolean') throw bad('searching', 'true or false');
  const m = value.measure;
  if (!isObject(m)) throw bad('measure', 'an object');
  if (typeof m.measureIndex !== 'number') throw bad('measure.measureIndex', 'a number');
  if (typeof m.measure !== 'string') throw bad('measure.measure', 'a bar label (string)');
  if (typeof m.tutti !== 'boolean') throw bad('measure.tutti', 'true or false');
  if (!Array.isArray(m.instruments) || !m.instruments.every((g) => isObject(g) && typeof g.family === 'string' && Array.isArray(g.parts))) {
    throw bad('measure.instruments', 'a list of { family, parts }');
  }
  if (!Array.isArray(m.harmony) || !m.harmony.every((h) => isObject(h) && typeof h.key === 'string' && typeof h.chord === 'string')) {
    throw bad('measure.harmony', 'a list of { key, chord, numeral, cadence, line }');
  }
  if (m.note !== null && !(isObject(m.note) && typeof m.note.text === 'string' && typeof m.note.from === 'string' && typeof m.note.to === 'string')) {
    throw bad('measure.note', 'null or { from, to, text }');
  }
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
