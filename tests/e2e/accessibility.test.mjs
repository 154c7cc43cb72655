// Behaviour: every screen and tab of the demo, in Russian and in English, has no serious or
// critical accessibility violation by axe-core (names of inputs and selects, contrast, headings,
// table headers, landmarks …; also the lesser heading-order and empty-table-header rules, see
// lib/axe.mjs). A screen or tab added later is caught too: every in-app link a screen shows must
// be in the list below. `SLOY_AXE_ALL=1` prints the violations of every impact.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";
import { axeViolations, describeViolations } from "./lib/axe.mjs";

/** Every place of the app (src/domain/route.rs, `Place::all`). */
const PLACES = [
  "#/method",
  "#/method/report",
  "#/dashboard",
  "#/l1/clients",
  "#/l1/dims",
  "#/l1/abc",
  "#/l1/hypotheses",
  "#/l1/goals",
  "#/l1/plans",
  "#/l1/structure",
  "#/l1/planfact",
  "#/l2/board",
  "#/l2/funnel",
  "#/l2/metrics",
  "#/l2/deals",
  "#/l2/stages",
  "#/l3/maps",
  "#/l3/typical",
  "#/l3/programme",
  "#/l3/pr",
  "#/l3/touches",
  "#/l3/metrics",
  "#/l4/matrix",
  "#/l4/questions",
  "#/l4/briefing",
  "#/l4/deal",
  "#/l4/teo",
  "#/l4/docs",
  "#/l4/metrics",
  "#/l5/checklists",
  "#/l5/coaching",
  "#/diagnosis/result",
  "#/diagnosis/thresholds",
  "#/diagnosis/history",
  "#/diagnosis/report",
  "#/glossary",
  "#/data",
  "#/projects",
];

/** The place of an in-app link: without its query, with the screen's default tab spelled out. */
function placeOf(href) {
  const path = href.split("?")[0];
  const defaults = {
    "#/l1": "#/l1/clients",
    "#/l2": "#/l2/board",
    "#/l3": "#/l3/maps",
    "#/l4": "#/l4/matrix",
    "#/l5": "#/l5/checklists",
    "#/diagnosis": "#/diagnosis/result",
  };
  return defaults[path] ?? path;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

appTest(
  "no serious or critical axe-core violation on any screen, in Russian and in English",
  async (session) => {
    const app = await Sloy.open(session, "#/method");
    await app.expectCurrentProject(DEMO_NAME);
    const description = await app.page.locator('meta[name="description"]').getAttribute("content");
    assert.ok((description ?? "").length > 50, "the page has a meta description for search results");
    const found = [];
    const linked = new Set();
    for (const lang of ["ru", "en"]) {
      if (lang === "en") {
        await app.click(app.by("lang-switch"));
        await app.eventually(async () => assert.equal(await app.page.getAttribute("html", "lang"), "en"));
      }
      for (const place of PLACES) {
        await app.route(place);
        // Let lazy parts of the screen (charts, measured tables) settle.
        await app.page.waitForLoadState("load");
        await sleep(150);
        const violations = await axeViolations(app.page);
        if (violations.length > 0) found.push(describeViolations(`${lang} ${place}`, violations));
        for (const href of await session.app.routeLinks()) linked.add(placeOf(href));
      }
    }
    const missing = [...linked].filter((p) => !PLACES.includes(p));
    assert.deepEqual(missing, [], "screens are linked to that this test does not check");
    assert.equal(found.length, 0, `axe-core violations (serious or critical):\n${found.join("\n")}`);
  },
  { timeout: 900_000 },
);
