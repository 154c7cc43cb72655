// Behaviour: on the method map the consultant ticks layer 1's tasks; its results are computed
// from the project data, so ticks alone do not open layer 2. A locked layer opens early only with a written reason, which is shown
// on the layer and kept.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";


appTest("method map: results computed from the data; early opening needs a reason", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  // A fresh empty project: nothing ticked yet.
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("Новый проект");
  await app.route("#/method");
  let ids = [];

  await t.test("ticks alone do not open layer 2: results are computed from the data", async () => {
    const layer1 = app.by("layer-1");
    await app.expectText(app.by("layer-1-status"), "Открыт");
    await app.expectText(app.by("layer-2-status"), "Заблокирован");
    await app.expectText(app.by("layer-2-status"), "слой 1");
    await app.expectText(app.by("layer-3-status"), "Заблокирован");
    assert.ok(
      (await app.by("layer-2").locator("input[type=checkbox]:disabled").count()) > 0,
      "a locked layer cannot be ticked",
    );
    // The results are computed: not tickable, shown as missing with a link to where they are fixed.
    assert.equal(await app.by("tick-l1.r.plans").isDisabled(), true, "computed result is not ticked by hand");
    await app.expectText(layer1, "не выполнено (по данным)");
    assert.match(await app.by("fix-l1.r.plans").getAttribute("href"), /#\/l1\/plans/);
    assert.match(await app.by("fix-l1.r.figures").getAttribute("href"), /#\/l1\/abc/);

    const ticks = layer1.locator("input[type=checkbox][data-testid^='tick-']:not(:disabled)");
    ids = await ticks.evaluateAll((els) => els.map((e) => e.dataset.testid));
    assert.ok(ids.includes("tick-l1.segments"), `layer 1 items: ${ids}`);
    assert.ok(ids.length >= 10, `layer 1 has its hand-ticked tasks: ${ids.length}`);
    for (const id of ids) {
      const box = app.by(id);
      await app.guard(box.check({ timeout: 10_000 }));
      await app.eventually(async () => assert.equal(await box.isChecked(), true));
    }
    // Every task ticked, the results still missing in an empty project: layer 2 stays locked.
    await app.expectText(app.by("layer-2-status"), "Заблокирован");
    await app.expectSaveState("Сохранено");
  });

  const openForm = async () => {
    if ((await app.by("override-reason-3").count()) === 0) await app.click(app.by("override-3"));
    await app.guard(app.by("override-reason-3").waitFor({ state: "visible" }));
    return app.by("override-reason-3");
  };

  await t.test("an empty reason shows an error and the layer stays locked", async () => {
    // Layer 3 stays locked: layer 2 is not done.
    await app.expectText(app.by("layer-3-status"), "Заблокирован");
    const reason = await openForm();
    await app.click(app.by("override-save-3"));
    await app.expectText(app.by("layer-3").getByRole("alert"), "Укажите причину", { timeout: 3_000 });
    await app.expectText(app.by("layer-3-status"), "Заблокирован");
    await app.guard(reason.fill("   "));
    await app.click(app.by("override-save-3"));
    await app.expectText(app.by("layer-3").getByRole("alert"), "Укажите причину", { timeout: 3_000 });
    await app.expectText(app.by("layer-3-status"), "Заблокирован");
  });

  await t.test("a reason opens a locked layer early, shown and kept after a reload", async () => {
    await app.expectText(app.by("layer-3-status"), "Заблокирован");
    const reason = await openForm();
    const why = "Клиент уже готов работать с категорией А, воронка строится параллельно";
    await app.guard(reason.fill(why));
    await app.click(app.by("override-save-3"));
    await app.expectText(app.by("layer-3-status"), "Открыт досрочно");
    await app.expectText(app.by("layer-3-status"), why);
    await app.expectCount(app.by("override-reason-3"), 0);
    assert.equal(await app.by("layer-3").getByRole("alert").count(), 0, "no error");
    await app.expectText(app.by("layer-4-status"), "Заблокирован");
    await app.expectSaveState("Сохранено");

    await app.reload();
    await app.expectCurrentProject("Новый проект");
    await app.expectText(app.by("layer-2-status"), "Заблокирован");
    await app.expectText(app.by("layer-3-status"), why);
    for (const id of ids) assert.equal(await app.by(id).isChecked(), true, `${id} still ticked`);
  });
});
