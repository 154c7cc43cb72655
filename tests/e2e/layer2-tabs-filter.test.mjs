// Behaviour: layer 2's tabs are parts of the build of their own, each rendered lazily under the
// screen, which owns the filters. A filter applied on one tab, then a walk through every tab
// and back (by the tab bar, by a link that keeps the filter, and by the back button), never
// reads a signal whose owner is gone: no panic, no console error, and the screen keeps working.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain } from "./lib/l2.mjs";

/** Each tab's slug and a test id its view shows once its part has rendered. */
const TABS = [
  ["board", "l2-board"],
  ["funnel", "l2-funnel-tab"],
  ["metrics", "leads-table"],
  ["deals", "l2-deals-tab"],
  ["stages", "stage-row-0"],
];

async function openTab(app, slug, shows) {
  await app.click(app.by(`tab-${slug}`));
  await app.waitForScreenCode();
  await app.guard(app.by(shows).first().waitFor({ state: "visible" }));
  assert.equal(await app.page.evaluate(() => location.hash.split("?")[0]), `#/l2/${slug}`);
}

appTest("layer 2: a filter, then every tab and back, without a disposed signal", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/board");
  await app.guard(app.by("l2-board").waitFor({ state: "visible" }));

  await t.test("filter on the scoreboard, then every tab by the tab bar", async () => {
    await app.guard(app.by("filter-category").selectOption("A"));
    await expectPlain(app, app.by("board-total"), "10 273 000");
    for (const [slug, shows] of [...TABS.slice(1), ...TABS.slice(0, 1)]) await openTab(app, slug, shows);
    await expectPlain(app, app.by("board-total"), "21 297 550");
  });

  await t.test("a filter kept in the hash across the filtered tabs, with a change on each", async () => {
    await app.guard(app.by("filter-category").selectOption("A"));
    for (const [slug, shows] of TABS.slice(0, 3)) {
      await app.route(`#/l2/${slug}?cat=A`);
      await app.guard(app.by(shows).first().waitFor({ state: "visible" }));
      assert.equal(await app.by("filter-category").inputValue(), "A");
      await app.guard(app.by("filter-category").selectOption("B"));
      await app.eventually(async () => assert.match(await app.page.evaluate(() => location.hash), /cat=B/));
      await app.guard(app.by("filter-category").selectOption("A"));
    }
    for (const [slug, shows] of TABS.slice(3)) await openTab(app, slug, shows);
    await app.route("#/l2/board?cat=C");
    await expectPlain(app, app.by("board-total"), "5 4 250");
  });

  await t.test("back through every tab, then to another screen and back", async () => {
    for (let i = 0; i < 8; i++) {
      await app.guard(app.page.goBack());
      await app.waitForScreenCode();
    }
    await app.route("#/l1");
    await app.route("#/l2/metrics?cat=A");
    await app.guard(app.by("leads-table").waitFor({ state: "visible" }));
    await app.route("#/l2/board");
    await expectPlain(app, app.by("board-total"), "21 297 550");
  });

  await t.test("quick switches while parts may still be loading", async () => {
    await app.guard(app.by("filter-category").selectOption("A"));
    for (const [slug] of [...TABS, ...TABS.slice().reverse()]) {
      await app.guard(
        app.page.evaluate((s) => {
          location.hash = `#/l2/${s}?cat=A`;
        }, slug),
      );
    }
    await app.waitForScreenCode();
    await expectPlain(app, app.by("board-total"), "10 273 000");
    // Let anything scheduled after the switches run before the page is checked for errors.
    await app.page.waitForTimeout(500);
  });
});
