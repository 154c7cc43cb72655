// Behaviour: the consultant imports the client base from CSV on the Data page: the columns are
// guessed from the headers, the preview shows the rows and their errors, nothing changes before
// "Загрузить", then a report says how many rows were read, imported and rejected (row, column,
// reason), and the rejected rows download as CSV for Excel.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appTest } from "./lib/harness.mjs";
import { NBSP, Sloy } from "./lib/app.mjs";

const ACCOUNTS = new URL("../../../shared/data/crm-sales-opportunities/accounts.csv", import.meta.url);
const ACCOUNTS_FALLBACK = "/work/shared/data/crm-sales-opportunities/accounts.csv";
const CP1251 = new URL("../fixtures/import/clients-cp1251.csv", import.meta.url);

async function accountsBuffer() {
  try {
    return await readFile(ACCOUNTS);
  } catch {
    return await readFile(ACCOUNTS_FALLBACK);
  }
}

appTest("import clients: accounts.csv, then a Windows-1251 file with bad rows", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("Новый проект");
  await app.route("#/data");
  const clientsHeading = app.page.locator("h2", { hasText: "Клиенты" }).first();

  await t.test("accounts.csv: mapping guessed, preview, nothing written before confirm", async () => {
    await app.click(app.by("import-clients"));
    const dialog = app.by("import-clients-dialog");
    await app.guard(dialog.waitFor({ state: "visible" }));
    await app.guard(
      dialog.locator("[data-testid=import-file]").setInputFiles({
        name: "accounts.csv",
        mimeType: "text/csv",
        buffer: await accountsBuffer(),
      }),
    );
    await app.expectText(app.by("import-file-info"), /85 строк.*UTF-8.*«,»/);
    // account → name, sector → business line, revenue → revenue, office_location → region.
    await app.eventually(async () => {
      assert.equal(await app.by("map-0").inputValue(), "name");
      assert.equal(await app.by("map-1").inputValue(), "business_line");
      assert.equal(await app.by("map-2").inputValue(), "");
      assert.equal(await app.by("map-3").inputValue(), "revenue");
      assert.equal(await app.by("map-5").inputValue(), "region");
    });
    await app.expectText(app.by("import-preview-counts"), "Прочитано строк: 85, будет загружено: 85, с ошибками: 0");
    await app.expectText(app.by("import-preview-more"), "Показаны первые 20 строк из 85");
    await app.expectText(app.by("import-preview"), "Acme Corporation");
    await app.expectText(clientsHeading, "(0)");
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-report-counts"), "Прочитано строк: 85, загружено: 85, отклонено: 0");
    await app.expectText(app.by("import-added"), "Направление: technolgy");
    await app.expectText(app.by("import-added"), "Регион: United States");
    await app.click(app.by("import-close"));
    await app.expectText(clientsHeading, "(85)");
    await app.expectText(app.by("clients-table"), "Acme Corporation");
  });

  await t.test("a second import of the same file changes nothing and writes nothing", async () => {
    const before = await app.guard(app.page.evaluate(() => JSON.stringify(localStorage)));
    await app.click(app.by("import-clients"));
    await app.guard(
      app.by("import-file").setInputFiles({ name: "accounts.csv", mimeType: "text/csv", buffer: await accountsBuffer() }),
    );
    await app.expectText(app.by("import-preview-counts"), "будет загружено: 85");
    await app.expectText(app.by("import-actions"), "Будет добавлено клиентов: 0, изменено: 0, без изменений: 85.");
    await app.expectCount(app.by("import-updates"), 0);
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-report-counts"), "загружено: 0, отклонено: 0");
    await app.expectText(app.by("import-clients-dialog"), "Совпали и не изменились: 85");
    await app.expectText(app.by("import-saved"), "Файл ничего не меняет");
    assert.equal(await app.guard(app.page.evaluate(() => JSON.stringify(localStorage))), before, "storage untouched");
    await app.click(app.by("import-close"));
    await app.expectText(clientsHeading, "(85)");
  });

  await t.test("Windows-1251 with ';': bad rows are reported and downloadable", async () => {
    await app.click(app.by("import-clients"));
    await app.guard(
      app.by("import-file").setInputFiles({ name: "clients.csv", mimeType: "text/csv", buffer: await readFile(CP1251) }),
    );
    await app.expectText(app.by("import-file-info"), /5 строк.*windows-1251.*«;»/);
    await app.eventually(async () => {
      assert.equal(await app.by("map-0").inputValue(), "name");
      assert.equal(await app.by("map-2").inputValue(), "revenue");
      assert.equal(await app.by("map-5").inputValue(), "category");
    });
    await app.expectText(app.by("import-preview-counts"), "Прочитано строк: 5, будет загружено: 1, с ошибками: 4");
    // «Выручка, руб.»: the file is in roubles, the project in тыс. ₽.
    await app.expectText(app.by("import-unit-source"), "указана в заголовке столбца");
    assert.equal(await app.by("import-file-unit").inputValue(), "rub");
    await app.expectText(app.by("import-conversion"), `1${NBSP}234${NBSP}567,89${NBSP}₽ в файле → 1${NBSP}234,57${NBSP}тыс.${NBSP}₽ в проекте`);
    await app.expectText(app.by("import-preview"), "ООО «Альфа; Север»");
    await app.expectText(app.by("import-preview"), "не число");
    assert.ok((await app.by("import-preview").locator("td.cell-error").count()) >= 3);
    await app.click(app.by("import-confirm"));
    await app.expectText(app.by("import-report-counts"), "Прочитано строк: 5, загружено: 1, отклонено: 4");
    const rejected = app.by("import-rejected");
    await app.expectText(rejected, "Контрагент");
    await app.expectText(rejected, "пустое наименование");
    await app.expectText(rejected, "«(1 000)» — отрицательное значение не допускается");
    await app.expectText(rejected, "«много» — не число");
    await app.expectText(rejected, "категория «Х» не A, B или C");
    const file = await app.download(app.by("import-download-rejected"));
    assert.match(file.fileName, /\.csv$/);
    assert.ok(file.text.startsWith("\uFEFF"), "UTF-8 with BOM for Excel");
    const lines = file.text.slice(1).trim().split("\r\n");
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^Строка;Столбец;Причина;Контрагент;/);
    assert.match(lines[1], /^4;Контрагент;/);
    assert.match(lines[2], /^5;Выручка, руб\.;«много» — не число;ЗАО Бета;/);
    await app.click(app.by("import-close"));
    await app.expectText(clientsHeading, "(86)");
    // The table pages at 50 rows; the new clients are at the end.
    await app.click(app.page.locator("button", { hasText: "86" }).first());
    await app.expectText(app.by("clients-table"), "ООО «Альфа; Север»");
    await app.expectText(app.by("clients-table"), /1\s234,57/);
  });
});
