// Behaviour: the consultant runs the top-down diagnosis on the demo (localised at layer 3 with
// the evidence of docs/METHOD.md §4.2), saves it to the history, hands over the printable report,
// and changes a threshold, which changes the result and survives a reload.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("diagnosis: demo at layer 3, history, report, thresholds", async (session, t) => {
  const app = await Sloy.open(session, "#/diagnosis");

  await t.test("the demo localises at layer 3 with its evidence", async () => {
    await app.expectText(app.by("diag-verdict"), "Проблема локализована на слое 3");
    await app.expectText(app.by("diag-l1"), "82\u00A0%");
    await app.expectText(app.by("diag-l2"), /Лиды кат\. A.*5\s*≥ 14,6 \(нужно 16\)/s);
    const l3 = app.by("diag-l3").first();
    await app.expectText(l3, /Точки контакта на клиента кат\. A\s*4,8\s*6/);
    for (const client of [
      "K05 Химкомбинат «Альфа»",
      "K07 УралНасосТорг (дистрибьютор)",
      "K08 Металлургический завод «Вектор»",
      "K09 СибЭнергоПроект (проектный институт)",
    ]) {
      await app.expectText(l3, client);
    }
    await app.expectText(app.by("diag-managers"), "M2 Петрова Мария, M4 Кузнецова Елена");
    await app.expectText(app.by("diag-actions"), "A3");
  });

  await t.test("a segment and a period can be chosen; a bad date is reported", async () => {
    await app.guard(app.by("diag-segment").selectOption({ label: "Менеджер: M2 Петрова Мария" }));
    await app.expectText(app.by("diag-l1"), "83\u00A0%");
    await app.guard(app.by("diag-from").fill("32.13.2025"));
    await app.guard(app.by("diag-from").press("Tab"));
    await app.expectText(app.by("diag-controls"), "Введите дату");
    await app.guard(app.by("diag-segment").selectOption({ label: "Вся компания" }));
    await app.click(app.by("diag-quarter"));
    await app.expectText(app.by("diag-l1"), "82\u00A0%");
  });

  await t.test("an action links to the screen where it is done", async () => {
    const link = app.by("diag-action-link").first();
    assert.match((await link.getAttribute("href")) ?? "", /^#\/l3\//);
  });

  await t.test("saving puts the diagnosis into the history", async () => {
    await app.click(app.by("diag-save"));
    await app.expectText(app.by("diag-saved"), "сохранена");
    await app.click(app.by("tab-history"));
    await app.expectCount(app.by("diag-history-row"), 1);
    await app.expectText(app.by("diag-history-layer"), "3");
    await app.expectText(app.by("diag-history-row"), "Петрова Мария, Кузнецова Елена");
    await app.expectText(app.by("diag-history-row"), "31.03.2025");
  });

  await t.test("the report is one printable sheet; its HTML names the company", async () => {
    await app.click(app.by("tab-report"));
    await app.expectText(app.by("diag-report"), "Проблема локализована на слое 3");
    await app.expectCount(app.page.locator(".print-sheet"), 1);
    const file = await app.download(app.by("diag-export"));
    assert.match(file.fileName, /\.html$/);
    assert.ok(file.text.includes("ГидроТеплоМаш"), "company name in the exported HTML");
    assert.ok(file.text.includes("K05 Химкомбинат «Альфа»"));
    assert.ok(!file.text.includes("<script"), "no scripts in the document");
  });

  await t.test("a bad threshold is reported; a changed one changes the result and persists", async () => {
    await app.click(app.by("tab-thresholds"));
    const green = app.by("th-plan-green");
    await app.guard(green.fill("много"));
    await app.guard(green.press("Tab"));
    await app.expectText(app.by("diag-thresholds"), "Введите число");
    await app.guard(green.fill("80"));
    await app.guard(green.press("Tab"));
    await app.click(app.by("tab-result"));
    await app.expectText(app.by("diag-verdict"), "Проблем не найдено");
    await app.reload();
    await app.expectText(app.by("diag-verdict"), "Проблем не найдено");
    await app.route("#/diagnosis/thresholds");
    await app.eventually(async () => assert.equal(await app.by("th-plan-green").inputValue(), "80"));
  });
});
