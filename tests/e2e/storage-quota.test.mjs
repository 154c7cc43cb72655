// Behaviour: when the browser's storage is full, the consultant is told at once that changes
// are not being saved (a banner that stays, and «Не сохранено» in the header) while the changes
// stay on screen; once there is room again, the next change is saved and the banner goes.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, fillStorage, removeJunk } from "./lib/app.mjs";

appTest("a full storage quota shows a banner until a save succeeds again", async (session) => {
  const app = await Sloy.open(session, "#/data");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectSaveState("Сохранено");
  const [meta] = await app.liveMetas();

  const junkKeys = await app.guard(app.page.evaluate(fillStorage));
  assert.ok(junkKeys > 0, "the junk filled the quota");

  // A change that needs more room than is left.
  const longName = `${DEMO_NAME} — рабочая версия после встречи с коммерческим директором 31 марта`;
  await app.renameOnDataPage(longName);
  const banner = app.by("banner-quota");
  await app.expectText(banner, /изменения не сохраняются/i);
  await app.expectSaveState("Не сохранено");
  // The change is kept in this tab, not lost.
  await app.expectCurrentProject(longName);
  const stored = (await app.storedMetas()).find((m) => m.id === meta.id);
  assert.notEqual(stored.name, longName, "the name did not reach storage");
  // The banner offers the way out: export.
  const backup = await app.download(banner.getByRole("button"));
  assert.equal(JSON.parse(backup.text).data.name, longName, "export has the unsaved change");

  // Room again: the next change is saved and the banner goes.
  await app.guard(app.page.evaluate(removeJunk));
  const finalName = `${longName} (итог)`;
  await app.renameOnDataPage(finalName);
  await app.expectSaveState("Сохранено");
  await app.expectCount(app.by("banner-quota"), 0);
  await app.eventually(async () =>
    assert.equal((await app.storedMetas()).find((m) => m.id === meta.id).name, finalName),
  );
  await app.reload();
  await app.expectCurrentProject(finalName);
});
