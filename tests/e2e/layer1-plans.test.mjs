// Behaviour: the goals of the demo project (plan 900 000, category shares summing to 100 %,
// managers' plans, market share 10,0 %) and the plan/fact metric (148 000 against 180 000).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 goals and plan/fact on the demo", async (session) => {
  const app = await Sloy.open(session, "#/l1/goals");
  const plan = app.by("company-plan");
  await plan.waitFor({ state: "visible" });
  await app.eventually(async () => assert.match(await plan.inputValue(), /^900\s000$/));
  await app.expectText(app.by("shares-sum"), "100");
  await app.expectText(app.by("shares-sum"), "✓");
  await app.expectText(app.by("managers-check"), "✓");
  await app.expectText(app.by("share-pct"), "10,0");

  const a = app.by("share-A");
  await a.fill("50");
  await a.press("Tab");
  await app.expectText(app.by("shares-sum"), "100 %");
  await app.expectText(app.by("shares-sum"), "✗");

  await app.route("#/l1/planfact");
  await app.expectText(app.by("pf-fact"), /148\s000/);
  await app.expectText(app.by("pf-plan"), /180\s000/);
});
