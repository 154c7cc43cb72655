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

  // A refused value is named, placed under its own table, and the old value stays in use.
  const winA = app.by("winrate-A");
  const leadsA = (await app.by("leads-A").textContent()).trim();
  await winA.fill("150");
  await winA.press("Tab");
  const err = app.by("project-goals-table").locator("xpath=../following-sibling::*[1]");
  await app.expectText(err, "Доля выигрышей A: Введите процент от 0 до 100. «150» не принято");
  assert.equal((await app.by("leads-A").textContent()).trim(), leadsA);
  await plan.fill("-5");
  await plan.press("Tab");
  await app.expectText(app.by("goals-error"), "План продаж компании");
  await app.eventually(async () => assert.equal(await app.by("goals-error").count(), 1));
  await plan.fill("900 000");
  await plan.press("Tab");
  await app.expectCount(app.by("goals-error"), 0);

  await app.route("#/l1/planfact");
  await app.expectText(app.by("pf-fact"), /148\s000/);
  await app.expectText(app.by("pf-plan"), /180\s000/);
});
