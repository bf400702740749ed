/**
 * Reads recordings for replay off the event loop (a worker thread parses; see readInWorker.ts) and
 * shares the work: plays of one recording that arrive together share one read, and the last few
 * recordings read stay parsed (until their file changes size), so twenty phones replaying the same
 * concert cost one parse, not twenty. A 40-minute recording parsed on the event loop cost the phones
 * 13 % of their ticks while 20 replays started.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordingError } from './errors.js';
import { isSafeRecordingId, RECORDING_EXTENSION } from './recordingFormat.js';
import { readRecordingInWorker } from './readInWorker.js';
import type { Recording } from './recordings.js';

export interface RecordingReader {
  read(id: string): Promise<Recording>;
}

export function createRecordingReader(dataDir: string, maxCached = 2): RecordingReader {
  const cache = new Map<string, { bytes: number; recording: Promise<Recording> }>();
  return {
    async read(id) {
      if (!isSafeRecordingId(id)) throw new RecordingError(`not a recording id: ${JSON.stringify(id)}`);
      const file = join(dataDir, id + RECORDING_EXTENSION);
      let bytes: number;
      try {
        bytes = (await stat(file)).size;
      } catch (err) {
        throw new RecordingError((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such recording` : `${file}: ${(err as Error).message}`);
      }
      const hit = cache.get(id);
      if (hit && hit.bytes === bytes) {
        cache.delete(id); // most recently used goes last
        cache.set(id, hit);
        return hit.recording;
      }
      const recording = readRecordingInWorker(file);
      cache.set(id, { bytes, recording });
      recording.catch(() => cache.get(id)?.recording === recording && cache.delete(id));
      while (cache.size > maxCached) cache.delete(cache.keys().next().value!);
      return recording;
    },
  };
}
