// Behaviour: a figure reads the same on every screen that shows it. On the demo, the leads of
// category A needed in Q1 (65 a year × 1/4 = 16,25, shown «16»), B's (19), the plan coverage
// (25,3 %), the state of each layer and the typical-maps result are read on each screen and
// compared as text.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { Figures } from "./lib/pages.mjs";

/** All values of `seen` (screen → text) are `expected`. */
function allSay(seen, expected, what) {
  for (const [screen, text] of Object.entries(seen)) {
    assert.equal(text, expected, `${what} on «${screen}»: ${JSON.stringify(seen)}`);
  }
}

appTest("one figure, one text on every screen", async (session, t) => {
  const app = await Sloy.open(session, "#/method");
  const figures = new Figures(app);

  await t.test("A and B leads needed in Q1", async () => {
    allSay(await figures.leadsNeeded("A"), "16", "A leads needed");
    allSay(await figures.leadsNeeded("B"), "19", "B leads needed");
  });

  await t.test("plan coverage", async () => {
    allSay(await figures.planCoverage(), "25,3 %", "plan coverage");
  });

  await t.test("layer states: 1–2 done, 3 open, 4–5 locked", async () => {
    allSay(await figures.layerState(1), "✓ Выполнен", "layer 1");
    allSay(await figures.layerState(2), "✓ Выполнен", "layer 2");
    allSay(await figures.layerState(3), "○ Открыт", "layer 3");
    allSay(await figures.layerState(4), "✕ Заблокирован: сначала выполните слой 3", "layer 4");
  });

  await t.test("the typical-maps result agrees with the six ticks", async () => {
    const { ticks, result, report } = await figures.typicalMaps();
    assert.equal(ticks.length, 6);
    assert.ok(ticks.every((s) => s.startsWith("✓")), JSON.stringify(ticks));
    assert.match(result, /выполнено/);
    assert.doesNotMatch(result, /не хватает|не выполнено/);
    assert.equal(report, "✓");
  });
});
