// Behaviour: the same project open in two tabs is never overwritten silently. When tab B saves,
// tab A asks which version to keep: taking B's shows B's version; keeping A's writes A's version
// over B's (which B sees after a reload).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, watchPage } from "./lib/app.mjs";

appTest("a save in another tab raises a conflict banner; both choices work", async (session) => {
  const a = await Sloy.open(session, "#/data");
  await a.expectCurrentProject(DEMO_NAME);
  await a.expectSaveState("Сохранено");
  const [meta] = await a.liveMetas();

  const pageB = await session.context.newPage();
  watchPage(session, pageB, "tab B");
  const b = new Sloy(session, pageB);
  await b.goto("#/data");
  await b.expectCurrentProject(DEMO_NAME);

  const storedName = async () => (await a.storedMetas()).find((m) => m.id === meta.id).name;

  // 1. B renames; A notices (storage event) and asks; A takes B's version.
  const fromB = "Версия вкладки B";
  await b.renameOnDataPage(fromB);
  await b.expectSaveState("Сохранено");
  await a.eventually(async () => assert.equal(await storedName(), fromB));
  await a.page.bringToFront();
  const banner = a.by("banner-conflict");
  await a.expectText(banner, "изменён в другой вкладке");
  await a.expectSaveState("Не сохранено");
  await a.expectCurrentProject(DEMO_NAME); // nothing replaced before the user chose
  await a.click(banner.getByTestId("conflict-theirs"));
  await a.expectCurrentProject(fromB);
  await a.expectCount(a.by("banner-conflict"), 0);
  await a.expectSaveState("Сохранено");
  assert.equal(await a.by("project-name").inputValue(), fromB);

  // A's next change saves normally: it now builds on B's revision.
  const aFirst = "Версия вкладки A";
  await a.renameOnDataPage(aFirst);
  await a.expectSaveState("Сохранено");
  await a.eventually(async () => assert.equal(await storedName(), aFirst));
  await a.expectCount(a.by("banner-conflict"), 0);

  // 2. B (which missed A's save) is asked in turn; it takes A's version and renames again.
  await b.page.bringToFront();
  await b.expectText(b.by("banner-conflict"), "изменён в другой вкладке");
  await b.click(b.by("conflict-theirs"));
  await b.expectCurrentProject(aFirst);
  const fromB2 = "Версия вкладки B, вторая";
  await b.renameOnDataPage(fromB2);
  await b.expectSaveState("Сохранено");
  await a.eventually(async () => assert.equal(await storedName(), fromB2));

  // A is asked again; meanwhile A keeps editing, then keeps its own version.
  await a.page.bringToFront();
  await a.expectText(a.by("banner-conflict"), "изменён в другой вкладке");
  const aFinal = "Версия вкладки A, итоговая";
  await a.renameOnDataPage(aFinal);
  await a.expectCurrentProject(aFinal);
  assert.equal(await storedName(), fromB2, "no silent overwrite while the banner is up");
  await a.click(a.by("conflict-mine"));
  await a.expectCount(a.by("banner-conflict"), 0);
  await a.expectSaveState("Сохранено");
  await a.eventually(async () => assert.equal(await storedName(), aFinal));

  // B sees A's version after a reload.
  await b.reload();
  await b.expectCurrentProject(aFinal);
  await b.expectCount(b.by("banner-conflict"), 0);
  assert.equal(await b.by("project-name").inputValue(), aFinal);
  await pageB.close();
});
