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

/** Russian formatting's spaces as plain spaces, runs of white space as one. */
const plainText = (s) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

/**
 * Reads the same figure on every screen that shows it (leads needed, plan coverage, a layer's
 * state), as the consultant sees it there. Each reader opens its screen, waits until the figure
 * is rendered and returns its text (spaces made plain).
 */
export class Figures {
  /** @param {import("./app.mjs").Sloy} app */
  constructor(app) {
    this.app = app;
  }

  /** Waits for `locator`, then returns the first match of `re` in its text (group 1). */
  async #read(locator, re) {
    return this.app.eventually(async () => {
      const text = plainText(await locator.first().textContent({ timeout: 1_000 }));
      const m = text.match(re);
      if (!m) throw new Error(`${re} not in ${JSON.stringify(text)}`);
      return m[1].trim();
    });
  }

  /** The row of a checks table (`table` test id) whose metric contains `label`. */
  #diagRow(table, label) {
    return this.app.by(table).locator("[data-testid='diag-check']").filter({ hasText: label });
  }

  /** Leads of category `k` needed in the reporting quarter, screen by screen. */
  async leadsNeeded(k) {
    const app = this.app;
    const out = {};
    await app.route("#/l1/goals");
    out["Слой 1 → Цели"] = await this.#read(app.by(`leads-quarter-${k}`), /^(.+)$/);
    await app.route("#/l2/metrics");
    out["Слой 2 → Метрики"] = await this.#read(app.by(`leads-needed-${k}`), /^(.+)$/);
    await app.route("#/l3/metrics");
    out["Слой 3 → Метрики"] = await this.#read(app.by(`l3-metric-leads-${k}`), /нужных (\S+) \(/);
    await app.route("#/dashboard");
    out["Панель"] = await this.#read(
      app.by("dash-leads").filter({ hasText: `кат. ${k}` }),
      /из (\S+) нужных/,
    );
    await app.route("#/diagnosis");
    out["Диагностика"] = await this.#read(
      this.#diagRow("diag-l2", `Лиды кат. ${k}`).locator("[data-testid='diag-threshold']"),
      /нужно (\S+)\)/,
    );
    await app.route("#/method/report");
    const cell = (key) => app.by(`report-m-${key}`).locator("td").nth(1);
    out["Отчёт по слоям, слой 2"] = await this.#read(cell(`leads-${k}`), /нужных (\S+)/);
    out["Отчёт по слоям, слой 3"] = await this.#read(cell(`ab-leads-${k}`), /нужных (\S+)/);
    return out;
  }

  /** Plan coverage (weighted pipeline / remaining plan), screen by screen. */
  async planCoverage() {
    const app = this.app;
    const out = {};
    await app.route("#/l2/metrics");
    out["Слой 2 → Метрики"] = await this.#read(app.by("coverage"), /(\d[\d ]*(?:,\d+)? %|—)/);
    await app.route("#/diagnosis");
    out["Диагностика"] = await this.#read(
      this.#diagRow("diag-l1", "Покрытие остатка плана").locator("[data-testid='diag-value']"),
      /^(.+)$/,
    );
    return out;
  }

  /** The state of layer `n`, screen by screen (method map, its layer screen, dashboard, report). */
  async layerState(n) {
    const app = this.app;
    const out = {};
    await app.route("#/method");
    out["Карта метода"] = await this.#read(app.by(`layer-${n}-status`), /^(.+)$/);
    await app.route(`#/l${n}`);
    out[`Слой ${n}`] = await this.#read(app.by(`layer-status-${n}-access`), /^(.+)$/);
    await app.route("#/dashboard");
    out["Панель"] = await this.#read(app.by(`dash-l${n}`).locator("[data-testid='dash-access']"), /^(.+)$/);
    await app.route("#/method/report");
    out["Отчёт по слоям"] = await this.#read(app.by(`report-l${n}-state`), /^(.+)$/);
    return out;
  }

  /** The typical-maps result and the ticks of the typical maps. */
  async typicalMaps() {
    const app = this.app;
    await app.route("#/l3/typical");
    const marks = app.page.locator("[data-testid^='l3-typical-status-']");
    await app.eventually(async () => {
      if ((await marks.count()) === 0) throw new Error("no typical maps yet");
    });
    const ticks = (await marks.allTextContents()).map(plainText);
    await app.route("#/l3/metrics");
    const result = await this.#read(app.by("l3-result-0"), /: (.+)$/);
    await app.route("#/method/report");
    const report = await this.#read(app.by("report-item-l3.r.maps"), /(✓|✗)/);
    return { ticks, result, report };
  }
}
