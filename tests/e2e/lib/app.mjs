// Page objects for the behaviour specs: what a consultant does with Sloy (projects, files,
// storage, method map, language), in one place so a markup change is fixed here only.
//
// Every wait polls: Leptos renders asynchronously, so a value read once may be stale. Polls also
// stop at the first page or console error the harness recorded, instead of running into their
// timeout.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appTest, Session } from "./harness.mjs";
import { APP_TIMEOUT_MS } from "./pages.mjs";

/** The no-break space Russian formatting groups digits with. */
export const NBSP = "\u00A0";

/** How long one polled expectation may take on a busy 2-core machine. */
export const WAIT_MS = 15_000;

/** Demo project created on the first visit. */
export const DEMO_NAME = "Демо: ГидроТеплоМаш";

/** Fills localStorage with `junk.*` keys until not even one more character fits (run in the
 * page: `page.evaluate(fillStorage)`); returns the number of keys written. */
export function fillStorage() {
  let n = 0;
  for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
    const chunk = "ж".repeat(size);
    for (;;) {
      try {
        localStorage.setItem(`junk.${n}`, chunk);
        n += 1;
      } catch {
        break;
      }
    }
  }
  return n;
}

/** Removes what `fillStorage` wrote (run in the page). */
export function removeJunk() {
  for (const key of Object.keys(localStorage)) if (key.startsWith("junk.")) localStorage.removeItem(key);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regular expression matching exactly `text` (whole text content, trimmed). */
export const exactly = (text) => new RegExp(`^\\s*${escapeRe(text)}\\s*$`);

/**
 * Retries `check` (an async function that throws while its condition does not hold) until it
 * passes or `timeout` ms have gone by; then rethrows its last error. Stops at once when the
 * session has recorded a page error.
 */
export async function eventually(check, { timeout = WAIT_MS, interval = 100, session } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    session?.assertClean();
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(interval);
  }
}

/**
 * Makes page errors, crashes and console errors of an additional page (a second tab) fail the
 * test, like the harness does for the first page.
 * @param {import("./harness.mjs").Session} session
 * @param {import("playwright-core").Page} page
 */
export function watchPage(session, page, label = "second tab") {
  page.on("pageerror", (error) => session.error(`${label}: page error: ${error.stack ?? error}`));
  page.on("crash", () => session.error(`${label}: the page crashed`));
  page.on("console", (message) => {
    const text = `${label}: console.${message.type()}: ${message.text()}`;
    session.console.push(text);
    if (message.type() === "error") session.error(text);
  });
}

/**
 * Like the harness's `appTest` (fresh server, browser and error guards per test), with node:test
 * options: `{ todo: "why" }` marks a spec whose failure is a known app bug, so it runs and
 * reports without failing the suite.
 * @param {string} name
 * @param {(session: Session, t: import("node:test").TestContext) => Promise<void>} body
 * @param {{todo?: string, timeout?: number, base?: string}} [options]
 */
export function behaviourTest(name, body, options = {}) {
  return appTest(name, body, options);
}

/** Sloy in one tab. */
export class Sloy {
  /**
   * @param {import("./harness.mjs").Session} session
   * @param {import("playwright-core").Page} [page] another tab of the same browser
   */
  constructor(session, page = session.page) {
    this.session = session;
    this.page = page;
  }

  /** Opens the app (optionally at `#/route`) and waits for its shell. */
  static async open(session, hash = "") {
    const app = new Sloy(session);
    await app.goto(hash);
    return app;
  }

  /** The id of the deal whose option starts with `code` in layer 4's deal picker. */
  async dealId(code) {
    const picker = this.by("l4-deal-picker");
    await this.guard(picker.waitFor({ state: "visible" }));
    const id = await picker
      .locator("option")
      .evaluateAll((os, c) => os.find((o) => o.textContent.startsWith(c))?.value, code);
    assert.ok(id, `${code} is in the deal list`);
    return id;
  }

  by(testId) {
    return this.page.getByTestId(testId);
  }

  guard(promise) {
    return this.session.guard(promise);
  }

  eventually(check, options = {}) {
    return eventually(check, { session: this.session, ...options });
  }

  /** Loads the app at `#/route` and waits until the header is rendered. */
  async goto(hash = "") {
    await this.guard(this.page.goto(this.session.server.url + hash));
    await this.waitForShell();
  }

  async reload() {
    await this.guard(this.page.reload());
    await this.waitForShell();
  }

  /** Waits for the header and for the screen's code (a placeholder shows while it loads). */
  async waitForShell() {
    await this.guard(
      this.by("current-project").waitFor({ state: "attached", timeout: APP_TIMEOUT_MS }),
    );
    await this.waitForScreenCode();
  }

  /** Waits until no screen shows the placeholder of its code still loading. */
  async waitForScreenCode() {
    await this.guard(this.by("screen-loading").waitFor({ state: "detached", timeout: APP_TIMEOUT_MS }));
  }

  /** Switches to a screen by its hash and waits for it. */
  async route(hash) {
    const screen = { "#/method": "method-page", "#/data": "data-page", "#/projects": "projects-page" }[
      hash
    ];
    await this.guard(
      this.page.evaluate(
        (h) =>
          new Promise((resolve) => {
            location.hash = h;
            requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          }),
        hash,
      ),
    );
    await this.waitForScreenCode();
    if (screen) await this.guard(this.by(screen).waitFor({ state: "visible", timeout: WAIT_MS }));
  }

  /** Waits until `locator`'s text matches `expected` (a string to contain, or a RegExp). */
  async expectText(locator, expected, options = {}) {
    return this.eventually(async () => {
      const text = (await locator.first().textContent({ timeout: 1_000 })) ?? "";
      if (expected instanceof RegExp) assert.match(text, expected);
      else assert.ok(text.includes(expected), `expected ${JSON.stringify(text)} to contain ${JSON.stringify(expected)}`);
      return text;
    }, options);
  }

  /** Waits until `locator` matches `count` elements. */
  async expectCount(locator, count, options = {}) {
    await this.eventually(async () => assert.equal(await locator.count(), count), options);
  }

  /** Waits until the header names the open project `name` exactly. */
  async expectCurrentProject(name) {
    await this.expectText(this.by("current-project"), exactly(name));
  }

  async currentProject() {
    return ((await this.by("current-project").textContent()) ?? "").trim();
  }

  /** Waits until the header's save state reads `text` («Сохранено», «Не сохранено», …). */
  async expectSaveState(text) {
    await this.expectText(this.by("save-state"), exactly(text));
  }

  // ---- Projects screen -------------------------------------------------------------------

  /** Rows of the live project list whose name is exactly `name`. */
  projectRow(name) {
    return this.by("project-list")
      .getByTestId("project-row")
      .filter({ has: this.page.locator(".project-name", { hasText: exactly(name) }) });
  }

  /** Rows of the bin whose name is exactly `name`. */
  binRow(name) {
    return this.page
      .getByTestId("bin-row")
      .filter({ has: this.page.locator(".project-name", { hasText: exactly(name) }) });
  }

  /** Names in the live project list, as shown. */
  async projectNames() {
    return this.by("project-list")
      .locator("[data-testid=project-row] .project-name")
      .evaluateAll((els) => els.map((e) => e.textContent.trim()));
  }

  /** Names in the bin, as shown. */
  async binNames() {
    return this.page
      .locator("[data-testid=bin-row] .project-name")
      .evaluateAll((els) => els.map((e) => e.textContent.trim()));
  }

  /** Waits until the live project list shows exactly these names (in any order). */
  async expectProjectNames(names) {
    await this.eventually(async () =>
      assert.deepEqual((await this.projectNames()).sort(), [...names].sort()),
    );
  }

  async expectBinNames(names) {
    await this.eventually(async () =>
      assert.deepEqual((await this.binNames()).sort(), [...names].sort()),
    );
  }

  async click(locator) {
    await this.guard(locator.click({ timeout: WAIT_MS }));
  }

  /** Clicks `locator`, accepting the confirm() it raises; returns the dialog's message. */
  async clickAndConfirm(locator) {
    const dialog = this.page.waitForEvent("dialog", { timeout: WAIT_MS });
    // The click only returns after the dialog is handled, so accept it concurrently.
    const accepted = dialog.then(async (d) => {
      const message = d.message();
      await d.accept();
      return message;
    });
    await Promise.all([this.click(locator), accepted]);
    return accepted;
  }

  // ---- Files ----------------------------------------------------------------------------

  /** Clicks `locator` and returns the file it downloads: `{ fileName, text }`. */
  async download(locator) {
    const [download] = await this.guard(
      Promise.all([this.page.waitForEvent("download", { timeout: WAIT_MS }), locator.click()]),
    );
    const failure = await download.failure();
    assert.equal(failure, null, `download failed: ${failure}`);
    const text = await readFile(await download.path(), "utf8");
    return { fileName: download.suggestedFilename(), text };
  }

  /** Exports the open project with the header's button: `{ fileName, text, json }`. */
  async exportCurrent() {
    const file = await this.download(this.by("export"));
    return { ...file, json: JSON.parse(file.text) };
  }

  /**
   * Chooses a file in the header's import picker. `file` is `{ name, text }` (or
   * `{ name, buffer }`), or a path on disk.
   */
  async chooseFile(file) {
    const input = this.page.locator("header [data-testid=import-input]");
    const payload =
      typeof file === "string"
        ? file
        : {
            name: file.name,
            mimeType: "application/json",
            buffer: file.buffer ?? Buffer.from(file.text, "utf8"),
          };
    await this.guard(input.setInputFiles(payload, { timeout: WAIT_MS }));
  }

  /** The import dialog, waited for. */
  async importDialog() {
    const dialog = this.by("import-dialog");
    await this.guard(dialog.waitFor({ state: "visible", timeout: WAIT_MS }));
    return dialog;
  }

  /** Imports `file` as a new project through the dialog. */
  async importAsNew(file) {
    await this.chooseFile(file);
    await this.importDialog();
    await this.click(this.by("import-as-new"));
    await this.guard(this.by("import-dialog").waitFor({ state: "detached", timeout: WAIT_MS }));
  }

  /** Drops `file` (`{ name, text }`) onto the page as a user dragging it from the desktop would. */
  async dropFile(file, { type = "application/json" } = {}) {
    await this.guard(
      this.page.evaluate(
        ({ name, text, type }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], name, { type }));
          const init = { bubbles: true, cancelable: true, dataTransfer: transfer };
          const target = document.querySelector("main") ?? document.body;
          target.dispatchEvent(new DragEvent("dragenter", init));
          const over = new DragEvent("dragover", init);
          target.dispatchEvent(over);
          const drop = new DragEvent("drop", init);
          target.dispatchEvent(drop);
          return { overPrevented: over.defaultPrevented, dropPrevented: drop.defaultPrevented };
        },
        { ...file, type },
      ),
    );
  }

  // ---- Toasts ---------------------------------------------------------------------------

  /** The toasts that mention `text` (e.g. a file name). */
  toast(text) {
    const toasts = this.by("toast");
    return text === undefined ? toasts : toasts.filter({ hasText: text });
  }

  /** Waits for a toast mentioning `about` and whose text matches `expected`; returns its text. */
  async expectToast(about, expected) {
    return this.expectText(this.toast(about), expected);
  }

  /** Closes every toast still shown. */
  async closeToasts() {
    const close = this.by("toast").locator("button");
    while ((await close.count()) > 0) {
      await close.first().click({ timeout: WAIT_MS }).catch(() => {});
    }
  }

  // ---- Storage --------------------------------------------------------------------------

  /** Every `sloy.*` key in localStorage. */
  async storageKeys() {
    return this.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("sloy."))
        .sort(),
    );
  }

  /** The parsed `sloy.m.<id>` meta records (id, name, rev, writer, saved_at, deleted_at…). */
  async storedMetas() {
    return this.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("sloy.m."))
        .map((k) => JSON.parse(localStorage.getItem(k))),
    );
  }

  /** Metas of projects not in the bin. */
  async liveMetas() {
    return (await this.storedMetas()).filter((m) => !m.deleted_at);
  }

  async getItem(key) {
    return this.page.evaluate((k) => localStorage.getItem(k), key);
  }

  // ---- Gating ---------------------------------------------------------------------------

  /** On the screen of locked layer `n`: records an early start with `reason` through the lock
   * banner (the screen is read-only until then) and waits for the banner of the early start. */
  async openEarly(n, reason = "Клиент просит начать раньше") {
    await this.click(this.by(`gate-override-${n}-ask`));
    await this.guard(this.by(`gate-override-reason-${n}`).fill(reason, { timeout: WAIT_MS }));
    await this.click(this.by(`gate-override-save-${n}`));
    await this.expectText(this.by(`gate-override-${n}`), reason);
  }

  // ---- Project data screen --------------------------------------------------------------

  /** Renames the open project in the «Название проекта» field of #/data (a change event). */
  async renameOnDataPage(name) {
    await this.route("#/data");
    const input = this.by("project-name");
    await this.guard(input.fill(name, { timeout: WAIT_MS }));
    await this.guard(input.dispatchEvent("change"));
  }
}
