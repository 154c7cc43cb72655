// Behaviour: on the ABC tab the consultant picks the revenue year, sees each client's revenue
// and deal figures and how well A clients are worked; a category set by hand in the client
// base is marked as such and can be returned to «авто». Importing a file that matches clients
// already in the project names them, with the changes, before anything is written.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const NBSP = "\u00a0";

appTest("layer 1 ABC: year, per-client figures, elaboration, hand-set category, import preview", async (session, t) => {
  const app = await Sloy.open(session, "#/l1/abc");

  await t.test("year, per-client figures and A elaboration", async () => {
    await app.expectText(app.by("abc-year"), "базовый год (2024)");
    await app.expectText(app.by("abc-summary").locator("thead"), "Выручка 2024 г.");
    await app.expectText(app.by("abc-tie-rule"), `Суммы — в тыс.${NBSP}₽`);
    const k01 = app.by("abc-row").first();
    await app.expectText(k01, "K01");
    await app.expectText(k01, `150${NBSP}000`);
    await app.expectText(app.by("abc-elaboration"), /ЛПР/);
    // The demo has revenue for 2024 only; the list offers the base year and 2024.
    const years = await app.by("abc-year").locator("option").allTextContents();
    assert.deepEqual(years, ["базовый год (2024)", "2024"]);
  });

  await t.test("a hand-set category is marked and can go back to auto", async () => {
    await app.route("#/l1/clients");
    await app.by("client-filter").fill("K40");
    await app.expectCount(app.by("client-row"), 1);
    await app.expectText(app.by("client-category").locator("option").first(), "авто: C");
    await app.guard(app.by("client-category").selectOption("A"));
    await app.route("#/l1/abc");
    await app.expectText(app.by("abc-sum-A").locator("td").nth(1), /^10$/);
    await app.route("#/l1/clients");
    await app.by("client-filter").fill("K40");
    await app.expectCount(app.by("client-row"), 1);
    assert.equal(await app.by("client-category").inputValue(), "A");
    await app.guard(app.by("client-category").selectOption(""));
    await app.route("#/l1/abc");
    await app.expectText(app.by("abc-sum-A").locator("td").nth(1), /^9$/);
  });

  await t.test("an import that updates clients says which, before writing", async () => {
    await app.route("#/l1/clients");
    await app.click(app.by("import-clients"));
    const dialog = app.by("import-clients-dialog");
    await app.guard(dialog.waitFor({ state: "visible" }));
    await app.guard(
      dialog.locator("[data-testid=import-file]").setInputFiles({
        name: "update.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("Код;Клиент;Выручка;Регион\nK01;Дубль кода;777;урал\nK99;Новый клиент;5;Камчатка\n"),
      }),
    );
    await app.expectText(app.by("import-unit"), `тыс.${NBSP}₽`);
    await app.expectText(app.by("import-updates"), "Изменятся клиенты, уже внесённые в проект: 1");
    await app.expectText(app.by("import-updates"), "строка 2: K01 ГОК «Малахит»: имя: ГОК «Малахит» → Дубль кода");
    await app.expectText(app.by("import-updates"), `выручка: 150${NBSP}000 тыс.${NBSP}₽ → 777 тыс.${NBSP}₽`);
    // «урал» is the list's «Урал»; «Камчатка» would be new.
    await app.expectText(app.by("import-additions"), "Будут добавлены в справочники (1): Регион: Камчатка.");
    // Adding as new changes nobody.
    await app.click(app.by("import-mode-add"));
    await app.expectCount(app.by("import-updates"), 0);
    await app.click(app.by("import-close"));
    await app.route("#/l1/dims");
    await app.expectCount(app.by("dims-region").getByTestId("dim-row"), 4);
    await app.route("#/l1/clients");
    await app.by("client-filter").fill("Малахит");
    await app.expectCount(app.by("client-row"), 1);
  });
});
