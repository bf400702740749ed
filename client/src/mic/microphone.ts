/**
 * The conductor's "Use this microphone" control: opens the device, claims the server's microphone
 * input over /conductor, and sends ~40-ms Int16 chunks while the socket is connected. While it is
 * disconnected the chunks are dropped (never queued: stale audio is worse than none) and the claim
 * is renewed on reconnect, so sending resumes by itself.
 */
import { reactive } from 'vue';
import type { MicStatus } from '@tutti/protocol';
import type { ConductorSocket } from '../sockets.js';
import { MicOpenError, openMicrophone, type MicCapture, type MicFailure } from './capture.js';
import { measureLevel, type LocalLevel } from './level.js';

export type MicPhase = 'off' | 'requesting' | 'claiming' | 'sending' | 'disconnected' | 'refused' | MicFailure;

export interface MicrophoneState {
  phase: MicPhase;
  /** What to tell the operator about the phase (an error, a refusal), or null. */
  message: string | null;
  /** The server's view of the input (available, someone else's, listening…), null until told. */
  server: MicStatus | null;
  /** Measured locally from the captured stream, so it moves even before the server listens. */
  level: LocalLevel | null;
  format: { sampleRate: number; channels: number; deviceLabel: string; via: string } | null;
  chunksSent: number;
}

export interface Microphone {
  readonly state: MicrophoneState;
  start(): Promise<void>;
  stop(): void;
  /** Stops capture and forgets the socket's listeners (the panel goes away). */
  dispose(): void;
}

export function useMicrophone(socket: ConductorSocket): Microphone {
  const state = reactive<MicrophoneState>({ phase: 'off', message: null, server: null, level: null, format: null, chunksSent: 0 });
  let capture: MicCapture | undefined;
  let claimed = false;

  const claim = () => {
    if (!capture) return;
    state.phase = 'claiming';
    socket.timeout(5000).emit('micStart', { deviceLabel: capture.deviceLabel }, (err, result) => {
      if (!capture) return;
      if (err) {
        claimed = false;
        state.phase = socket.connected ? 'claiming' : 'disconnected';
        state.message = 'The server did not answer the microphone request; asking again.';
        if (socket.connected) claim();
        return;
      }
      if (!result.ok) {
        // Refused (another conductor's microphone, or none wanted): let go of the device too.
        stop();
        state.phase = 'refused';
        state.message = result.error;
        return;
      }
      claimed = true;
      state.phase = 'sending';
      state.message = null;
      state.server = result.status;
    });
  };

  const onConnect = () => {
    if (capture) claim();
  };
  const onDisconnect = () => {
    claimed = false;
    if (capture) state.phase = 'disconnected';
  };
  const onStatus = (status: MicStatus) => {
    state.server = status;
    // The server let go of us (e.g. it restarted while we stayed connected): claim again.
    if (capture && claimed && !status.yours && socket.connected) {
      claimed = false;
      claim();
    }
  };
  const onError = (error: { error: string }) => {
    state.message = error.error;
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('mic', onStatus);
  socket.on('micError', onError);

  const send = (samples: Float32Array, sampleRate: number, channels: number) => {
    if (!capture) return; // a late chunk from a capture already stopped
    state.level = measureLevel(samples);
    if (!claimed || !socket.connected) return;
    socket.emit('micChunk', { sampleRate, channels, encoding: 's16', data: toInt16(samples).buffer as ArrayBuffer });
    state.chunksSent++;
  };

  /** Bumped by every start and stop: a device that opens after a stop (or after the panel went away) is closed at once. */
  let attempt = 0;

  async function start(): Promise<void> {
    if (capture || state.phase === 'requesting') return;
    const mine = ++attempt;
    state.phase = 'requesting';
    state.message = null;
    let opened: MicCapture;
    try {
      opened = await openMicrophone({
        chunk: send,
        ended: () => {
          if (capture !== opened) return;
          stop();
          state.phase = 'no-device';
          state.message = 'The microphone went away (unplugged or switched off).';
        },
      });
    } catch (err) {
      if (mine !== attempt) return;
      state.phase = err instanceof MicOpenError ? err.failure : 'error';
      state.message = (err as Error).message;
      return;
    }
    if (mine !== attempt) return opened.stop();
    capture = opened;
    state.format = { sampleRate: capture.sampleRate, channels: capture.channels, deviceLabel: capture.deviceLabel, via: capture.via };
    if (socket.connected) claim();
    else state.phase = 'disconnected';
  }

  function stop(): void {
    attempt++;
    if (claimed && socket.connected) socket.emit('micStop');
    claimed = false;
    capture?.stop();
    capture = undefined;
    state.phase = 'off';
    state.message = null;
    state.level = null;
    state.format = null;
  }

  return {
    state,
    start,
    stop,
    dispose: () => {
      stop();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('mic', onStatus);
      socket.off('micError', onError);
    },
  };
}

function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const x = Math.max(-1, Math.min(1, samples[i]!));
    out[i] = Math.round(x * 32767);
  }
  return out;
}
