// Behaviour: the consultant sees the A clients' touch points of the demo quarter against the
// target with the managers of the clients below it, logs a new touch point linked to a contact
// and a programme activity and sees the count grow, and changes the target.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain } from "./lib/l2.mjs";

appTest("layer 3 touch points: counts against target, quick log", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/touches");

  await t.test("demo quarter: 43, average 4,8 vs 6, below target listed", async () => {
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 43, в среднем 4,8 на клиента (цель 6)");
    await app.expectText(app.by("l3-below-A"), "K05, K06, K07, K08, K09");
    await app.expectText(app.by("l3-touch-row-K05"), "Сидоров Дмитрий");
    await app.expectText(app.by("l3-touch-row-K05"), "ниже цели");
    await app.expectText(app.by("l3-touch-row-K01"), "в норме");
    // K01's nine touches went to its ЛВР, ЛФР and ЛПР three times each.
    await expectPlain(app, app.by("l3-touch-row-K01"), "Петрова Мария 9 3 3 3 6,0");
  });

  await t.test("quick-logging a touch point for K05 gives 44", async () => {
    await app.guard(app.by("l3-touch-date").fill("15.03.2025"));
    await app.guard(app.by("l3-touch-client").selectOption({ label: "K05" }));
    await app.guard(app.by("l3-touch-kind").selectOption({ label: "визит" }));
    await app.eventually(async () => assert.ok((await app.by("l3-touch-contact").locator("option").count()) > 1));
    await app.guard(app.by("l3-touch-contact").selectOption({ index: 1 }));
    const contact = (await app.by("l3-touch-contact").locator("option:checked").textContent()).trim();
    await app.guard(app.by("l3-touch-activity").selectOption({ index: 1 }));
    const activity = (await app.by("l3-touch-activity").locator("option:checked").textContent()).trim();
    await app.click(app.by("l3-add-touch"));
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 44,");
    const row = app.by("l3-touch-log").locator("tr", { hasText: "15.03.2025" }).filter({ hasText: "K05" });
    await app.expectText(row, contact);
    await app.expectText(row, activity.replace(/^\S+ /, ""));
  });

  await t.test("a bad date is reported, not dropped silently", async () => {
    await app.guard(app.by("l3-touch-date").fill("32.13.2025"));
    await app.click(app.by("l3-add-touch"));
    await app.expectText(app.page.locator(".l3-touches .error-text"), "Дата не распознана");
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 44,");
  });

  await t.test("lowering the A target to 3 leaves K07, K08, K09 below it", async () => {
    await app.guard(app.by("l3-target-A").fill("3"));
    await app.guard(app.by("l3-target-A").press("Tab"));
    await app.expectText(app.by("l3-touches-A"), "(цель 3)");
    await app.expectText(app.by("l3-below-A"), "Ниже цели: K07, K08, K09");
    await app.guard(app.by("l3-target-A").fill("-1"));
    await app.guard(app.by("l3-target-A").press("Tab"));
    await app.expectText(app.page.locator(".l3-touches .error-text"), "неотрицательное");
  });
});
