/**
 * The wire protocol's version. Bump it on any change a connected client could notice
 * (renamed event, changed payload); clients compare it with the server's `hello`.
 * Additions an older peer can ignore (new events, like the browser-microphone events
 * `mic`, `micError`, `micStart`, `micChunk`, `micStop`; the `enrichment` event and the optional
 * `piece`/`enrichment` fields of `hello`) do not bump it.
 */
export const PROTOCOL_VERSION = 1;
