// Behaviour: on the «Типовые карты» tab the consultant empties a role of a channel's typical
// map, fills the map with the defaults of docs/METHOD.md §3.3 with one click, edits and adds a
// position, and a reload keeps the edits.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

/** Types into an input and commits it (change fires on blur). */
async function commit(app, locator, value) {
  await app.guard(locator.fill(value));
  await app.guard(locator.press("Tab"));
}

appTest("layer 3 typical maps: defaults, edit, reload keeps it", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/typical");
  const status = app.by("l3-typical-status-0-B");

  await t.test("demo maps are complete", async () => {
    await app.expectText(status, "✓");
    await app.expectText(app.by("l3-typical-status-2-A"), "✓");
  });

  await t.test("removing every ЛПР position flags the map", async () => {
    for (let i = 0; i < 3; i++) {
      await app.clickAndConfirm(app.by("l3-pos-0-B-LPR-del-0"));
    }
    await app.expectCount(app.by("l3-pos-0-B-LPR-0"), 0);
    await app.expectText(status, "нет ЛПР");
  });

  await t.test("«заполнить по умолчанию» restores the defaults of the direct channel", async () => {
    await app.click(app.by("l3-fill-0-B"));
    await app.eventually(async () =>
      assert.equal(await app.by("l3-pos-0-B-LPR-0").inputValue(), "Технический директор"),
    );
    await app.expectText(status, "✓");
  });

  await t.test("a position is edited and one added; reload keeps both", async () => {
    await commit(app, app.by("l3-pos-0-B-LPR-1"), "Финансовый директор холдинга");
    await commit(app, app.by("l3-pos-0-B-LVR-add"), "Энергослужба");
    await app.expectCount(app.by("l3-pos-0-B-LVR-4"), 1);
    await app.expectSaveState("Сохранено");
    await app.reload();
    await app.eventually(async () => {
      assert.equal(await app.by("l3-pos-0-B-LPR-1").inputValue(), "Финансовый директор холдинга");
      assert.equal(await app.by("l3-pos-0-B-LVR-4").inputValue(), "Энергослужба");
    });
  });
});
