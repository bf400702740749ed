/** Lists and reads the JSONL recordings in a data dir (see recordingFormat.ts). */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedEvent, RecordingInfo } from '../protocol/index.js';
import { RecordingError } from './errors.js';
import { isSafeRecordingId, parseHeader, parseRecordedEvent, RECORDING_EXTENSION, upgradeEvent, type RecordingHeader, type UpgradeContext } from './recordingFormat.js';

export interface Recording {
  readonly info: RecordingInfo;
  readonly header: RecordingHeader;
  readonly events: readonly RecordedEvent[];
}

export async function readRecording(dataDir: string, id: string): Promise<Recording> {
  if (!isSafeRecordingId(id)) throw new RecordingError(`not a recording id: ${JSON.stringify(id)}`);
  return readRecordingFile(join(dataDir, id + RECORDING_EXTENSION));
}

export async function readRecordingFile(file: string): Promise<Recording> {
  let header: RecordingHeader | undefined;
  const events: RecordedEvent[] = [];
  let lineNo = 0;
  let context: UpgradeContext | undefined;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const where = `${file}:${lineNo}`;
      if (!header) {
        header = parseHeader(line, where);
        context = { header, ticks: 0 };
      } else events.push(upgradeEvent(parseRecordedEvent(line, where), context!));
    }
  } catch (err) {
    if (err instanceof RecordingError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RecordingError(code === 'ENOENT' ? `${file}: no such recording` : `${file}: ${(err as Error).message}`);
  }
  if (!header) throw new RecordingError(`${file}: empty file, expected a header line`);
  const last = events.at(-1);
  const info: RecordingInfo = {
    id: header.sessionId,
    title: header.title,
    startedAtMs: header.startedAtMs,
    durationMs: last ? last.offsetMs : 0,
    eventCount: events.length,
    piece: header.piece,
  };
  return { info, header, events };
}

/**
 * Newest first. A damaged file is reported through onSkip and left out, so one bad file
 * does not hide the others.
 */
export async function listRecordings(dataDir: string, onSkip?: (err: RecordingError) => void): Promise<RecordingInfo[]> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const infos: RecordingInfo[] = [];
  for (const name of names.filter((n) => n.endsWith(RECORDING_EXTENSION)).sort()) {
    try {
      infos.push((await readRecordingFile(join(dataDir, name))).info);
    } catch (err) {
      if (!(err instanceof RecordingError)) throw err;
      onSkip?.(err);
    }
  }
  return infos.sort((a, b) => b.startedAtMs - a.startedAtMs);
}
