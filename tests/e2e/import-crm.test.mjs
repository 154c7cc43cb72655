// Behaviour: the consultant imports a CRM export (pipeline + sales team + accounts) as a new
// project: the CRM stages are mapped onto the project's ТФС stages (won/lost recognised), the
// deals without an account are kept and flagged, and the Data page shows the counts of the files.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const DIR = "/work/shared/data/crm-sales-opportunities/";
async function file(name) {
  let buffer;
  try {
    buffer = await readFile(new URL(`../../../shared/data/crm-sales-opportunities/${name}`, import.meta.url));
  } catch {
    buffer = await readFile(DIR + name);
  }
  return { name, mimeType: "text/csv", buffer };
}

appTest("import CRM: pipeline, team and accounts as a new project", async (session) => {
  const app = await Sloy.open(session, "#/data");
  await app.click(app.by("import-deals"));
  const dialog = app.by("import-deals-dialog");
  await app.guard(dialog.waitFor({ state: "visible" }));
  await app.guard(app.by("import-file").setInputFiles(await file("sales_pipeline.csv")));
  await app.guard(app.by("import-teams-file").setInputFiles(await file("sales_teams.csv")));
  await app.guard(app.by("import-accounts-file").setInputFiles(await file("accounts.csv")));
  await app.expectText(app.by("import-file-info"), /8800 строк/);
  await app.expectText(app.by("import-teams-info"), /35 строк/);
  await app.expectText(app.by("import-accounts-info"), /85 строк/);

  // Stage mapping: Won/Lost recognised, Engaging and Prospecting on the first two stages.
  const mapping = app.by("import-stage-mapping");
  await app.expectText(mapping, "Prospecting");
  const selected = async (i) =>
    (await app.by(`stage-map-${i}`).locator("option:checked").textContent()).trim();
  const names = await mapping.locator("tbody tr td:first-child").allTextContents();
  assert.deepEqual([...names].sort(), ["Engaging", "Lost", "Prospecting", "Won"]);
  for (const [i, n] of names.entries()) {
    const want = { Won: /^Выиграна$/, Lost: /^Проиграна/, Prospecting: /^1 /, Engaging: /^2\.1 / }[n];
    assert.match(await selected(i), want, n);
  }
  await app.expectText(app.by("import-preview-counts"), "Прочитано строк: 8800, будет загружено: 8800, с ошибками: 0");
  // Nothing is written before confirmation.
  await app.expectCurrentProject("Демо: ГидроТеплоМаш");
  await app.click(app.by("import-target-new"));
  await app.click(app.by("import-confirm"));
  await app.expectText(app.by("import-report-counts"), "Прочитано строк: 8800, загружено: 8800, отклонено: 0");
  await app.expectText(dialog, "Сделок без клиента (помечены «без клиента»): 1425");
  await app.expectText(dialog, "Менеджеров из файла команды: 35");
  await app.expectText(dialog, "Клиентов из файла accounts: 85");
  await app.click(app.by("import-close"));

  await app.expectCurrentProject("Импорт из CRM");
  await app.expectText(app.page.locator("h2", { hasText: "Клиенты" }).first(), "(85)");
  await app.expectText(app.page.locator("h2", { hasText: "Сделки" }).first(), "(8800)");
  await app.expectCount(app.by("managers-table").locator("tbody tr"), 35);
  await app.expectText(app.by("deals-table"), "выиграна");
  await app.expectText(app.by("deals-table"), "без клиента");
  await app.expectText(app.by("managers-table"), "Central");
  await app.expectSaveState("Сохранено");
});
