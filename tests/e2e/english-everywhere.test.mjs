// Behaviour: switched to English, the app writes no Russian anywhere. Every screen and every tab
// of the English demo (read from src/domain/route.rs, so a tab added later is visited too), the
// КП and ТЭО documents, the import dialogs and wizards, the merge preview, a refused value, and
// every screen of a new empty English project (empty states, lock banners, the first-use path)
// show no Cyrillic — in the page's text, the page's title, and the title, aria-label,
// placeholder and alt of every element and the options of every list (a canvas chart is read
// through its accessible name and its screen-reader list). On the Russian demo switched to
// English only the user's data may stay Russian: the app's chrome — headings, buttons, table
// headers, labels, tab bars, the navigation and the charts' accessible names — has none.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, WAIT_MS, eventually } from "./lib/app.mjs";
import { everyPlace } from "./lib/routes.mjs";

/** Cyrillic the English UI may show: a line passes when it matches one of these. */
const ALLOWED = [
  {
    line: /^(ЛПР|ЛФР|ЛВР|ТФС|КП|ТЭО) \(/,
    where: "#/glossary",
    why: "the glossary names each method acronym by its Russian original beside the English gloss",
  },
  {
    line: /^The five layers of implementing a sales system, after A\. Kozhemyako's article «Послойное внедрение системы продаж на В2В-рынках» \(2016\)\./,
    where: "#/method",
    why: "the article's title is a quotation",
  },
  {
    line: /^Демо: ГидроТеплоМаш$/,
    where: "#/projects",
    why: "user data: the Russian demo project (made on the first visit) in the list of projects",
  },
  {
    line: /^option=Демо: ГидроТеплоМаш$/,
    where: "*",
    why: "user data: the Russian demo project in the header's project picker",
  },
];

/** Every text the page shows or names an element with, one string per line, with Cyrillic. */
async function cyrillicBits(page, selector = "body") {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector) ?? document.body;
    const bits = [...root.innerText.split("\n"), `title=${document.title}`];
    for (const el of root.querySelectorAll("[title], [aria-label], [placeholder], [alt], [aria-roledescription]")) {
      for (const a of ["title", "aria-label", "placeholder", "alt", "aria-roledescription"]) {
        const v = el.getAttribute(a);
        if (v) bits.push(`${a}=${v}`);
      }
    }
    for (const el of root.querySelectorAll("option")) bits.push(`option=${(el.textContent ?? "").trim()}`);
    return [...new Set(bits.map((l) => l.trim()).filter((l) => /[\u0400-\u04FF]/.test(l)))];
  }, selector);
}

function unexplained(bits, place) {
  const path = place.split("?")[0];
  return bits.filter((l) => !ALLOWED.some((a) => (a.where === "*" || a.where === path) && a.line.test(l)));
}

/** Waits for `place`'s screen to settle, then asserts it shows no Russian the app wrote. */
async function expectEnglish(app, place, selector = "body") {
  await app.waitForScreenCode();
  await eventually(
    async () => assert.deepEqual(unexplained(await cyrillicBits(app.page, selector), place), [], `${place}: Russian in the English UI`),
    { session: app.session, timeout: 5_000 },
  );
}

async function english(session) {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  await app.click(app.by("lang-switch"));
  await app.expectText(app.by("lang-switch"), "RU");
  return app;
}

/** The places to visit: every screen and tab, and the two documents of layer 4. */
const PLACES = [...everyPlace(), "#/l4/docs?doc=kp", "#/l4/docs?doc=teo"];

/**
 * Numbers written the Russian way in the English UI: digit groups split by a (no-break) space
 * («1 234») or a decimal comma («16,3»). English groups by commas and has a decimal point
 * («1,234.5»); dates are day-first in both languages («31.03.2025», src/i18n/format.rs).
 */
async function russianNumbers(page) {
  return page.evaluate(() =>
    document
      .querySelector("main")
      .innerText.split("\n")
      .filter((l) => /\d[\u00a0\u202f ]\d{3}(?!\d)/.test(l) || /(^|[^\d.,])\d+,\d{1,2}(?![\d.,])/.test(l)),
  );
}

async function visitEverything(app, t, { numbers = false } = {}) {
  for (const place of PLACES) {
    await t.test(place, async () => {
      await app.route(place);
      await app.guard(app.page.locator("main h1").first().waitFor({ state: "visible", timeout: WAIT_MS }));
      await expectEnglish(app, place);
      if (numbers) assert.deepEqual(await russianNumbers(app.page), [], `${place}: numbers in the Russian format`);
    });
  }
}

appTest(
  "the English demo: every screen, tab and document has no Russian",
  async (session, t) => {
    const app = await english(session);
    await app.click(app.by("new-demo"));
    await app.expectCurrentProject("Demo: HydroTherm Machinery");
    await visitEverything(app, t, { numbers: true });
  },
  { timeout: 600_000 },
);

appTest(
  "the English demo: dialogs, import wizards, the merge preview and refused values have no Russian",
  async (session, t) => {
    const app = await english(session);
    await app.click(app.by("new-demo"));
    await app.expectCurrentProject("Demo: HydroTherm Machinery");

    await t.test("a refused number names the field in English", async () => {
      await app.route("#/l1/goals");
      const plan = app.by("company-plan");
      await app.guard(plan.fill("twelve", { timeout: WAIT_MS }));
      await app.guard(plan.dispatchEvent("change"));
      await app.guard(app.by("goals-error").waitFor({ state: "visible", timeout: WAIT_MS }));
      await expectEnglish(app, "#/l1/goals");
    });

    await t.test("the client import wizard, with a Windows-1251 file", async () => {
      await app.route("#/l1/clients");
      await app.click(app.by("import-clients"));
      const dialog = app.by("import-clients-dialog");
      await app.guard(dialog.waitFor({ state: "visible", timeout: WAIT_MS }));
      await expectEnglish(app, "#/l1/clients");
      const buffer = await readFile(new URL("../fixtures/import/clients-cp1251.csv", import.meta.url));
      await app.guard(dialog.getByTestId("import-file").setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer }));
      await app.guard(app.by("import-file-info").waitFor({ state: "visible", timeout: WAIT_MS }));
      // The file's own headers and values are the user's data, quoted by the wizard's messages.
      const cells = new TextDecoder("windows-1251").decode(buffer).split(/[;\r\n]+/).map((c) => c.trim()).filter(Boolean);
      await expectChrome(app, "#/l1/clients", "[data-testid=import-clients-dialog]", cells);
    });

    await t.test("the CRM import wizard", async () => {
      await app.page.keyboard.press("Escape");
      await app.route("#/l2/deals");
      await app.click(app.by("import-deals"));
      await app.guard(app.by("import-deals-dialog").waitFor({ state: "visible", timeout: WAIT_MS }));
      await expectEnglish(app, "#/l2/deals");
      await app.page.keyboard.press("Escape");
    });

    await t.test("the import dialog of a project file and the merge preview", async () => {
      await app.route("#/data");
      const exported = await app.exportCurrent();
      const copy = structuredClone(exported.json);
      copy.data.clients[0].name = `${copy.data.clients[0].name} (copy)`;
      await app.chooseFile({ name: "colleague.sloy.json", text: JSON.stringify(copy) });
      const dialog = await app.importDialog();
      await expectEnglish(app, "#/data");
      await app.click(dialog.getByTestId("import-merge"));
      await app.guard(app.by("merge-dialog").waitFor({ state: "visible", timeout: WAIT_MS }));
      await expectEnglish(app, "#/data");
    });
  },
  { timeout: 300_000 },
);

appTest(
  "a new empty English project: every screen's empty state and lock banner has no Russian",
  async (session, t) => {
    const app = await english(session);
    await app.click(app.by("new-empty"));
    await app.expectCurrentProject("New project");
    await visitEverything(app, t);
  },
  { timeout: 600_000 },
);

/** The app's chrome: what the app writes around the user's data. */
const CHROME = [
  "h1", "h2", "h3", "h4", "th", "button", "label", "legend", "summary", "nav a", "[role=tab]",
  "dt", ".tabs a", ".empty-state", ".warning", ".error-text", ".muted", "figcaption",
  "[role=img]", "canvas",
].join(", ");

/** Lines of the chrome inside `scope` with Cyrillic; data cells and the user's names are left out. */
async function chromeBits(page, scope) {
  return page.evaluate(
    ({ scope, chrome }) => {
      const bits = [];
      for (const root of document.querySelectorAll(scope)) {
        for (const el of root.querySelectorAll(chrome)) {
          // A heading or a button may carry the user's data in a marked element (a client's
          // name in a card's title): only the element's own text nodes count.
          const own = [...el.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent)
            .join(" ");
          bits.push(own);
          for (const a of ["title", "aria-label", "placeholder", "alt"]) {
            const v = el.getAttribute(a);
            if (v) bits.push(`${a}=${v}`);
          }
        }
      }
      return [...new Set(bits.map((l) => l.trim()).filter((l) => /[\u0400-\u04FF]/.test(l)))];
    },
    { scope, chrome: CHROME },
  );
}

/** The user's data of the Russian demo that the chrome may show (names in headings, legends). */
function isUserData(line, names) {
  const text = line.replace(/^(title|aria-label|placeholder|alt)=/, "");
  // Runs of Cyrillic words (with the spaces and hyphens between them), each to be found in
  // one of the user's strings.
  const words = text.match(/[\u0400-\u04FF][\u0400-\u04FF\- ]*/g) ?? [];
  return words.every((w) => names.some((n) => n.includes(w.trim())));
}

async function expectChrome(app, place, scope = "main, header, nav", names = []) {
  await app.waitForScreenCode();
  await eventually(
    async () => {
      const bits = (await chromeBits(app.page, scope)).filter((l) => !isUserData(l, names));
      assert.deepEqual(unexplained(bits, place), [], `${place}: Russian in the app's chrome`);
    },
    { session: app.session, timeout: 5_000 },
  );
}

appTest(
  "the Russian demo switched to English: only the user's data stays Russian",
  async (session, t) => {
    const app = await Sloy.open(session, "#/data");
    await app.expectCurrentProject(DEMO_NAME);
    // The user's data: every name in the project (clients, managers, stages, channels …).
    const { json } = await app.exportCurrent();
    const names = [];
    (function collect(v) {
      if (typeof v === "string") {
        if (/[\u0400-\u04FF]/.test(v)) names.push(v.trim());
      } else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === "object") Object.values(v).forEach(collect);
    })(json.data);
    await app.click(app.by("lang-switch"));
    await app.expectText(app.by("lang-switch"), "RU");
    for (const place of PLACES) {
      await t.test(place, async () => {
        await app.route(place);
        await app.guard(app.page.locator("main h1").first().waitFor({ state: "visible", timeout: WAIT_MS }));
        await expectChrome(app, place, "main, header, nav", names);
      });
    }
  },
  { timeout: 600_000 },
);
