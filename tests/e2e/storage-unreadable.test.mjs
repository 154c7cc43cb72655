// Behaviour: data in the browser's storage that the app cannot read is reported, offered as a
// download, and never deleted or overwritten by the app's own saves.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

appTest("unreadable stored data is shown, downloadable and kept", async (session) => {
  const app = await Sloy.open(session, "#/data");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectSaveState("Сохранено");

  const key = `sloy.p.${randomUUID()}`;
  const raw = "{broken";
  await app.page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, raw]);
  await app.reload();

  // The good project still opens; the bad value gets a banner naming it.
  await app.expectCurrentProject(DEMO_NAME);
  const banner = app.by("banner-unreadable");
  await app.expectText(banner, "не читаются");
  await app.expectText(banner, key);
  await app.expectText(banner, "не удалены");

  // «Скачать» gives the raw stored text.
  const download = await app.download(banner.getByTestId("unreadable-download"));
  assert.equal(download.text, raw);
  assert.ok(download.fileName.includes(key), `file name names the key: ${download.fileName}`);

  // Several saved changes later, the value is untouched.
  for (const name of ["Проект после встречи", "Проект после КП", DEMO_NAME]) {
    await app.renameOnDataPage(name);
    await app.expectCurrentProject(name);
    await app.expectSaveState("Сохранено");
    await app.eventually(async () =>
      assert.ok((await app.storedMetas()).some((m) => m.name === name), `«${name}» saved`),
    );
  }
  assert.equal(await app.getItem(key), raw);

  // And on the next visit it is still reported; the project list does not show it as a project.
  await app.reload();
  await app.expectText(app.by("banner-unreadable"), key);
  await app.route("#/projects");
  await app.expectProjectNames([DEMO_NAME]);
  assert.equal(await app.getItem(key), raw);
});
