// Behaviour: the report of a project-file import says whether the project was stored: when the
// browser's storage is full it says «не сохранено: хранилище переполнено — экспортируйте проект»
// (not just «импортирован»), and once there is room again an import says «сохранено».

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, fillStorage, removeJunk } from "./lib/app.mjs";

appTest("an import report says «не сохранено» when the storage is full", async (session) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectSaveState("Сохранено");
  const original = await app.exportCurrent();
  const metasBefore = (await app.storedMetas()).length;

  assert.ok((await app.guard(app.page.evaluate(fillStorage))) > 0, "the junk filled the quota");
  const full = { name: "full-storage.sloy.json", text: original.text };
  await app.importAsNew(full);
  await app.expectToast(full.name, "не сохранено: хранилище переполнено — экспортируйте проект");
  await app.expectText(app.by("banner-quota"), /изменения не сохраняются/i);
  assert.equal((await app.storedMetas()).length, metasBefore, "nothing half-written");

  await app.guard(app.page.evaluate(removeJunk));
  const roomy = { name: "room-again.sloy.json", text: original.text };
  await app.importAsNew(roomy);
  await app.expectToast(roomy.name, /room-again\.sloy\.json: сохранено/);
  await app.expectCount(app.by("banner-quota"), 0);
  // Switching to the second import first saves the first one, kept in memory meanwhile.
  await app.eventually(async () =>
    assert.equal((await app.storedMetas()).length, metasBefore + 2, "both imports are stored"),
  );
});
