export { createApplication, type AppDeps, type Application } from './app.js';
export { startTuttiServer, DEFAULT_CLIENT_DIR, type RunningServer, type TuttiServerOptions } from './server.js';
export { resolveConductorToken, tokenMatches, type ConductorToken } from './auth.js';
export { SERVER_VERSION } from './version.js';
export type * from './namespaces.js';
export { createBrowserMicLiveSource, type BrowserMicSource, type BrowserMicSourceOptions } from './browserMicSource.js';
export { wireMicrophone, MIC_UNAVAILABLE } from './microphone.js';
