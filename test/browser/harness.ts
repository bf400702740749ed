/**
 * Browser-test harness: the real server on an ephemeral port serving the built client, and
 * Debian Chromium driven by playwright-core with a fresh profile under os.tmpdir().
 * Missing prerequisites fail loudly with the command that fixes them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import type { TuttiServerOptions } from '../../server/http/server.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserHarness {
  readonly server: TestServer;
  readonly browser: BrowserContext;
  dispose(): Promise<void>;
}

export function checkPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Browser tests need Debian Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\`.`);
  }
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`The client is not built (${CLIENT_DIR}/index.html is missing): run \`npm run build:client\` (npm test does it first).`);
  }
}

export interface HarnessOptions {
  /** Added to the standard Chromium flags (e.g. the fake media-stream flags). */
  readonly chromiumArgs?: readonly string[];
  /** Passed to the test server (e.g. a microphone input). */
  readonly server?: Partial<TuttiServerOptions>;
}

export async function startBrowserHarness(options: HarnessOptions = {}): Promise<BrowserHarness> {
  checkPrerequisites();
  const server = await startTestServer({ ...options.server, clientDir: CLIENT_DIR });
  const profile = mkdtempSync(join(tmpdir(), 'tutti-chromium-'));
  let browser: BrowserContext;
  try {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? [])],
      viewport: { width: 390, height: 844 }, // phone-first
    });
  } catch (err) {
    await server.dispose();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    server,
    browser,
    dispose: async () => {
      await browser.close();
      await server.dispose();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One harness per test file, started by the first test that asks. A missing prerequisite
 * then fails every test with its message; a failing beforeAll would show them as skipped.
 */
export function sharedBrowserHarness(options: HarnessOptions = {}): { get(): Promise<BrowserHarness>; dispose(): Promise<void> } {
  let started: Promise<BrowserHarness> | undefined;
  return {
    get: () => (started ??= startBrowserHarness(options)),
    dispose: async () => {
      const h = await started?.catch(() => undefined);
      await h?.dispose();
    },
  };
}
