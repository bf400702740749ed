/** The /replay namespace: list recordings, stream one back to the asking socket. */
import { RecordingError, listRecordings, playRecording, readRecording, type ReplayHandle } from '../session/index.js';
import type { ReplayNamespace } from './namespaces.js';

export interface ReplayDeps {
  readonly dataDir: string;
  readonly log?: (line: string) => void;
}

export function wireReplayNamespace(replay: ReplayNamespace, deps: ReplayDeps): void {
  replay.on('connection', (socket) => {
    let playing: ReplayHandle | undefined;
    const stop = () => {
      playing?.stop();
      playing = undefined;
    };

    socket.on('list', (ack) => {
      if (typeof ack !== 'function') return;
      listRecordings(deps.dataDir, (err) => deps.log?.(`replay: skipped ${err.message}`)).then(
        (recordings) => ack({ ok: true, recordings }),
        (err: Error) => ack({ ok: false, error: `cannot list recordings in ${deps.dataDir}: ${err.message}` }),
      );
    });

    socket.on('play', (request, ack) => {
      if (typeof ack !== 'function') return;
      const id = typeof request?.id === 'string' ? request.id : '';
      const speed = typeof request?.speed === 'number' && Number.isFinite(request.speed) ? request.speed : 1;
      readRecording(deps.dataDir, id).then(
        (recording) => {
          stop();
          ack({ ok: true, recording: recording.info });
          const handle = playRecording(recording, speed, {
            onEvent: (recorded) => socket.emit('frame', { recordingId: id, recorded }),
            onEnd: (reason) => {
              socket.emit('end', { recordingId: id, reason });
              if (playing === handle) playing = undefined;
            },
          });
          playing = handle;
        },
        (err: Error) => ack({ ok: false, error: err instanceof RecordingError ? err.message : `cannot read recording ${id}: ${err.message}` }),
      );
    });

    socket.on('stop', stop);
    socket.on('disconnect', stop);
  });
}
