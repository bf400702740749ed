import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Root is client/; the protocol module is shared with the server, imported as '@tutti/protocol'.
export default defineConfig({
  root: here('.'),
  plugins: [vue(), precompress(here('dist'))],
  // vue-i18n: Composition API only, no legacy API or devtools in the bundle.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { '@tutti/protocol': here('../server/protocol/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // verovio's module (8 MB, the WASM inlined) is its own chunk, loaded only when a score is shown.
    chunkSizeWarningLimit: 9000,
  },
  server: {
    // `vite` dev server: forward socket.io to a running `tutti serve` (default port 3000).
    proxy: { '/socket.io': { target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, ws: true } },
  },
});
