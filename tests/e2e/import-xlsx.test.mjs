// Behaviour: the consultant imports a client base saved by Excel (.xlsx): the book is read by
// its bytes, the sheet can be chosen, numbers and dates come as Excel shows them, the report's
// rows are Excel's row numbers; a broken or old-format book gives a Russian message saying
// what is wrong, and nothing changes.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const BOOK = new URL("../fixtures/import/clients.xlsx", import.meta.url);

appTest("import clients from an Excel book; a broken book changes nothing", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("Новый проект");
  await app.route("#/data");
  const clientsHeading = app.page.locator("h2", { hasText: "Клиенты" }).first();
  const book = await readFile(BOOK);

  await t.test("a broken .xlsx and an old .xls: a Russian message, the data unchanged", async () => {
    await app.click(app.by("import-clients"));
    const dialog = app.by("import-clients-dialog");
    await app.guard(dialog.waitFor({ state: "visible" }));
    await app.guard(
      app.by("import-file").setInputFiles({
        name: "клиенты.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: book.subarray(0, Math.floor(book.length / 2)),
      }),
    );
    await app.expectText(app.by("import-error"), "повреждён или загружен не полностью");
    assert.equal(await app.by("import-file-info").count(), 0, "no table is shown");
    assert.ok(await app.by("import-confirm").isDisabled());
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await app.guard(
      app.by("import-file").setInputFiles({ name: "клиенты.xls", mimeType: "application/vnd.ms-excel", buffer: ole }),
    );
    await app.expectText(app.by("import-error"), "старого формата (.xls) или книга, защищённая паролем");
    await app.click(app.by("import-close"));
    await app.expectText(clientsHeading, "(0)");
  });

  await t.test("clients.xlsx: sheet, Excel rows, numbers and dates, report", async () => {
    await app.click(app.by("import-clients"));
    await app.guard(
      app.by("import-file").setInputFiles({
        name: "клиенты.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: book,
      }),
    );
    await app.expectText(app.by("import-file-info"), "клиенты.xlsx: 5 строк, лист «Клиенты»");
    assert.equal(await app.by("import-sheet").inputValue(), "Клиенты");
    await app.eventually(async () => {
      assert.equal(await app.by("map-0").inputValue(), "name");
      assert.equal(await app.by("map-2").inputValue(), "revenue");
      assert.equal(await app.by("map-5").inputValue(), "category");
      assert.equal(await app.by("map-6").inputValue(), "");
    });
    // The other sheet of the book can be chosen, and back.
    await app.guard(app.by("import-sheet").selectOption("Справка"));
    await app.expectText(app.by("import-file-info"), "0 строк, лист «Справка»");
    await app.guard(app.by("import-sheet").selectOption("Клиенты"));
    await app.expectText(app.by("import-file-info"), "5 строк, лист «Клиенты»");
    // «АО Дельта» with −1 000 is refused: a negative revenue.
    await app.expectText(app.by("import-preview-counts"), "Прочитано строк: 5, будет загружено: 1, с ошибками: 4");
    await app.expectText(app.by("import-preview"), "1234567,89");
    await app.expectText(app.by("import-mapping"), "15.03.2024");
    await app.expectText(clientsHeading, "(0)");
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-report-counts"), "Прочитано строк: 5, загружено: 1, отклонено: 4");
    const rejected = app.by("import-rejected");
    const rows = await app.guard(rejected.locator("tbody tr").allInnerTexts());
    assert.equal(rows.length, 4);
    // Excel's row numbers: row 3 of the sheet is empty.
    assert.match(rows[0], /^4\s+Контрагент\s+пустое наименование/);
    assert.match(rows[1], /^5\s+Выручка, руб\.\s+«много» — не число/);
    assert.match(rows[2], /^6\s+Кат\.\s+категория «Х» не A, B или C/);
    assert.match(rows[3], /^7\s+Выручка, руб\.\s+«-1000» — отрицательное значение не допускается/);
    await app.click(app.by("import-close"));
    await app.expectText(clientsHeading, "(1)");
    await app.expectText(app.by("clients-table"), "ООО «Альфа; Север»");
    // «Выручка, руб.»: read in roubles, stored in the project's тыс. ₽.
    await app.expectText(app.by("clients-table"), /1\s234,57/);
  });
});
