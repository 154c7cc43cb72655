// Behaviour: plan vs fact of the demo — Q1 148 000 against 180 000 — with the cumulative chart
// and its table; entering an actual changes the fact, a bad date is refused with a message,
// deleting the actual restores the figure; a company total that disagrees with the managers'
// actuals is flagged.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 plan/fact: Q1 figures, chart, actuals entry", async (session) => {
  const app = await Sloy.open(session, "#/l1/planfact");
  await app.expectText(app.by("pf-fact").first(), /148\s000/);
  await app.expectText(app.by("pf-plan").first(), /180\s000/);
  await app.expectText(app.by("pf-pct").first(), "82,2");

  await app.guard(app.by("pf-kind").selectOption("quarter"));
  await app.expectText(app.by("pf-period"), "01.01.2025 – 31.03.2025");
  await app.expectText(app.by("pf-fact").first(), /148\s000/);

  await app.by("pf-chart").locator("canvas").waitFor({ state: "visible" });
  await app.expectCount(app.by("pf-month"), 12);
  await app.expectText(app.by("pf-month-cum-fact").nth(2), /148\s000/);
  await app.expectText(app.by("pf-month-cum-fact").nth(3), "—");

  // A bad date is refused.
  const rowsBefore = await app.by("actual-row").count();
  await app.by("actual-from").fill("32.03.2025");
  await app.by("actual-to").fill("31.03.2025");
  await app.by("actual-amount").fill("10 000");
  await app.click(app.by("actual-add"));
  await app.expectText(app.by("pf-error"), "ДД.ММ.ГГГГ");
  await app.expectCount(app.by("actual-row"), rowsBefore);

  // A March actual of M1 adds to the company fact.
  await app.by("actual-from").fill("01.03.2025");
  await app.guard(app.by("actual-manager").selectOption({ label: "M1 Иванов Алексей" }));
  await app.click(app.by("actual-add"));
  await app.expectCount(app.by("actual-row"), rowsBefore + 1);
  await app.expectText(app.by("pf-fact").first(), /158\s000/);
  await app.expectText(app.by("pf-month-cum-fact").nth(2), /158\s000/);

  await app.clickAndConfirm(app.by("actual-delete").last());
  await app.expectText(app.by("pf-fact").first(), /148\s000/);
  assert.equal(await app.by("actual-row").count(), rowsBefore);
  await app.expectCount(app.by("pf-conflict"), 0);

  // A company-level actual that disagrees with the managers' ones is flagged.
  await app.guard(app.by("actual-manager").selectOption({ index: 0 }));
  await app.by("actual-amount").fill("10 000");
  await app.click(app.by("actual-add"));
  await app.expectCount(app.by("actual-row"), rowsBefore + 1);
  await app.expectText(app.by("pf-conflict"), /не совпадает с суммой фактов менеджеров \(148\s000/);
  await app.clickAndConfirm(app.by("actual-delete").last());
  await app.expectCount(app.by("pf-conflict"), 0);
  await app.expectText(app.by("pf-fact").first(), /148\s000/);
});
