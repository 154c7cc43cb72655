// Behaviour: re-importing clients that are already in the project changes exactly what differs
// and nothing else. The demo's K01 imported again with the same revenue changes nothing (its won
// deals and cycle stay, so the ABC figures of category A stay); a file whose header says
// «Выручка 2023, руб.» is read as 2023 revenue in roubles and converted; a negative revenue is
// refused with its row and column, in the preview and the report.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { NBSP, Sloy } from "./lib/app.mjs";

async function chooseFile(app, name, text) {
  await app.click(app.by("import-clients"));
  await app.guard(app.by("import-clients-dialog").waitFor({ state: "visible" }));
  await app.guard(
    app.by("import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) }),
  );
}

appTest("re-importing clients changes only what differs", async (session, t) => {
  const app = await Sloy.open(session, "#/l1/abc");
  const rowA = async () => (await app.guard(app.by("abc-sum-A").innerText())).trim();
  await app.expectText(app.by("abc-sum-A"), "A");
  const before = await rowA();
  await app.expectText(app.by("abc-sum-A").getByTestId("abc-sum-source"), "данные о выручке (внесены или загружены)");

  await t.test("the same revenue again: nothing changes, nothing is written", async () => {
    await app.route("#/l1/clients");
    await chooseFile(app, "same.csv", `Код;Наименование;Выручка\nK01;ГОК «Малахит»;150 000\n`);
    await app.expectText(app.by("import-actions"), "Будет добавлено клиентов: 0, изменено: 0, без изменений: 1.");
    await app.expectCount(app.by("import-updates"), 0);
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-saved"), "Файл ничего не меняет");
    await app.click(app.by("import-close"));
    await app.route("#/l1/abc");
    await app.expectText(app.by("abc-sum-A"), "A");
    assert.equal(await rowA(), before, "category A's won deals, average deal and cycle stay");
  });

  await t.test("a new revenue changes only the revenue, and the report says it was saved", async () => {
    await app.route("#/l1/clients");
    await chooseFile(app, "new.csv", `Код;Наименование;Выручка\nK01;ГОК «Малахит»;160 000\n`);
    await app.expectText(app.by("import-updates"), "Изменятся клиенты, уже внесённые в проект: 1");
    await app.expectText(
      app.by("import-updates"),
      `строка 2: K01 ГОК «Малахит»: выручка: 150${NBSP}000 тыс.${NBSP}₽ → 160${NBSP}000 тыс.${NBSP}₽`,
    );
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-clients-dialog"), "Обновлено существующих: 1");
    await app.expectText(app.by("import-saved"), "Изменения сохранены в браузере.");
    await app.click(app.by("import-close"));
  });

  await t.test("year and unit from the header; a negative revenue is refused", async () => {
    await chooseFile(
      app,
      "2023.csv",
      `Код;Наименование;Выручка 2023, руб.\nK01;ГОК «Малахит»;140 000 000\nK77;АО «Минус»;-5 000,00\n`,
    );
    await app.eventually(async () => {
      assert.equal(await app.by("import-year").inputValue(), "2023");
      assert.equal(await app.by("import-file-unit").inputValue(), "rub");
    });
    await app.expectText(
      app.by("import-conversion"),
      `140${NBSP}000${NBSP}000,00${NBSP}₽ в файле → 140${NBSP}000${NBSP}тыс.${NBSP}₽ в проекте`,
    );
    await app.expectText(app.by("import-preview-counts"), "будет загружено: 1, с ошибками: 1");
    await app.expectText(app.by("import-preview"), "«-5 000,00» — отрицательное значение не допускается");
    // The unit can be set by hand: then 140 000 000 would be тыс. ₽ as they are.
    await app.guard(app.by("import-file-unit").selectOption("thousand"));
    await app.expectCount(app.by("import-conversion"), 0);
    await app.guard(app.by("import-file-unit").selectOption("rub"));
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-report-counts"), "отклонено: 1");
    await app.expectText(app.by("import-rejected"), "отрицательное значение");
    await app.click(app.by("import-close"));
    await app.route("#/l1/abc");
    await app.guard(app.by("abc-year").selectOption("2023"));
    await app.expectText(app.by("abc-table"), `140${NBSP}000`);
  });
});
