// Behaviour: the consultant opens the dashboard from the method map and sees every layer's
// demo metrics, follows a card to its layer, and finds the latest saved diagnosis there.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("dashboard: every layer at a glance, links, latest diagnosis", async (session, t) => {
  const app = await Sloy.open(session, "#/method");

  await t.test("the method map links to the dashboard", async () => {
    await app.click(app.by("method-dashboard-link"));
    await app.by("dash-page").waitFor({ timeout: 15_000 });
  });

  await t.test("the cards show the demo figures with status symbols", async () => {
    await app.expectText(app.by("dash-plan"), "✗");
    await app.expectText(app.by("dash-plan"), "82\u00A0%");
    await app.expectText(app.by("dash-plan"), "148\u00A0000");
    await app.expectCount(app.by("dash-manager-row"), 4);
    await app.expectText(app.by("dash-leads").first(), "Лиды кат. A за квартал: 5 из 16 нужных");
    await app.expectText(app.by("dash-touches").first(), "✗ Точки контакта на клиента кат. A: 4,8 (цель 6)");
    await app.expectText(app.by("dash-roles"), "70\u00A0%");
    await app.expectText(app.by("dash-m21"), "✓ Метрика 2.1 «3+»: 87\u00A0%");
    await app.expectText(app.by("dash-m22"), "91\u00A0%");
    await app.expectText(app.by("dash-no-metrics"), "Метрик нет");
    // The funnel read out by stage name, the code as a prefix.
    await app.expectText(app.by("dash-funnel"), "2.1 Выявление потребностей ЛФР: 19");
    await app.expectText(app.by("dash-l1").getByTestId("dash-access"), "Выполнен");
  });

  await t.test("a card's link opens its layer", async () => {
    await app.click(app.by("dash-link-l3"));
    await app.by("l3-page").waitFor({ timeout: 15_000 });
    assert.match(await app.page.evaluate(() => location.hash), /^#\/l3/);
  });

  await t.test("no diagnosis yet, then the saved one appears", async () => {
    await app.route("#/dashboard");
    await app.expectText(app.by("dash-diag-none"), "Диагностика ещё не проводилась");
    await app.click(app.by("dash-diag-run"));
    await app.click(app.by("diag-save"));
    await app.expectText(app.by("diag-saved"), "сохранена");
    await app.route("#/dashboard");
    await app.expectText(app.by("dash-diag-latest"), "Проблема локализована на слое 3");
    // The managers the saved diagnosis names, by name (it records their codes M2, M4).
    await app.expectText(app.by("dash-diagnosis"), "Петрова Мария, Кузнецова Елена");
  });
});
