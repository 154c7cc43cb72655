// Behaviour: the glossary screen explains the method's terms (ЛВР, ЛФР, ЛПР, ТФС, КП, ТЭО …) in
// Russian and, with a gloss of the Russian acronym, in English; it is reachable from the
// navigation. Where a term stands in a heading, its explanation shows on hover and on keyboard
// focus, is read as the button's description, and Escape hides it.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, exactly } from "./lib/app.mjs";

appTest("the glossary explains the terms; a term in a heading explains itself on hover and focus", async (session) => {
  const app = await Sloy.open(session, "#/method");
  await app.expectCurrentProject(DEMO_NAME);

  // From the navigation.
  await app.click(app.page.locator("nav").getByRole("link", { name: "Словарь терминов" }));
  await app.guard(app.by("glossary-page").waitFor({ state: "visible", timeout: 15_000 }));
  await app.expectText(app.by("glossary-page").locator("h1"), exactly("Словарь терминов"));
  for (const [anchor, name, gloss] of [
    ["term-lvr", "ЛВР", "лицо, влияющее на решение"],
    ["term-lfr", "ЛФР", "лицо, формирующее решение"],
    ["term-lpr", "ЛПР", "лицо, принимающее решение"],
    ["term-tfs", "ТФС", "технология формирования спроса"],
    ["term-kp", "КП", "коммерческое предложение"],
    ["term-teo", "ТЭО", "технико-экономическое обоснование"],
  ]) {
    await app.expectText(app.by(anchor).locator("dt"), `${name} (${gloss}`);
  }
  await app.expectText(app.by("term-lpr").locator("dd"), "Адресат ТЭО");

  // English: the Russian acronym with its gloss.
  await app.click(app.by("lang-switch"));
  await app.expectText(app.by("glossary-page").locator("h1"), exactly("Glossary"));
  await app.expectText(app.by("term-lpr").locator("dt"), "ЛПР (decision maker)");
  await app.expectText(app.by("term-teo").locator("dt"), "ТЭО (business case");
  await app.click(app.by("lang-switch"));

  // A term in a heading: hidden until hovered or focused, then read as the description.
  await app.route("#/l4/metrics");
  const term = app.by("m21").locator("h2 .term-name");
  const tip = app.by("m21").locator("[role=tooltip]");
  await app.guard(term.waitFor({ state: "visible", timeout: 15_000 }));
  assert.equal(await tip.isVisible(), false, "the explanation is hidden at first");
  assert.doesNotMatch((await app.by("m21").locator("h2").textContent()) ?? "", /не меньше трёх/);

  await app.guard(term.focus());
  await app.expectText(tip, "не меньше трёх подтверждённых потребностей ЛФР");
  assert.equal(await tip.isVisible(), true, "the explanation shows on keyboard focus");
  const described = await term.getAttribute("aria-describedby");
  assert.equal(await tip.getAttribute("id"), described, "the button is described by the explanation");
  await app.page.keyboard.press("Escape");
  await app.eventually(async () => assert.equal(await tip.isVisible(), false, "Escape hides it"));

  await app.guard(term.hover());
  await app.eventually(async () => assert.equal(await tip.isVisible(), true, "the explanation shows on hover"));
  await app.guard(app.page.mouse.move(0, 0));
  await app.eventually(async () => assert.equal(await tip.isVisible(), false, "and goes with the pointer"));
});
