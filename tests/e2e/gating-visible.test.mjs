// Behaviour: the consultant sees the gating of the method (a layer is implemented only after the
// one above it). In the demo (layers 1–2 done, 3 under way) the navigation shows a lock on layers
// 4 and 5; the screen of layer 4 says to finish layer 3 first, lists what is left there with
// links, and is read-only (pickers and filters still work); an early start with a reason opens
// it for editing and shows the reason, the navigation loses that lock; removing the early start
// locks it again. The layer-status panel shows whether it is collapsed.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("gating you can see: locks in the navigation, read-only locked layers, early start", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/matrix");

  await t.test("the navigation locks layers 4 and 5, with words for screen readers", async () => {
    await app.expectText(app.by("nav-lock-4"), "🔒");
    await app.expectText(app.by("nav-lock-5"), "🔒");
    for (const n of [1, 2, 3]) assert.equal((await app.by(`nav-lock-${n}`).textContent()).trim(), "", `layer ${n} is open`);
    await app.expectText(app.by("nav-l4"), "(закрыт)");
    assert.equal((await app.by("nav-l3").textContent()).includes("закрыт"), false);
    assert.match(await app.by("nav-l4").getAttribute("title"), /сначала выполните слой 3/);
  });

  await t.test("the locked screen says what to finish first, with links", async () => {
    await app.expectText(app.by("gate-title-4"), "Слой 4 закрыт: сначала выполните слой 3");
    // The A project maps are missing in the demo: a link to where they are done.
    await app.expectText(app.by("gate-todo-l3.maps"), "карт проекта");
    assert.match(await app.by("gate-todo-link-l3.maps").getAttribute("href"), /#\/l3\/maps/);
    // What is done on layer 3 is not listed.
    assert.equal(await app.by("gate-todo-l3.r.maps").count(), 0);
  });

  await t.test("the locked screen is read-only; the channel picker still works", async () => {
    const cell = app.by("l4-matrix").locator("select.l4-strength").first();
    await app.eventually(async () => assert.equal(await cell.isDisabled(), true));
    assert.equal(await app.by("l4-add-need").isDisabled(), true);
    assert.equal(await app.by("l4-channel").isDisabled(), false, "choosing what to see is not editing");
    // Rows rendered later (another tab of the screen) are read-only too.
    await app.route("#/l4/questions");
    const input = app.by("gate-body-4").locator("input, textarea").first();
    await app.eventually(async () => assert.equal(await input.isDisabled(), true));
    await app.route("#/l4/matrix");
  });

  await t.test("an early start needs a reason, opens the screen and shows the reason", async () => {
    await app.click(app.by("gate-override-4-ask"));
    await app.click(app.by("gate-override-save-4"));
    await app.expectText(app.by("gate-banner-4").getByRole("alert"), "Укажите причину");
    await app.guard(app.by("gate-override-reason-4").fill("Клиент просит КП до конца месяца"));
    await app.click(app.by("gate-override-save-4"));
    const banner = await app.expectText(app.by("gate-override-4"), "Клиент просит КП до конца месяца");
    assert.match(banner, /открыт досрочно \d\d\.\d\d\.\d{4}/);
    await app.expectCount(app.by("gate-banner-4"), 0);
    const cell = app.by("l4-matrix").locator("select.l4-strength").first();
    await app.eventually(async () => assert.equal(await cell.isDisabled(), false));
    assert.equal(await app.by("l4-add-need").isDisabled(), false);
    await app.eventually(async () => assert.equal((await app.by("nav-lock-4").textContent()).trim(), ""));
    assert.equal((await app.by("nav-lock-5").textContent()).trim(), "🔒", "the early start is per layer");
    // Kept in the project: still open after a reload.
    await app.expectSaveState("Сохранено");
    await app.reload();
    await app.expectText(app.by("gate-override-4"), "Клиент просит КП до конца месяца");
  });

  await t.test("removing the early start locks the layer again", async () => {
    await app.click(app.by("gate-override-remove-4"));
    await app.expectText(app.by("gate-title-4"), "Слой 4 закрыт");
    const cell = app.by("l4-matrix").locator("select.l4-strength").first();
    await app.eventually(async () => assert.equal(await cell.isDisabled(), true));
    await app.expectText(app.by("nav-lock-4"), "🔒");
  });

  await t.test("the status panel shows a marker and what a click does", async () => {
    const panel = app.by("layer-status-4");
    const show = panel.locator(".ls-show");
    const hide = panel.locator(".ls-hide");
    assert.equal(await show.isVisible(), true);
    assert.equal(await hide.isVisible(), false);
    const marker = await panel.locator(".ls-marker").evaluate((e) => getComputedStyle(e, "::before").content);
    assert.equal(marker, '"▸"');
    await app.click(panel.locator("summary"));
    await app.eventually(async () => assert.equal(await hide.isVisible(), true));
    assert.equal(await show.isVisible(), false);
    assert.equal(await panel.locator(".ls-marker").evaluate((e) => getComputedStyle(e, "::before").content), '"▾"');
  });
});
