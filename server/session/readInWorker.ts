/** Reads a recording in a worker thread (recordingReadWorker.ts), taking its events in batch by batch. */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent, RecordingInfo } from '../protocol/index.js';
import { RecordingError } from './errors.js';
import type { RecordingHeader } from './recordingFormat.js';
import type { Recording } from './recordings.js';

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './recordingReadWorker.ts' : './recordingReadWorker.js', import.meta.url);

/**
 * Sources run through tsx: a worker needs tsx's loader too, and Node 20 ignores `--import` in a
 * worker's execArgv, so a two-line module registers tsx and then imports the worker.
 */
function startWorker(file: string): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl, { workerData: { file } });
  // The ESM entry (require.resolve finds the CommonJS one, which cannot register from a worker).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerUrl.href)});`;
  return new Worker(bootstrap, { eval: true, workerData: { file } });
}

type WorkerMessage =
  | { readonly info: RecordingInfo; readonly header: RecordingHeader }
  | { readonly events: RecordedEvent[] }
  | { readonly done: true }
  | { readonly error: string; readonly recordingError: boolean };

export function readRecordingInWorker(file: string): Promise<Recording> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(file);
    let info: RecordingInfo | undefined;
    let header: RecordingHeader | undefined;
    const events: RecordedEvent[] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if ('error' in m) settle(() => reject(m.recordingError ? new RecordingError(m.error) : new Error(m.error)));
      else if ('info' in m) ({ info, header } = m);
      else if ('events' in m) for (const e of m.events) events.push(e);
      else settle(() => resolve({ info: info!, header: header!, events }));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the recording reader for ${file} stopped (exit code ${code})`))));
  });
}
