// Page objects: what a test may do with Sloy, in a user's words. Specs call these instead of
// writing selectors, so that a change of markup is fixed in one place.

/** How long the app may take to show its first screen (a cold wasm compile on a busy 2-core box). */
export const APP_TIMEOUT_MS = 20_000;

export class SloyPage {
  /** @param {import("./harness.mjs").Session} session */
  constructor(session) {
    this.session = session;
    this.page = session.page;
  }

  /** Opens the app at its address (plus an optional `#/route`). */
  async open(hash = "") {
    await this.session.guard(this.page.goto(this.session.server.url + hash));
    return this;
  }

  async reload() {
    await this.session.guard(this.page.reload());
    return this;
  }

  /** Waits until `text` is visible anywhere on the page. */
  async waitForText(text, { timeout = APP_TIMEOUT_MS } = {}) {
    const locator = this.page.getByText(text).first();
    await this.session.guard(locator.waitFor({ state: "visible", timeout }));
    return locator;
  }

  /** Waits until the page's header shows the current project's `name` (or a part of it). */
  async waitForProject(name, { timeout = APP_TIMEOUT_MS } = {}) {
    const locator = this.page.locator("header").getByText(name).first();
    await this.session.guard(locator.waitFor({ state: "visible", timeout }));
    return locator;
  }

  /** Waits until a service worker controls the page: the first load only registers it. */
  async waitForServiceWorkerControl({ timeout = APP_TIMEOUT_MS } = {}) {
    await this.session.guard(
      this.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined)),
    );
    const controlled = await this.page.evaluate(() => navigator.serviceWorker.controller !== null);
    if (!controlled) await this.reload();
    await this.session.guard(
      this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout,
      }),
    );
  }

  /** The in-app routes the current screen links to (`#/…` hrefs), without duplicates. */
  async routeLinks() {
    return this.page.evaluate(() => [
      ...new Set(
        [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => a.getAttribute("href"))
          .filter((href) => href.length > 1),
      ),
    ]);
  }

  /**
   * Goes to an in-app route and lets it render: two animation frames after the change, then
   * until the screen's code has arrived (a screen shows a placeholder while its part of the
   * build loads, the first time only).
   */
  async visitRoute(hash) {
    await this.session.guard(
      this.page.evaluate(
        (target) =>
          new Promise((resolve) => {
            location.hash = target;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          }),
        hash,
      ),
    );
    await this.waitForScreenCode();
  }

  /** Waits until no screen shows the placeholder of its code still loading. */
  async waitForScreenCode({ timeout = APP_TIMEOUT_MS } = {}) {
    await this.session.guard(
      this.page.getByTestId("screen-loading").waitFor({ state: "detached", timeout }),
    );
  }

  /** Waits until the screen with `data-testid=testId` is visible. */
  async waitForScreen(testId, { timeout = APP_TIMEOUT_MS } = {}) {
    await this.session.guard(this.page.getByTestId(testId).first().waitFor({ state: "visible", timeout }));
  }

  /** The Content-Security-Policy of the loaded document, from its <meta>. */
  async cspMeta() {
    return this.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
  }
}
