// Behaviour: from the method map the consultant opens «Отчёт по слоям»: one A4 document with
// the five layers, their state, results and the current values of their metrics (demo: plan
// 82 %, conversion 1 → 2.1 76 %, A touch points 43, metric 2.1 87 %, 2.2 91 %; layer 5 has no
// metrics); it prints as one sheet and downloads as an HTML file.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const plain = (s) => (s ?? "").replace(/&nbsp;|[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

appTest("layer report: five layers with the demo's metric values; print and HTML export", async (session, t) => {
  const app = await Sloy.open(session, "#/method");
  await app.click(app.by("method-report"));
  const doc = app.by("layer-report");
  // The value cell of a metric row.
  const value = (key) => app.by(`report-m-${key}`).locator("td").nth(1);
  await app.guard(doc.waitFor({ state: "visible" }));

  await t.test("the report names the company and date and shows the five layers with values", async () => {
    await app.expectText(app.by("report-meta"), "ГидроТеплоМаш");
    await app.expectText(app.by("report-meta"), "31.03.2025");
    await app.expectCount(doc.locator("[data-testid^='report-layer-']"), 5);
    await app.expectText(value("plan"), /^82\s?%/);
    await app.expectText(value("conv-1-2.1"), /^76\s?%/);
    await app.expectText(value("conv-2.1-2.2"), /^79\s?%/);
    await app.expectText(value("conv-2.2-2.3"), /^73\s?%/);
    await app.expectText(value("touch-A"), /^43 всего, 4,8 на клиента \(цель 6\)/);
    await app.expectText(value("m21"), /^87\s?%/);
    await app.expectText(value("m22"), /^91\s?%/);
    await app.expectText(app.by("report-l5-no-metrics"), "Метрик нет");
    // States: layers 1–2 done, layer 3 open with its maps missing, layer 5 locked.
    await app.expectText(app.by("report-l1-state"), "Выполнен");
    await app.expectText(app.by("report-l3-state"), "Открыт");
    await app.expectText(app.by("report-item-l3.maps"), "✗ не выполнено");
    await app.expectText(app.by("report-item-l3.r.maps"), "✓");
    await app.expectText(app.by("report-l5-state"), "Заблокирован");
  });

  await t.test("an override reason shows in the report", async () => {
    await app.route("#/method");
    await app.click(app.by("override-5"));
    const why = "Клиент просит начать тренинг продавцов параллельно";
    await app.guard(app.by("override-reason-5").fill(why));
    await app.click(app.by("override-save-5"));
    await app.expectText(app.by("layer-5-status"), "Открыт досрочно");
    await app.click(app.by("method-report"));
    await app.expectText(app.by("report-l5-state"), why);
  });

  await t.test("print view: exactly one sheet, the rest of the page hidden", async () => {
    await app.guard(app.page.emulateMedia({ media: "print" }));
    await app.expectCount(app.page.locator(".print-sheet"), 1);
    assert.equal(await app.by("report-print").isVisible(), false, "buttons are not printed");
    assert.equal(await app.page.locator(".app-nav").isVisible(), false, "navigation is not printed");
    assert.equal(await doc.isVisible(), true);
    await app.guard(app.page.emulateMedia({ media: "screen" }));
  });

  await t.test("HTML export downloads the document with the company name", async () => {
    const file = await app.download(app.by("report-export"));
    assert.match(file.fileName, /\.html$/);
    const html = plain(file.text);
    assert.ok(html.includes("ГидроТеплоМаш"), "company name");
    assert.ok(html.includes("Отчёт о состоянии слоёв"));
    assert.ok(/87\s?%/.test(html), "metric 2.1");
    assert.ok(!/<script/i.test(file.text), "no script");
  });
});
