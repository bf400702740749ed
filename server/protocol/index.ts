/** Tutti's wire protocol, shared by the server and the browser client. */
export { PROTOCOL_VERSION } from './version.js';
export { NAMESPACES } from './events.js';
export type * from './events.js';
export type * from './payloads.js';
/** Types only: the schemas themselves (zod) are imported from './schemas.js' by the server. */
export type { Infer, Parsed } from './schemas.js';
