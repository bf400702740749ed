/**
 * The one door to `tonal`. Pinned to 6.4.1: the published 6.5.0 (and the `@tonaljs/*` packages it
 * pulls in) point `main`/`types` at `dist/index.js`/`dist/index.d.ts`, which it does not ship, so
 * `import 'tonal'` fails under Node there and its types resolve to `any`; 6.5.1 needs an
 * `@tonaljs/abc-notation` version that was never published. Everything harmony uses goes through
 * here, so a later upgrade touches one file.
 */
export { Chord, ChordType, Interval, Note } from 'tonal';
