// Behaviour: when the browser's storage is full, a client import says so in its own report —
// «не сохранено … экспортируйте проект» — not «загружено: N» alone; the imported clients stay
// in the tab (nothing is lost), and once there is room the next save stores them.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, fillStorage, removeJunk } from "./lib/app.mjs";

appTest("a client import on a full storage says in its report that nothing was saved", async (session) => {
  const app = await Sloy.open(session, "#/l1/clients");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectSaveState("Сохранено");
  assert.ok((await app.guard(app.page.evaluate(fillStorage))) > 0, "the junk filled the quota");

  const rows = Array.from({ length: 300 }, (_, i) => `N${i};Новый клиент ${i} с длинным наименованием;${1000 + i}`);
  await app.click(app.by("import-clients"));
  await app.guard(
    app.by("import-file").setInputFiles({
      name: "many.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`Код;Наименование;Выручка\n${rows.join("\n")}\n`),
    }),
  );
  await app.expectText(app.by("import-actions"), "Будет добавлено клиентов: 300");
  await app.click(app.by("import-confirm"));
  await app.expectText(app.by("import-report-counts"), "загружено: 300");
  await app.expectText(app.by("import-saved"), "Не сохранено: хранилище браузера переполнено");
  await app.expectText(app.by("banner-quota"), /изменения не сохраняются/i);
  await app.click(app.by("import-close"));
  // The clients are in the tab.
  await app.by("client-filter").fill("N299");
  await app.expectCount(app.by("client-row"), 1);

  // Room again: the next change saves them.
  await app.guard(app.page.evaluate(removeJunk));
  await app.by("client-filter").fill("");
  await app.renameOnDataPage(`${DEMO_NAME} (после импорта)`);
  await app.expectSaveState("Сохранено");
  await app.reload();
  await app.route("#/l1/clients");
  await app.by("client-filter").fill("N299");
  await app.expectCount(app.by("client-row"), 1);
});
