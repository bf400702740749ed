/**
 * Watches a live audio input for a stall (no chunk for `stallMs`) and for its end, so the operator
 * and the phones are told "no input" / "input ended" within a second instead of seeing the last bar
 * frozen under "following". It wraps any AudioInput and passes everything through unchanged.
 */
import type { InputState } from '../protocol/index.js';
import type { AudioInput } from './audioInput.js';

export interface InputWatchOptions {
  /** No chunk for this long is a stall. Default 500 ms (inputs deliver every 20–100 ms). */
  readonly stallMs?: number;
  /** How often the clock is looked at. Default 100 ms. */
  readonly checkEveryMs?: number;
  readonly now?: () => number;
}

export interface WatchedInput extends AudioInput {
  /** The latest state, null while the input is not started. */
  readonly state: InputState | null;
  /** Called on every change while started; returns an unsubscribe function. */
  onState(listener: (state: InputState, detail: string | null) => void): () => void;
}

export function watchInput(input: AudioInput, options: InputWatchOptions = {}): WatchedInput {
  const stallMs = options.stallMs ?? 500;
  const now = options.now ?? Date.now;
  const listeners = new Set<(state: InputState, detail: string | null) => void>();
  let state: InputState | null = null;
  let timer: NodeJS.Timeout | undefined;
  let lastChunkMs = 0;

  const set = (next: InputState, detail: string | null = null) => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next, detail);
  };
  const clear = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  return {
    get description() {
      return input.description;
    },
    get state() {
      return state;
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(onChunk, onEnd) {
      clear();
      state = null;
      lastChunkMs = now();
      // Until the first chunk the state is unknown; a silent start is a stall like any other.
      timer = setInterval(() => {
        if (now() - lastChunkMs >= stallMs) set('no input', `no audio for ${((now() - lastChunkMs) / 1000).toFixed(1)} s from ${input.description}`);
      }, options.checkEveryMs ?? 100);
      timer.unref();
      input.start(
        (chunk) => {
          lastChunkMs = now();
          set('receiving');
          onChunk(chunk);
        },
        (err) => {
          clear();
          set('input ended', err ? `${input.description} failed: ${err.message}` : `${input.description} ended`);
          onEnd(err);
        },
      );
    },
    stop() {
      clear();
      state = null;
      input.stop();
    },
  };
}

export function isWatchedInput(input: AudioInput): input is WatchedInput {
  return typeof (input as Partial<WatchedInput>).onState === 'function';
}
