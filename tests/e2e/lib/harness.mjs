// The end-to-end rig: node's test runner + playwright-core driving Debian's Chromium.
//
// `appTest(name, body, options)` gives each test its own static server for dist/ (optionally
// under a sub-path), a Chromium with a fresh user-data dir, and guards that fail the test on
// any uncaught page error, console error, failed request (but one a navigation cancelled), or
// request that leaves the app's origin. Waits poll (locators), because Leptos renders asynchronously: never read the DOM
// once and assert. On failure a screenshot and a log go to tests/e2e/.artifacts/.

import { test } from "node:test";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./browser.mjs";
import { serveDist } from "./server.mjs";
import { SloyPage } from "./pages.mjs";

export { CHROMIUM, CHROMIUM_ARGS } from "./browser.mjs";
export { APP_TIMEOUT_MS, SloyPage } from "./pages.mjs";

const ARTIFACTS = fileURLToPath(new URL("../.artifacts/", import.meta.url));

/**
 * One test with a fresh server, browser and page. `body` receives the session
 * (destructure { app, page, context, server, requests }; call session.expectErrors(re) on the
 * object itself) and the node:test context.
 * @param {string} name
 * @param {(session: Session, t: import("node:test").TestContext) => Promise<void>} body
 * @param {{base?: string, timeout?: number, todo?: string}} [options] `base`: the sub-path to serve dist/ under; `todo`: a known app bug (node:test todo).
 */
export function appTest(name, body, options = {}) {
  return test(name, { timeout: options.timeout ?? 120_000, todo: options.todo }, async (t) => {
    const session = await Session.start(options);
    try {
      await body(session, t);
      session.assertClean();
    } catch (error) {
      await session.saveArtifacts(name).catch(() => {});
      throw error;
    } finally {
      await session.close();
    }
  });
}

export class Session {
  static async start({ base = "/" } = {}) {
    const server = await serveDist({ base });
    try {
      return new Session(server, await launchBrowser());
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  constructor(server, browser) {
    this.server = server;
    this.browser = browser;
    this.context = browser.context;
    this.page = browser.page;
    /** Every URL requested by the page or its service worker, in order. */
    this.requests = [];
    /** Page errors, console errors, failed requests and off-origin requests, as text. */
    this.errors = [];
    /** Console output of the page, for the failure log. */
    this.console = [];
    this.allowedErrors = [];
    // Rejects at the first error so that a wait fails at once instead of at its timeout.
    this.failed = new Promise((_, reject) => (this.fail = reject));
    this.failed.catch(() => {});
    this.app = new SloyPage(this);

    this.context.on("request", (request) => {
      const url = request.url();
      this.requests.push(url);
      if (!this.isOwnUrl(url)) this.error(`request left the app's origin: ${url}`);
    });
    this.page.on("pageerror", (error) => this.error(`page error: ${error.stack ?? error}`));
    this.page.on("crash", () => this.error("the page crashed"));
    this.page.on("console", (message) => {
      const text = `console.${message.type()}: ${message.text()}`;
      this.console.push(text);
      if (message.type() === "error") this.error(text);
    });
    this.page.on("requestfailed", (request) => {
      const reason = request.failure()?.errorText;
      // A navigation (a reload, a new address) cancels what the page was still fetching, such
      // as the screens' parts the app prefetches while idle: that is the browser's doing, not a
      // failure. A refused or broken request fails with another reason.
      if (reason === "net::ERR_ABORTED") return;
      this.error(`request failed: ${request.url()} (${reason})`);
    });
  }

  /** The page's own origin, data: and same-origin blob: URLs. */
  isOwnUrl(url) {
    if (url.startsWith("data:")) return true;
    try {
      return new URL(url).origin === this.server.origin;
    } catch {
      return false;
    }
  }

  error(text) {
    if (this.allowedErrors.some((pattern) => pattern.test(text))) return;
    this.errors.push(text);
    this.fail(new Error(`${text}\n(all errors so far:\n  ${this.errors.join("\n  ")})`));
  }

  /** Lets errors matching `pattern` happen (e.g. a CSP violation the test provokes on purpose). */
  expectErrors(pattern) {
    this.allowedErrors.push(pattern);
  }

  /** Races `promise` against the first page error. */
  guard(promise) {
    return Promise.race([promise, this.failed]);
  }

  assertClean() {
    if (this.errors.length > 0) {
      throw new Error(`the page reported errors:\n  ${this.errors.join("\n  ")}`);
    }
  }

  async saveArtifacts(name) {
    const slug = name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
    await mkdir(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${slug}.png`), fullPage: true });
    const log = [
      `url: ${this.page.url()}`,
      "errors:",
      ...this.errors.map((e) => `  ${e}`),
      "console:",
      ...this.console.map((c) => `  ${c}`),
      "requests:",
      ...this.requests.map((r) => `  ${r}`),
    ].join("\n");
    await writeFile(path.join(ARTIFACTS, `${slug}.log`), log + "\n");
  }

  async close() {
    await this.browser.close();
    await this.server.close();
  }
}
