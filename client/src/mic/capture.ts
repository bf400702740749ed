/**
 * Opens the operator's microphone and delivers interleaved Float32 chunks of ~40 ms, through an
 * AudioWorklet (a ScriptProcessor where AudioWorklet is missing). Music needs the raw signal, so
 * echo cancellation, noise suppression and automatic gain are switched off.
 */
import { CAPTURE_PROCESSOR, CAPTURE_WORKLET_SOURCE } from './captureWorklet.js';

export const CHUNK_SEC = 0.04;

/** Why the microphone could not be opened, in words a person can act on. */
export type MicFailure = 'insecure' | 'unsupported' | 'denied' | 'no-device' | 'busy' | 'error';

export class MicOpenError extends Error {
  constructor(
    readonly failure: MicFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface MicCapture {
  readonly sampleRate: number;
  readonly channels: number;
  readonly deviceLabel: string;
  /** 'worklet' or 'script-processor' (the fallback). */
  readonly via: string;
  stop(): void;
}

export interface CaptureHandlers {
  /** Interleaved samples, `channels` per frame. */
  chunk(samples: Float32Array, sampleRate: number, channels: number): void;
  /** The device went away (unplugged, revoked). */
  ended(): void;
}

export async function openMicrophone(handlers: CaptureHandlers): Promise<MicCapture> {
  if (!navigator.mediaDevices?.getUserMedia) {
    if (!window.isSecureContext) {
      throw new MicOpenError('insecure', 'Browsers allow microphones only on secure pages: open this panel over https, or on localhost on the machine itself.');
    }
    throw new MicOpenError('unsupported', 'This browser cannot capture audio (no getUserMedia).');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: { ideal: 1 } },
      video: false,
    });
  } catch (err) {
    throw openFailure(err);
  }
  const track = stream.getAudioTracks()[0];
  if (!track) {
    stream.getTracks().forEach((t) => t.stop());
    throw new MicOpenError('no-device', 'No microphone found: connect one and try again.');
  }
  const channels = Math.min(2, Math.max(1, track.getSettings().channelCount ?? 1));
  const context = new AudioContext();
  try {
    await context.resume();
    const source = context.createMediaStreamSource(stream);
    // Silent sink: some browsers only run nodes that lead to the destination.
    const mute = context.createGain();
    mute.gain.value = 0;
    mute.connect(context.destination);
    const chunkFrames = Math.round(CHUNK_SEC * context.sampleRate);
    const deliver = (samples: Float32Array) => handlers.chunk(samples, context.sampleRate, channels);
    const tap = context.audioWorklet ? await workletTap(context, channels, chunkFrames, deliver) : scriptProcessorTap(context, channels, deliver);
    source.connect(tap.node);
    tap.node.connect(mute);
    track.addEventListener('ended', () => handlers.ended());
    return {
      sampleRate: context.sampleRate,
      channels,
      deviceLabel: track.label,
      via: tap.via,
      stop: () => {
        tap.stop();
        stream.getTracks().forEach((t) => t.stop());
        void context.close();
      },
    };
  } catch (err) {
    stream.getTracks().forEach((t) => t.stop());
    void context.close();
    throw new MicOpenError('error', `Cannot process the microphone's audio: ${(err as Error).message}`);
  }
}

interface Tap {
  readonly node: AudioNode;
  readonly via: string;
  stop(): void;
}

async function workletTap(context: AudioContext, channels: number, chunkFrames: number, deliver: (s: Float32Array) => void): Promise<Tap> {
  const url = URL.createObjectURL(new Blob([CAPTURE_WORKLET_SOURCE], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    processorOptions: { channels, chunkFrames },
  });
  node.port.onmessage = (event: MessageEvent<Float32Array>) => deliver(event.data);
  return {
    node,
    via: 'worklet',
    stop: () => {
      node.port.postMessage('stop');
      node.port.onmessage = null;
      node.disconnect();
    },
  };
}

function scriptProcessorTap(context: AudioContext, channels: number, deliver: (s: Float32Array) => void): Tap {
  // 2048 frames ≈ 43 ms at 48 kHz: within the 20–50 ms the server expects.
  const node = context.createScriptProcessor(2048, channels, 1);
  node.onaudioprocess = (event) => {
    const input = event.inputBuffer;
    const frames = input.length;
    const out = new Float32Array(frames * channels);
    for (let c = 0; c < channels; c++) {
      const data = input.getChannelData(Math.min(c, input.numberOfChannels - 1));
      for (let i = 0; i < frames; i++) out[i * channels + c] = data[i]!;
    }
    deliver(out);
  };
  return {
    node,
    via: 'script-processor',
    stop: () => {
      node.onaudioprocess = null;
      node.disconnect();
    },
  };
}

function openFailure(err: unknown): MicOpenError {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MicOpenError('denied', 'Microphone permission denied: allow the microphone for this site in the browser, then try again.');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new MicOpenError('no-device', 'No microphone found: connect one and try again.');
    case 'NotReadableError':
    case 'AbortError':
      return new MicOpenError('busy', 'The microphone cannot be opened: another application may be using it.');
    default:
      return new MicOpenError('error', `Cannot open the microphone: ${(err as Error)?.message ?? String(err)}`);
  }
}
