/**
 * The wire protocol's version. Bump it on any change a connected client could notice
 * (renamed event, changed payload); clients compare it with the server's `hello`.
 * Additions an older peer can ignore (new events, like the browser-microphone events
 * `mic`, `micError`, `micStart`, `micChunk`, `micStop`; the `enrichment` event and the optional
 * `piece`/`enrichment` fields of `hello`) do not bump it.
 */
export const PROTOCOL_VERSION = 2;
/*
 * 2: position ticks carry `seq`, `serverTimeMs` and `source`; `hello` carries `programme` and `message`; the `clock`
 * exchange; the `programme`, `message`, `belief` and `audit` events; the commands select, mode, cue, step, pause,
 * resume and message. Recordings of protocol 1 still replay (their ticks are read as follower ticks).
 */
