// Behaviour: the consultant adapts the ТФС stage list: renames, inserts and reorders stages;
// deleting a stage that holds deals asks where to move them, and the funnel follows.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { commit, expectPlain, plain, selectByPrefix } from "./lib/l2.mjs";

const code = (app, i) => app.by(`stage-code-${i}`).inputValue();

appTest("layer 2 stages: rename, insert, reorder, delete a stage holding deals", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/stages");
  await app.guard(app.by("stages-table").waitFor({ state: "visible" }));

  await t.test("rename a stage", async () => {
    await commit(app, app.by("stage-name-0"), "Лид: привлечение внимания");
    await app.route("#/l2/funnel");
    await expectPlain(app, app.by("funnel-row-1"), "1 Лид: привлечение внимания");
    await app.route("#/l2/stages");
    await app.eventually(async () => assert.equal(await app.by("stage-name-0").inputValue(), "Лид: привлечение внимания"));
    // A duplicate code is refused with a message.
    await commit(app, app.by("stage-code-1"), "2.2");
    await expectPlain(app, app.by("stage-error"), "уже есть");
    assert.equal(await code(app, 1), "2.1");
  });

  await t.test("insert a stage after 2.3", async () => {
    await app.guard(app.by("new-stage-code").fill("2.4"));
    await app.guard(app.by("new-stage-name").fill("Пилотная поставка"));
    await selectByPrefix(app, app.by("new-stage-after"), "2.3 ");
    await app.click(app.by("new-stage-insert"));
    await app.eventually(async () => assert.equal(await code(app, 4), "2.4"));
    assert.equal(await code(app, 3), "2.3");
    assert.equal(await plain(app.by("stage-deals-4")), "0");
    await app.expectCount(app.page.locator("[data-testid^=stage-row-]"), 15);
  });

  await t.test("reorder: up and down", async () => {
    await app.click(app.by("stage-up-4"));
    await app.eventually(async () => assert.equal(await code(app, 3), "2.4"));
    assert.equal(await code(app, 4), "2.3");
    await app.click(app.by("stage-down-3"));
    await app.eventually(async () => assert.equal(await code(app, 4), "2.4"));
    assert.equal(await code(app, 3), "2.3");
  });

  await t.test("deleting an empty stage asks for confirmation", async () => {
    const message = await app.clickAndConfirm(app.by("stage-delete-4"));
    assert.match(message, /Удалить этап «2.4 Пилотная поставка»/);
    await app.expectCount(app.page.locator("[data-testid^=stage-row-]"), 14);
  });

  await t.test("deleting a stage holding deals asks where to move them", async () => {
    assert.equal(await plain(app.by("stage-deals-1")), "19");
    await app.click(app.by("stage-delete-1"));
    const panel = app.by("stage-delete-panel");
    await expectPlain(app, panel, "«2.1 Выявление потребностей ЛФР» 19 сделок");
    assert.equal(await app.by("stage-delete-confirm").isDisabled(), true);
    await selectByPrefix(app, app.by("stage-delete-target"), "2.2 ");
    await app.click(app.by("stage-delete-confirm"));
    await app.expectCount(panel, 0);
    await app.eventually(async () => assert.equal(await code(app, 1), "2.2"));
    await app.expectCount(app.page.locator("[data-testid^=stage-row-]"), 13);
    // The 19 deals that reached 2.1 now reached 2.2.
    await app.route("#/l2/funnel");
    await expectPlain(app, app.by("reached-2.2"), "19");
    assert.equal(await app.by("reached-2.1").count(), 0);
    await app.reload();
    await app.guard(app.by("funnel-table").waitFor({ state: "visible" }));
    await expectPlain(app, app.by("reached-2.2"), "19");
  });
});
