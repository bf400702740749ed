/**
 * The list of recordings, kept as they are written, so a replay listing never reads the recordings
 * themselves: `page()` answers from memory, newest first. The index persists as
 * `<dataDir>/index.json` (written atomically: a temp file renamed over it), and on open it is
 * reconciled with the directory — only files whose size differs from what the index says (new,
 * grown after a crash, copied in) are read again, once, in the background of start-up.
 *
 *   {"format":"tutti-recording-index","formatVersion":1,"recordings":[{…RecordingInfo, "bytes":1234}, …]}
 */
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordingInfo } from '../protocol/index.js';
import { RecordingError } from './errors.js';
import { RECORDING_EXTENSION } from './recordingFormat.js';
import { readRecordingFile } from './recordings.js';

export const INDEX_FILE = 'index.json';
const INDEX_FORMAT = 'tutti-recording-index';

export interface IndexedRecording extends RecordingInfo {
  /** Size of the recording file when indexed: a different size on disk means it must be read again. */
  readonly bytes: number;
  /** The recording holds its session's end; false for one a crash cut short (it may be resumed). */
  readonly ended?: boolean;
}

export interface RecordingPage {
  readonly recordings: readonly RecordingInfo[];
  /** Recordings in all. */
  readonly total: number;
  /** Where the next page starts, or null after the last. */
  readonly nextOffset: number | null;
}

export const MAX_PAGE_SIZE = 100;

export interface RecordingIndexOptions {
  readonly log?: (line: string) => void;
  /** Delay before a change is saved (changes within it are saved once). Default 1 s. */
  readonly saveDelayMs?: number;
}

export class RecordingIndex {
  private readonly entries = new Map<string, IndexedRecording>();
  private sorted: IndexedRecording[] | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly file: string;

  private constructor(
    readonly dataDir: string,
    private readonly options: RecordingIndexOptions,
  ) {
    this.file = join(dataDir, INDEX_FILE);
  }

  /** Loads the index and reconciles it with the directory; a damaged recording is logged and left out. */
  static async open(dataDir: string, options: RecordingIndexOptions = {}): Promise<RecordingIndex> {
    const index = new RecordingIndex(dataDir, options);
    await index.load();
    await index.reconcile();
    return index;
  }

  /** Adds or updates a recording (the recorder calls it as it writes). */
  update(entry: IndexedRecording): void {
    this.entries.set(entry.id, entry);
    this.sorted = undefined;
    this.scheduleSave();
  }

  get(id: string): IndexedRecording | undefined {
    return this.entries.get(id);
  }

  /** The newest recording, with its bookkeeping. */
  newest(): IndexedRecording | undefined {
    this.page(0, 1);
    return this.sorted?.[0];
  }

  page(offset = 0, limit = 50): RecordingPage {
    const all = (this.sorted ??= [...this.entries.values()].sort((a, b) => b.startedAtMs - a.startedAtMs || (a.id < b.id ? 1 : -1)));
    const from = Math.max(0, Math.floor(offset));
    const n = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
    const recordings = all.slice(from, from + n).map(({ bytes: _bytes, ended: _ended, ...info }) => info);
    return { recordings, total: all.length, nextOffset: from + n < all.length ? from + n : null };
  }

  /** Writes pending changes now. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }, this.options.saveDelayMs ?? 1000);
    this.saveTimer.unref();
  }

  private async save(): Promise<void> {
    const body = JSON.stringify({ format: INDEX_FORMAT, formatVersion: 1, recordings: [...this.entries.values()] });
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, body);
      await rename(tmp, this.file);
    } catch (err) {
      this.options.log?.(`recordings index: cannot save ${this.file}: ${(err as Error).message} (it is rebuilt from the recordings at the next start)`);
    }
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.options.log?.(`recordings index: cannot read ${this.file}: ${(err as Error).message}; rebuilding it`);
      return;
    }
    try {
      const value = JSON.parse(text) as { format?: unknown; recordings?: unknown };
      if (value.format !== INDEX_FORMAT || !Array.isArray(value.recordings)) throw new Error(`not a ${INDEX_FORMAT} file`);
      for (const r of value.recordings as IndexedRecording[]) {
        if (typeof r?.id === 'string' && typeof r.bytes === 'number' && typeof r.startedAtMs === 'number') this.entries.set(r.id, r);
      }
    } catch (err) {
      this.options.log?.(`recordings index: ${this.file} is damaged (${(err as Error).message}); rebuilding it from the recordings`);
      this.entries.clear();
    }
  }

  private async reconcile(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dataDir)).filter((n) => n.endsWith(RECORDING_EXTENSION));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') names = [];
      else throw err;
    }
    let changed = false;
    const present = new Set<string>();
    for (const name of names) {
      const file = join(this.dataDir, name);
      const id = name.slice(0, -RECORDING_EXTENSION.length);
      let bytes: number;
      try {
        bytes = (await stat(file)).size;
      } catch {
        continue; // removed meanwhile
      }
      present.add(id);
      if (this.entries.get(id)?.bytes === bytes) continue;
      changed = true;
      try {
        const { info, events } = await readRecordingFile(file);
        const ended = events.some((e) => e.event.type === 'state' && e.event.session.state === 'ended');
        this.entries.set(id, { ...info, id, bytes, ended });
      } catch (err) {
        this.entries.delete(id);
        if (err instanceof RecordingError) this.options.log?.(`replay: skipped ${err.message}`);
        else throw err;
      }
    }
    for (const id of this.entries.keys()) {
      if (!present.has(id)) {
        this.entries.delete(id);
        changed = true;
      }
    }
    this.sorted = undefined;
    if (changed) {
      this.scheduleSave();
      await this.flush();
    }
  }
}
