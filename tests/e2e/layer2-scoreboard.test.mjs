// Behaviour: the scoreboard («табло ведения счёта») shows every open deal per manager and stage
// with totals; a category filter changes the counts; a cell lists its deals and opens them; a
// stuck deal is marked; the filters and the open cell live in the URL (reload, shared link, back).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain, plain } from "./lib/l2.mjs";

appTest("layer 2 scoreboard: totals, category filter, cell deals, stuck deals", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/board");
  await app.guard(app.by("l2-board").waitFor({ state: "visible" }));

  await t.test("matrix totals of the demo", async () => {
    await expectPlain(app, app.by("board-total"), "21 297 550");
    assert.equal(await plain(app.by("col-total-1")), "6 42 800");
    assert.equal(await plain(app.by("row-total-M2")), "4 92 600");
    assert.equal(await plain(app.by("cell-M2-1")), "2 22 600");
  });

  await t.test("filter by category A changes the counts", async () => {
    await app.guard(app.by("filter-category").selectOption("A"));
    await expectPlain(app, app.by("board-total"), "10 273 000");
    assert.equal(await plain(app.by("cell-M2-1")), "1 22 000");
    await app.guard(app.by("filter-category").selectOption("C"));
    await expectPlain(app, app.by("board-total"), "5 4 250");
    await app.guard(app.by("filter-category").selectOption(""));
    await expectPlain(app, app.by("board-total"), "21 297 550");
  });

  await t.test("a stuck deal is marked", async () => {
    await expectPlain(app, app.by("cell-M4-1"), "⚠");
    assert.match(await app.by("cell-M4-1").getAttribute("class"), /l2-stuck/);
    await expectPlain(app, app.by("stuck-D18"), "63 дн.");
    assert.doesNotMatch(await plain(app.by("cell-M2-1")), /⚠/);
  });

  await t.test("clicking a cell lists its deals and opens one", async () => {
    await app.click(app.by("cell-M2-1").locator("button"));
    const list = app.by("cell-deals");
    await expectPlain(app, list, "D08");
    await expectPlain(app, list, "D25");
    assert.equal(await list.locator("li").count(), 2);
    await app.click(app.by("cell-deal-D08"));
    await expectPlain(app, app.by("deal-heading"), "D08");
    assert.match(await app.page.evaluate(() => location.hash), /^#\/l2\/deals\?deal=/);
  });

  await t.test("filters and the open cell survive a reload; back undoes them", async () => {
    await app.route("#/l2/board");
    await expectPlain(app, app.by("board-total"), "21 297 550");
    await app.guard(app.by("filter-category").selectOption("A"));
    await expectPlain(app, app.by("board-total"), "10 273 000");
    assert.match(await app.page.evaluate(() => location.hash), /^#\/l2\/board\?cat=A$/);
    await app.click(app.by("cell-M2-1").locator("button"));
    await expectPlain(app, app.by("cell-deals"), "D08");
    assert.match(await app.page.evaluate(() => location.hash), /[?&]cell=[0-9a-f-]+%3A0$/);
    await app.reload();
    await expectPlain(app, app.by("board-total"), "10 273 000");
    assert.equal(await app.by("filter-category").inputValue(), "A");
    await expectPlain(app, app.by("cell-deals"), "D08");
    assert.equal(await app.by("cell-deals").locator("li").count(), 1);
    await app.guard(app.page.goBack());
    await app.eventually(async () => assert.equal(await app.by("cell-deals").count(), 0));
    await expectPlain(app, app.by("board-total"), "10 273 000");
    await app.guard(app.page.goBack());
    await expectPlain(app, app.by("board-total"), "21 297 550");
    assert.equal(await app.by("filter-category").inputValue(), "");
  });
});
