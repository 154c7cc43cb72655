// Behaviour: the interface is Russian by default, switches to English with «EN» and back, and
// keeps the choice across visits; money is written the Russian way (no-break space between
// digit groups) in Russian and the English way in English.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, NBSP, Sloy, exactly } from "./lib/app.mjs";

appTest("switching the language, kept across a reload; money formatted per language", async (session) => {
  const app = await Sloy.open(session, "#/data");
  await app.expectCurrentProject(DEMO_NAME);
  const nav = app.page.locator("nav");
  const revenueOfK01 = app
    .by("clients-table")
    .locator("tbody tr")
    .filter({ has: app.page.locator("td", { hasText: exactly("K01") }) })
    .locator("td.num");

  // Russian by default.
  await app.expectText(nav, "Карта метода");
  await app.expectText(app.by("lang-switch"), exactly("EN"));
  assert.equal(await app.page.getAttribute("html", "lang"), "ru");
  await app.expectText(app.by("data-page").locator("h1"), exactly("Данные проекта"));
  await app.expectText(revenueOfK01, exactly(`150${NBSP}000`));
  await app.expectText(app.by("clients-table").locator("thead"), /Выручка 2024, тыс\.\s₽/);

  // English.
  await app.click(app.by("lang-switch"));
  await app.expectText(nav, "Method map");
  await app.expectText(app.by("data-page").locator("h1"), exactly("Project data"));
  await app.expectText(app.by("lang-switch"), exactly("RU"));
  await app.expectText(revenueOfK01, exactly("150,000"));
  await app.eventually(async () => assert.equal(await app.page.getAttribute("html", "lang"), "en"));
  await app.expectSaveState("Saved");
  assert.equal(JSON.parse(await app.getItem("sloy.prefs")).lang, "en");

  // Kept after a reload, on every screen.
  await app.reload();
  await app.expectText(nav, "Method map");
  await app.expectText(revenueOfK01, exactly("150,000"));
  await app.route("#/method");
  await app.expectText(app.by("method-page").locator("h1"), exactly("Method map"));
  await app.route("#/projects");
  await app.expectText(app.by("projects-page").locator("h1"), exactly("Projects"));
  await app.expectText(app.by("new-empty"), "New empty project");

  // And back to Russian, also kept.
  await app.click(app.by("lang-switch"));
  await app.expectText(nav, "Карта метода");
  await app.expectText(app.by("projects-page").locator("h1"), exactly("Проекты"));
  await app.reload();
  await app.expectText(nav, "Карта метода");
  assert.equal(await app.page.getAttribute("html", "lang"), "ru");
  await app.route("#/data");
  await app.expectText(revenueOfK01, exactly(`150${NBSP}000`));
});
