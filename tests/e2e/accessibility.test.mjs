// Behaviour: every screen and tab of the demo, in Russian and in English, has no serious or
// critical accessibility violation by axe-core (names of inputs and selects, contrast, headings,
// table headers, landmarks …; also the lesser heading-order and empty-table-header rules, see
// lib/axe.mjs). The places are the app's own list (src/domain/route.rs, lib/routes.mjs), so a
// screen or tab added later is checked too, and every in-app link a screen shows must be among
// them; the screens of a deal (its editor, ТЭО, КП and ТЭО documents) are checked as well.
// `SLOY_AXE_ALL=1` prints the violations of every impact.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";
import { axeViolations, describeViolations } from "./lib/axe.mjs";
import { everyPlace } from "./lib/routes.mjs";

/** Every place of the app: each screen with each of its tabs, read from src/domain/route.rs. */
const PLACES = everyPlace();

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
    assert.ok(PLACES.length >= 38, `every screen and tab: ${PLACES.length}`);
    const app = await Sloy.open(session, "#/method");
    await app.expectCurrentProject(DEMO_NAME);
    const description = await app.page.locator('meta[name="description"]').getAttribute("content");
    assert.ok((description ?? "").length > 50, "the page has a meta description for search results");
    // The screens of a deal (its needs and criteria, ТЭО, КП, the deal's editor) show controls the
    // screens without a deal do not: they are checked too.
    await app.route("#/l4/deal");
    const picker = app.by("l4-deal-picker");
    await app.guard(picker.waitFor({ state: "visible" }));
    const d01 = await picker.locator("option").evaluateAll((os) => os.find((o) => o.textContent.startsWith("D01"))?.value);
    assert.ok(d01, "D01 is in the deal list");
    const withDeal = [
      `#/l4/deal?deal=${d01}`,
      `#/l4/teo?deal=${d01}`,
      `#/l4/docs?deal=${d01}&doc=kp`,
      `#/l4/docs?deal=${d01}&doc=teo`,
      `#/l2/deals?deal=${d01}`,
    ];
    const found = [];
    const linked = new Set();
    for (const lang of ["ru", "en"]) {
      if (lang === "en") {
        await app.click(app.by("lang-switch"));
        await app.eventually(async () => assert.equal(await app.page.getAttribute("html", "lang"), "en"));
      }
      for (const place of [...PLACES, ...withDeal]) {
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
