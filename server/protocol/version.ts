/**
 * The wire protocol's version. Bump it on any change a connected client could notice
 * (renamed event, changed payload); clients compare it with the server's `hello`.
 */
export const PROTOCOL_VERSION = 1;
