// Behaviour: the consultant adds a deal, moves it through the ТФС stages with back-dated
// dates, marks it lost at 2.2 with a reason; the funnel counts it up to 2.2 and a reload keeps
// it. A bad date gets a Russian message instead of being dropped.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { commit, expectPlain, plain, reached, selectByPrefix } from "./lib/l2.mjs";

appTest("layer 2 deals: create, move with dates, lose at 2.2, funnel counts it, reload keeps it", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/deals");
  await app.guard(app.by("deals-table").waitFor({ state: "visible" }));

  await t.test("the list shows the demo deals, paged and filtered", async () => {
    await expectPlain(app, app.by("deals-shown"), "25 из 25");
    await app.guard(app.by("deal-status-filter").selectOption("lost"));
    await expectPlain(app, app.by("deals-shown"), "2 из 2");
    await expectPlain(app, app.by("deal-status-D20"), "проиграна (Нет бюджета)");
    await app.guard(app.by("deal-status-filter").selectOption(""));
    await expectPlain(app, app.by("deals-shown"), "25 из 25");
  });

  await t.test("status, sort and search are in the URL: a reload keeps them", async () => {
    await app.guard(app.by("deal-status-filter").selectOption("lost"));
    await app.guard(app.by("deal-sort").selectOption("amount"));
    await app.guard(app.by("deal-search").fill("D20"));
    await app.guard(app.by("deal-search").press("Enter"));
    await expectPlain(app, app.by("deals-shown"), "1 из 1");
    await app.eventually(async () =>
      assert.equal(await app.page.evaluate(() => location.hash), "#/l2/deals?status=lost&sort=amount&q=D20"),
    );
    await app.reload();
    await expectPlain(app, app.by("deals-shown"), "1 из 1");
    assert.equal(await app.by("deal-status-filter").inputValue(), "lost");
    assert.equal(await app.by("deal-sort").inputValue(), "amount");
    assert.equal(await app.by("deal-search").inputValue(), "D20");
    await app.route("#/l2/deals");
    await expectPlain(app, app.by("deals-shown"), "25 из 25");
    assert.equal(await app.by("deal-search").inputValue(), "");
  });

  await t.test("a new deal is created at stage 1 and edited", async () => {
    await app.click(app.by("add-deal"));
    await app.guard(app.by("deal-editor").waitFor({ state: "visible" }));
    await expectPlain(app, app.by("deal-heading"), "D26");
    await expectPlain(app, app.by("deal-current-stage"), "1 Привлечение внимания");
    await commit(app, app.by("deal-title"), "Насосы градирни");
    await expectPlain(app, app.by("deal-heading"), "Насосы градирни");
    await commit(app, app.by("deal-amount"), "1 500");
    await commit(app, app.by("deal-created"), "03.02.2025");
    await commit(app, app.by("history-date-0"), "03.02.2025");
    assert.equal(await app.by("history-date-0").inputValue(), "03.02.2025");
    await app.expectCount(app.page.locator("[data-testid=deal-history] + .warning"), 0);
  });

  await t.test("a bad date gets a message", async () => {
    await commit(app, app.by("move-date"), "31.02.2025");
    await selectByPrefix(app, app.by("move-stage"), "2.1 ");
    await app.click(app.by("move-btn"));
    await expectPlain(app, app.by("deal-error"), "Неверная дата");
    await expectPlain(app, app.by("deal-current-stage"), "1 Привлечение внимания");
  });

  await t.test("moves through stages with dates, then lost at 2.2 with a reason", async () => {
    await commit(app, app.by("move-date"), "10.02.2025");
    await selectByPrefix(app, app.by("move-stage"), "2.1 ");
    await app.click(app.by("move-btn"));
    await expectPlain(app, app.by("deal-current-stage"), "2.1 ");
    await commit(app, app.by("move-date"), "03.03.2025");
    await selectByPrefix(app, app.by("move-stage"), "2.2 ");
    await app.click(app.by("move-btn"));
    await expectPlain(app, app.by("deal-current-stage"), "2.2 ");
    assert.equal(await app.by("history-date-1").inputValue(), "10.02.2025");
    assert.equal(await app.by("history-date-2").inputValue(), "03.03.2025");
    // Back-entry: the 2.1 date is corrected.
    await commit(app, app.by("history-date-1"), "12.02.2025");
    assert.equal(await app.by("history-date-1").inputValue(), "12.02.2025");
    // Lost without a reason is refused, with one it is kept.
    await commit(app, app.by("move-date"), "20.03.2025");
    await app.click(app.by("mark-lost"));
    await expectPlain(app, app.by("deal-error"), "Укажите причину");
    await app.guard(app.by("lost-reason").fill("Выбрали конкурента"));
    await app.click(app.by("mark-lost"));
    await expectPlain(app, app.by("deal-status"), "проиграна");
    await expectPlain(app, app.by("deal-current-stage"), "2.2 ");
    await expectPlain(app, app.by("deal-editor"), "Причина: Выбрали конкурента");
    await app.expectSaveState("Сохранено");
  });

  await t.test("the funnel counts it up to 2.2, and a reload keeps it", async () => {
    await app.route("#/l2/funnel");
    await expectPlain(app, app.by("reached-1"), "26");
    assert.deepEqual(await reached(app, ["1", "2.1", "2.2", "2.3"]), [26, 20, 16, 11]);
    await app.reload();
    await app.guard(app.by("funnel-table").waitFor({ state: "visible" }));
    await expectPlain(app, app.by("reached-1"), "26");
    assert.deepEqual(await reached(app, ["1", "2.1", "2.2", "2.3"]), [26, 20, 16, 11]);
    await app.route("#/l2/deals");
    await expectPlain(app, app.by("deal-status-D26"), "проиграна (Выбрали конкурента)");
    // The stage by its name, the code as a prefix.
    assert.equal(await plain(app.by("deal-stage-D26")), "2.2 Выявление и формирование критериев принятия решения ЛФР и ЛПР");
  });

  await t.test("deleting the deal asks first", async () => {
    await app.click(app.by("deal-row-D26").locator("a"));
    const message = await app.clickAndConfirm(app.by("delete-deal"));
    assert.match(message, /Удалить сделку «D26 — Насосы градирни»/);
    await app.guard(app.by("deals-table").waitFor({ state: "visible" }));
    await expectPlain(app, app.by("deals-shown"), "25 из 25");
  });
});
