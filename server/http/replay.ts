/** The /replay namespace: list recordings, stream one back to the asking socket. */
import { RecordingError, playRecording, type ReplayHandle } from '../session/index.js';
import { createRecordingReader } from '../session/recordingReader.js';
import type { RecordingIndex } from '../session/recordingIndex.js';
import type { ListRequest, ListResult, ReplayControlResult, ReplayEnd, ReplayFrame, ReplaySeeked, SeriesResult } from '../protocol/index.js';
import { replaySeries } from '../session/replayer.js';
import { createFramePipe } from './flowControl.js';
import type { ReplayNamespace } from './namespaces.js';

interface ReplayOut {
  readonly frame?: ReplayFrame;
  readonly end?: ReplayEnd;
  readonly seeked?: ReplaySeeked;
}

export interface ReplayDeps {
  readonly dataDir: string;
  /** Listings come from here, never from reading the recordings. */
  readonly recordings: RecordingIndex;
  readonly log?: (line: string) => void;
}

export function wireReplayNamespace(replay: ReplayNamespace, deps: ReplayDeps): void {
  const reader = createRecordingReader(deps.dataDir);
  replay.on('connection', (socket) => {
    let playing: ReplayHandle | undefined;
    // Frames go out as fast as this socket takes them, never faster (see flowControl.ts).
    const out = createFramePipe<ReplayOut>(socket, (o) => (o.frame ? socket.emit('frame', o.frame) : o.seeked ? socket.emit('seeked', o.seeked) : socket.emit('end', o.end!)), {
      droppable: (o) => o.frame !== undefined && (o.frame.recorded.event.type === 'position' || o.frame.recorded.event.type === 'level'),
    });
    let playingId = '';
    let playingSpeed = 1;
    const stop = () => {
      playing?.stop();
      playing = undefined;
    };

    socket.on('list', (...args: [unknown, unknown?]) => {
      const ack = args.find((a) => typeof a === 'function') as ((result: ListResult) => void) | undefined;
      if (!ack) return;
      const request = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as ListRequest;
      const offset = typeof request.offset === 'number' && Number.isFinite(request.offset) ? request.offset : 0;
      const limit = typeof request.limit === 'number' && Number.isFinite(request.limit) ? request.limit : 50;
      ack({ ok: true, ...deps.recordings.page(offset, limit) });
    });

    socket.on('play', (request, ack) => {
      if (typeof ack !== 'function') return;
      const id = typeof request?.id === 'string' ? request.id : '';
      const speed = typeof request?.speed === 'number' && Number.isFinite(request.speed) ? request.speed : 1;
      reader.read(id).then(
        (recording) => {
          stop();
          ack({ ok: true, recording: recording.info });
          const handle = playRecording(recording, speed, {
            onEvent: (recorded) => out.push({ frame: { recordingId: id, recorded } }),
            onEnd: (reason) => {
              out.push({ end: { recordingId: id, reason } });
              if (playing === handle) playing = undefined;
            },
          });
          playing = handle;
          playingId = id;
          playingSpeed = speed;
        },
        (err: Error) => ack({ ok: false, error: err instanceof RecordingError ? err.message : `cannot read recording ${id}: ${err.message}` }),
      );
    });

    // Pause, resume, seek, speed: on the recording playing on this socket (seek works paused, and after the end
    // it plays again from there while the socket stays).
    socket.on('control', (control, ack) => {
      if (typeof ack !== 'function') return;
      const answer = (result: ReplayControlResult) => ack(result);
      const handle = playing;
      if (!handle) return answer({ ok: false, error: 'nothing is playing: play a recording first' });
      const c = (typeof control === 'object' && control !== null ? control : {}) as { type?: unknown; offsetMs?: unknown; speed?: unknown };
      switch (c.type) {
        case 'pause':
          handle.pause();
          break;
        case 'resume':
          handle.resume();
          break;
        case 'seek':
          if (typeof c.offsetMs !== 'number' || !Number.isFinite(c.offsetMs)) return answer({ ok: false, error: 'seek: "offsetMs" must be a number of milliseconds' });
          out.push({ seeked: { recordingId: playingId, offsetMs: Math.max(0, c.offsetMs) } });
          handle.seek(c.offsetMs);
          break;
        case 'speed':
          if (typeof c.speed !== 'number' || !Number.isFinite(c.speed) || c.speed <= 0) return answer({ ok: false, error: 'speed: "speed" must be a positive number' });
          handle.setSpeed(c.speed);
          playingSpeed = c.speed;
          break;
        default:
          return answer({ ok: false, error: `unknown control ${JSON.stringify(c.type)} (expected pause, resume, seek or speed)` });
      }
      answer({ ok: true, positionMs: handle.positionMs(), paused: handle.paused, speed: playingSpeed });
    });

    socket.on('series', (request, ack) => {
      if (typeof ack !== 'function') return;
      const id = typeof request?.id === 'string' ? request.id : '';
      reader.read(id).then(
        (recording) => (ack as (r: SeriesResult) => void)({ ok: true, ...replaySeries(recording.events) }),
        (err: Error) => (ack as (r: SeriesResult) => void)({ ok: false, error: err instanceof RecordingError ? err.message : `cannot read recording ${id}: ${err.message}` }),
      );
    });

    socket.on('stop', stop);
    socket.on('disconnect', () => {
      stop();
      out.close();
    });
  });
}
