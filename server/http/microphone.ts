/**
 * The browser microphone on /conductor (token-authenticated, so audio is never taken from the
 * audience): `micStart` claims the input, `micChunk` carries PCM, `micStop` or a dropped connection
 * releases it (the input pauses). Every conductor socket is told the input's state on connect and
 * on every change; a refused chunk or claim is answered to its sender only.
 */
import type { MicResult, MicStatus } from '../protocol/index.js';
import type { BrowserMicInput, BrowserMicState } from '../live/browserMicInput.js';
import type { ConductorNamespace, ConductorSocket } from './namespaces.js';

export const MIC_UNAVAILABLE =
  'this server does not listen to a browser microphone: start it with the microphone as its input (tutti serve --input mic)';

/** The same error message goes to one socket at most once per this interval (a broken sender repeats itself). */
const ERROR_REPEAT_MS = 1000;

export function wireMicrophone(conductor: ConductorNamespace, mic: BrowserMicInput | undefined): () => void {
  const statusFor = (socket: ConductorSocket, state: BrowserMicState | undefined): MicStatus =>
    state
      ? {
          available: true,
          active: state.ownerId !== null,
          yours: state.ownerId === socket.id,
          listening: state.listening,
          sampleRate: state.sampleRate,
          channels: state.channels,
          note: state.note,
        }
      : { available: false, active: false, yours: false, listening: false, sampleRate: null, channels: null, note: MIC_UNAVAILABLE };

  const unsubscribe = mic?.subscribe((state) => {
    for (const socket of conductor.sockets.values()) socket.emit('mic', statusFor(socket, state));
  });

  conductor.on('connection', (socket) => {
    socket.emit('mic', statusFor(socket, mic?.state()));
    const lastSent = new Map<string, number>();
    const refuse = (error: string) => {
      const now = Date.now();
      if (now - (lastSent.get(error) ?? -Infinity) < ERROR_REPEAT_MS) return;
      lastSent.set(error, now);
      if (lastSent.size > 100) lastSent.clear();
      socket.emit('micError', { error });
    };

    socket.on('micStart', (claim, ack) => {
      let result: MicResult;
      if (!mic) result = { ok: false, error: MIC_UNAVAILABLE };
      else {
        try {
          const label = typeof claim?.deviceLabel === 'string' ? claim.deviceLabel : '';
          mic.claim(socket.id, label);
          result = { ok: true, status: statusFor(socket, mic.state()) };
        } catch (err) {
          result = { ok: false, error: (err as Error).message };
        }
      }
      if (typeof ack === 'function') ack(result);
      else if (!result.ok) refuse(result.error);
    });

    socket.on('micChunk', (chunk) => {
      if (!mic) return refuse(MIC_UNAVAILABLE);
      try {
        mic.push(socket.id, chunk);
      } catch (err) {
        refuse((err as Error).message);
      }
    });

    socket.on('micStop', () => mic?.release(socket.id, 'the conductor stopped the microphone'));
    socket.on('disconnect', (reason) => mic?.release(socket.id, `the conductor's connection dropped (${reason})`));
  });

  return () => unsubscribe?.();
}
