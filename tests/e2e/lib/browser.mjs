// Launching Debian's Chromium through playwright-core, with the flags this machine needs:
// without the background-networking ones Chromium floods the closed network with connections
// that are refused. Used by the e2e harness and by .ci/bench.mjs.

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.SLOY_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A headless Chromium with a fresh user-data dir (no cache, no service worker, empty
 * localStorage). `close()` closes it and deletes the directory.
 * @returns {Promise<{context: import("playwright-core").BrowserContext,
 *   page: import("playwright-core").Page, close: () => Promise<void>}>}
 */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "sloy-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: "ru-RU",
      timezoneId: "Europe/Moscow",
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`cannot launch ${CHROMIUM} (run \`bash .ci/setup\`): ${error.message}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
