import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Root is client/; the protocol module is shared with the server, imported as '@tutti/protocol'.
export default defineConfig({
  root: here('.'),
  plugins: [vue()],
  resolve: {
    alias: { '@tutti/protocol': here('../server/protocol/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `vite` dev server: forward socket.io to a running `tutti serve` (default port 3000).
    proxy: { '/socket.io': { target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, ws: true } },
  },
});
