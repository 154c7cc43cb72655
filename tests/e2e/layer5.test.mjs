// Behaviour: on layer 5 the consultant reads the default checklist of ТФС stage 2.1, edits a
// point (kept after a reload) and returns the stage to its default; in the coaching log a new
// note is added, and the per-manager and per-stage filters (in the URL) show it and hide others.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const optionValue = (select, prefix) =>
  select.locator("option").evaluateAll(
    (os, p) => os.find((o) => o.textContent.trim().startsWith(p))?.value,
    prefix,
  );

appTest("layer 5: stage checklists are edited and reset; coaching notes filter by manager and stage", async (session, t) => {
  const app = await Sloy.open(session, "#/l5/checklists");
  await app.guard(app.by("l5-page").waitFor({ state: "visible" }));
  const picker = app.by("l5-stage-picker");
  const s21 = await optionValue(picker, "2.1 ");
  assert.ok(s21, "stage 2.1 is in the picker");
  const point0 = app.by("l5-point-behaviours-0");

  await t.test("the layer-status panel says layer 5 is locked in the demo and why", async () => {
    await app.expectText(app.by("layer-status-5-access"), "Заблокирован");
    // The demo has layers 1–2 done and is implementing layer 3.
    await app.expectText(app.by("layer-status-5-access"), "слой 3");
    await app.click(app.by("layer-status-5").locator("summary"));
    await app.expectText(app.by("layer-status-5-locked"), "Открыть досрочно можно на карте метода");
    await app.expectText(app.by("ls-item-l5.r.coaching"), "✓ выполнено");
    // Read-only until started early.
    await app.eventually(async () => assert.equal(await point0.isDisabled(), true, "a locked layer is read-only"));
    await app.openEarly(5);
    await app.eventually(async () => assert.equal(await point0.isDisabled(), false));
  });

  await t.test("stage 2.1 shows its default content", async () => {
    await app.guard(picker.selectOption(s21));
    await app.expectText(app.by("l5-stage-title"), "2.1 Выявление потребностей ЛФР");
    await app.expectText(app.by("l5-source"), "по умолчанию");
    await app.eventually(async () => assert.match(await point0.inputValue(), /SPIN/));
    const mistakes = await app.by("l5-list-mistakes").locator("[data-testid^='l5-point-']").evaluateAll((els) => els.map((e) => e.value));
    assert.ok(mistakes.some((m) => m.includes("Презентовать продукт раньше")), mistakes.join(" | "));
    for (const list of ["behaviours", "mistakes", "say", "avoid"]) {
      assert.ok((await app.by(`l5-list-${list}`).locator("[data-testid^='l5-point-']").count()) >= 3, list);
    }
  });

  const edited = "Выявлять не менее трёх потребностей ЛФР до любой презентации";
  await t.test("an edited point is kept after a reload", async () => {
    await app.guard(point0.fill(edited));
    await app.guard(point0.press("Tab"));
    await app.expectText(app.by("l5-source"), "Изменено для проекта");
    await app.guard(app.by("l5-new-say").fill("«Что будет, если ничего не менять?»"));
    await app.click(app.by("l5-add-say"));
    await app.expectSaveState("Сохранено");
    await app.reload();
    await app.guard(app.by("l5-stage-title").waitFor({ state: "visible" }));
    await app.expectText(app.by("l5-stage-title"), "2.1");
    await app.eventually(async () => assert.equal(await app.by("l5-point-behaviours-0").inputValue(), edited));
    const say = await app.by("l5-list-say").locator("[data-testid^='l5-point-']").evaluateAll((els) => els.map((e) => e.value));
    assert.equal(say.at(-1), "«Что будет, если ничего не менять?»");
  });

  await t.test("«вернуть по умолчанию» restores the default", async () => {
    const message = await app.clickAndConfirm(app.by("l5-reset"));
    assert.match(message, /2\.1/);
    await app.expectText(app.by("l5-source"), "по умолчанию");
    await app.eventually(async () => assert.match(await app.by("l5-point-behaviours-0").inputValue(), /SPIN/));
    await app.expectCount(app.by("l5-reset"), 0);
  });

  await t.test("a coaching note is added and the filters show it and hide the others", async () => {
    await app.route("#/l5/coaching");
    const notes = app.by("l5-note");
    await app.expectCount(notes, 3);
    await app.click(app.by("l5-new-note"));
    const form = app.by("l5-note-form");
    await app.guard(form.waitFor({ state: "visible" }));
    // Choosing a deal fills its manager and its current stage: D15 is M1's, at 2.1.
    const d15 = await optionValue(app.by("l5-f-deal"), "D15");
    await app.guard(app.by("l5-f-deal").selectOption(d15));
    await app.eventually(async () => assert.equal(await app.by("l5-f-stage").inputValue(), s21));
    const m1 = await app.by("l5-f-manager").inputValue();
    assert.ok(m1, "the deal's manager is chosen");
    // A bad date is refused with a message next to it.
    await app.guard(app.by("l5-f-date").fill("31.02.2025"));
    await app.guard(app.by("l5-f-date").press("Tab"));
    await app.click(app.by("l5-save"));
    await app.expectText(form.getByRole("alert"), "Дата не распознана");
    await app.guard(app.by("l5-f-date").fill("28.03.2025"));
    await app.guard(app.by("l5-f-date").press("Tab"));
    await app.guard(app.by("l5-f-observations").fill("Менеджер перебивает ЛФР и сразу показывает каталог"));
    await app.guard(app.by("l5-f-observations").press("Tab"));
    await app.guard(app.by("l5-f-follow-up").fill("30.03.2025"));
    await app.guard(app.by("l5-f-follow-up").press("Tab"));
    await app.click(app.by("l5-save"));
    await app.expectCount(form, 0);
    await app.expectCount(notes, 4);
    const mine = notes.filter({ hasText: "перебивает ЛФР" });
    await app.expectText(mine.getByTestId("l5-note-follow"), "контроль просрочен (30.03.2025)");

    // Per manager: only M1's notes (the demo has none for M1).
    await app.guard(app.by("l5-filter-manager").selectOption(m1));
    await app.eventually(async () => assert.match(app.page.url(), new RegExp(`manager=${m1}`)));
    await app.expectCount(notes, 1);
    await app.expectText(notes.first(), "перебивает ЛФР");
    // Back to all managers, then per stage 2.1: the new note and the demo's D07 note.
    await app.route(`#/l5/coaching?stage=${s21}`);
    await app.expectCount(notes, 2);
    const stages = await notes.getByTestId("l5-note-stage").allTextContents();
    assert.ok(stages.every((s) => s.startsWith("2.1 ")), stages.join(" | "));
    assert.equal(await notes.filter({ hasText: "перебивает ЛФР" }).count(), 1);
    // Stage 2.3: the new note is hidden.
    const s23 = await optionValue(app.by("l5-filter-stage"), "2.3 ");
    await app.guard(app.by("l5-filter-stage").selectOption(s23));
    await app.expectCount(notes, 1);
    assert.equal(await notes.filter({ hasText: "перебивает ЛФР" }).count(), 0);
  });

  await t.test("a note is deleted after confirmation", async () => {
    await app.route("#/l5/coaching");
    const notes = app.by("l5-note");
    await app.expectCount(notes, 4);
    const mine = notes.filter({ hasText: "перебивает ЛФР" });
    const message = await app.clickAndConfirm(mine.getByTestId("l5-note-delete"));
    assert.match(message, /28\.03\.2025/);
    await app.expectCount(notes, 3);
  });
});
