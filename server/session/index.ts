export { ConcertSession, type SessionListener, type SessionOptions } from './session.js';
export type { PositionSink, PositionSource } from './positionSource.js';
export { SessionRecorder, type RecorderOptions, type RecordableEnrichment } from './recorder.js';
export { listRecordings, readRecording, readRecordingFile, type Recording } from './recordings.js';
export { playRecording, MAX_REPLAY_SPEED, type ReplayHandle, type ReplayHandlers } from './replayer.js';
export { SessionError, RecordingError } from './errors.js';
export { defaultDataDir } from './dataDir.js';
