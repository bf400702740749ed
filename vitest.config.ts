import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The client's pure modules are tested beside their code; they import the protocol as the client does.
  resolve: { alias: { '@tutti/protocol': fileURLToPath(new URL('./server/protocol/index.ts', import.meta.url)) } },
  test: {
    include: ['server/**/*.test.ts', 'models/**/*.test.ts', 'test/**/*.test.ts', 'client/src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
