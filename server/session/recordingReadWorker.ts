/**
 * Worker thread: reads and checks one recording off the server's event loop, then posts it back in
 * batches, so the main thread never spends more than a few milliseconds at a time taking it in.
 * Messages out: { info, header } once, { events } per batch, then { done: true } — or { error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RecordingError } from './errors.js';
import { readRecordingFile } from './recordings.js';

export const BATCH = 2000;

const { file } = workerData as { file: string };
try {
  const recording = await readRecordingFile(file);
  parentPort!.postMessage({ info: recording.info, header: recording.header });
  for (let i = 0; i < recording.events.length; i += BATCH) parentPort!.postMessage({ events: recording.events.slice(i, i + BATCH) });
  parentPort!.postMessage({ done: true });
} catch (err) {
  parentPort!.postMessage({ error: (err as Error).message, recordingError: err instanceof RecordingError });
}
