/**
 * An audio file played as if it were live: decoded once, then delivered in small chunks, each at the
 * moment its last sample would have been heard. Deadlines are computed from the start time (not from
 * the previous timer), so timer lateness never accumulates into drift; chunks that are overdue (a
 * busy event loop) are delivered at once, as an audio device's buffer would.
 */
import { performance } from 'node:perf_hooks';
import { interleave } from '../audio/chunks.js';
import { decodeAudioFile, type DecodedAudio } from '../audio/decode.js';
import { AudioInputError, type AudioInput } from './audioInput.js';

export interface FileAsLiveOptions {
  /** Playback speed: 1 = real time; > 1 plays faster (tests). Default 1. */
  readonly speed?: number;
  /** Chunk length in milliseconds of audio. Default 20. */
  readonly chunkMs?: number;
  /** Start again from the beginning at the end, forever. Default false. */
  readonly loop?: boolean;
  /** Wall clock in milliseconds; injectable for tests. Default performance.now. */
  readonly nowMs?: () => number;
}

export interface FileAsLiveInput extends AudioInput {
  /** Decodes the file (once); call early so a bad file fails before the concert starts. */
  load(): Promise<DecodedAudio>;
}

export function fileAsLiveInput(path: string, options: FileAsLiveOptions = {}): FileAsLiveInput {
  const speed = options.speed ?? 1;
  const chunkMs = options.chunkMs ?? 20;
  const loop = options.loop ?? false;
  const nowMs = options.nowMs ?? (() => performance.now());
  if (!(Number.isFinite(speed) && speed > 0 && speed <= 1000)) throw new AudioInputError(`playback speed must be a number in (0, 1000], got ${speed}`);
  if (!(Number.isFinite(chunkMs) && chunkMs >= 1 && chunkMs <= 1000)) throw new AudioInputError(`chunk length must be 1..1000 ms, got ${chunkMs}`);

  const description = `${path} as live${speed !== 1 ? ` at ${speed}× speed` : ''}${loop ? ', looped' : ''}`;
  let decoded: Promise<DecodedAudio> | undefined;
  // Each start gets a new run token; stop() or a new start invalidates the old one.
  let run = 0;
  let timer: NodeJS.Timeout | undefined;

  const load = () => (decoded ??= decodeAudioFile(path));

  function stop(): void {
    run++;
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  return {
    description,
    load,
    stop,
    start(onChunk, onEnd) {
      stop();
      const mine = run;
      load().then(
        (audio) => {
          if (run !== mine) return;
          const total = audio.channels[0]!.length;
          const chunkFrames = Math.max(1, Math.round((chunkMs / 1000) * audio.sampleRate));
          const msPerFrame = 1000 / audio.sampleRate / speed;
          const t0 = nowMs();
          let sent = 0; // frames delivered since start, across loops
          const tick = () => {
            timer = undefined;
            if (run !== mine) return;
            const now = nowMs();
            while (run === mine) {
              const offset = sent % total;
              const end = Math.min(total, offset + chunkFrames);
              const due = t0 + (sent + end - offset) * msPerFrame;
              if (due > now) {
                timer = setTimeout(tick, Math.max(0, due - now));
                return;
              }
              onChunk({ samples: interleave(audio.channels, offset, end), sampleRate: audio.sampleRate, channels: audio.channels.length });
              if (run !== mine) return; // stopped from inside onChunk
              sent += end - offset;
              if (!loop && sent >= total) {
                run++;
                onEnd();
                return;
              }
            }
          };
          tick();
        },
        (err: unknown) => {
          if (run !== mine) return;
          run++;
          onEnd(err instanceof Error ? err : new AudioInputError(String(err)));
        },
      );
    },
  };
}
