// Behaviour: the consultant sees the A clients' touch points of the demo quarter against the
// target, logs a new touch point from the quick-entry row and sees the count grow.

import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 3 touch points: counts against target, quick log", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/touches");

  await t.test("demo quarter: 43, average 4,8 vs 6, below target listed", async () => {
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 43, в среднем 4,8 на клиента (цель 6)");
    await app.expectText(app.by("l3-below-A"), "K05, K06, K07, K08, K09");
  });

  await t.test("quick-logging a touch point for K05 gives 44", async () => {
    await app.guard(app.by("l3-touch-date").fill("15.03.2025"));
    await app.guard(app.by("l3-touch-client").selectOption({ label: "K05" }));
    await app.guard(app.by("l3-touch-kind").selectOption({ label: "визит" }));
    await app.click(app.by("l3-add-touch"));
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 44,");
    await app.expectText(app.by("l3-touch-log"), "15.03.2025");
  });

  await t.test("a bad date is reported, not dropped silently", async () => {
    await app.guard(app.by("l3-touch-date").fill("32.13.2025"));
    await app.click(app.by("l3-add-touch"));
    await app.expectText(app.page.locator(".l3-touches .error-text"), "Дата не распознана");
    await app.expectText(app.by("l3-touches-A"), "Точек контакта: 44,");
  });
});
