/** Tutti's wire protocol, shared by the server and the browser client. */
export { PROTOCOL_VERSION } from './version.js';
export { NAMESPACES } from './events.js';
export type * from './events.js';
export type * from './payloads.js';
