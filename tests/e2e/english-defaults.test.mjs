// Behaviour: in English a new project starts with English stage names, question lists, LFR
// briefing, KP and TEO templates and layer-5 checklists — no Cyrillic in the text the app wrote
// on those screens; the app is Russian-first on any browser, and in English the demo offered on
// «Projects» is the English demo, whose dashboard and scoreboard carry English names and no
// Cyrillic.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

/** The lines of `root`'s text, field values and options that contain Cyrillic. */
async function cyrillic(app, selector = "main") {
  return app.page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const bits = [root.innerText];
    for (const el of root.querySelectorAll("input, textarea")) bits.push(el.value ?? "");
    for (const el of root.querySelectorAll("option")) bits.push(el.textContent ?? "");
    return bits
      .join("\n")
      .split("\n")
      .filter((l) => /[\u0400-\u04FF]/.test(l));
  }, selector);
}

async function expectNoCyrillic(app, where, selector = "main") {
  await app.eventually(async () => assert.deepEqual(await cyrillic(app, selector), [], where));
}

appTest("a project created in English has English defaults", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.click(app.by("lang-switch"));
  await app.expectText(app.by("lang-switch"), "RU");
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("New project");

  await t.test("layer 2: stage names, exit criteria", async () => {
    await app.route("#/l2/stages");
    const name = app.by("stage-name-1");
    await app.guard(name.waitFor({ state: "visible" }));
    await app.eventually(async () => assert.equal(await name.inputValue(), "Needs of the LFR"));
    await expectNoCyrillic(app, "stages");
  });

  await t.test("layer 4: questions, briefing, templates", async () => {
    await app.route("#/l4/questions");
    await app.guard(app.by("l4-questions-tab").waitFor({ state: "visible" }));
    await expectNoCyrillic(app, "questions");
    await app.route("#/l4/briefing");
    const items = app.by("l4-briefing-item");
    await app.eventually(async () => assert.equal(await items.count(), 14));
    assert.equal(
      await items.first().locator("input").first().inputValue(),
      "Power consumption of the equipment over 12 months",
    );
    await expectNoCyrillic(app, "briefing");
    const tpl = app.by("l4-template");
    await app.route("#/l4/docs?doc=kp");
    await app.guard(tpl.waitFor({ state: "visible" }));
    await app.eventually(async () => assert.match(await tpl.inputValue(), /^COMMERCIAL OFFER \(KP\) No\. \{number\}/));
    await expectNoCyrillic(app, "KP template");
    await app.route("#/l4/docs?doc=teo");
    await app.eventually(async () => assert.match(await tpl.inputValue(), /^FEASIBILITY STUDY \(TEO\)/));
    await expectNoCyrillic(app, "TEO template");
  });

  await t.test("layer 5: checklists, shown as the default", async () => {
    await app.route("#/l5/checklists");
    await app.guard(app.by("l5-checklists").waitFor({ state: "visible" }));
    await app.eventually(async () => {
      const values = await app.by("l5-checklists").locator("input, textarea").evaluateAll((els) => els.map((e) => e.value));
      assert.ok(values.some((v) => v.startsWith("Come with a reason that is useful to the client")), values.join(" | "));
    });
    assert.equal(await app.by("l5-reset").count(), 0, "the English default is not an edit");
    await expectNoCyrillic(app, "checklists");
  });
});

appTest("in English, the demo on «Projects» is the English demo; the app stays Russian-first", async (session) => {
  // Whatever the browser's language, a first visit opens in Russian on the Russian demo.
  await session.page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "language", { get: () => "en-US" });
  });
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject("Демо: ГидроТеплоМаш");
  await app.expectText(app.by("lang-switch"), "EN");
  await app.click(app.by("lang-switch"));
  await app.expectText(app.by("lang-switch"), "RU");
  await app.click(app.by("new-demo"));
  await app.expectCurrentProject("Demo: HydroTherm Machinery");
  await app.route("#/dashboard");
  await app.guard(app.by("dash-plan").waitFor({ state: "visible" }));
  await app.expectText(app.by("dash-manager-row").nth(1), "Maria Petrova");
  await expectNoCyrillic(app, "dashboard", "body");

  await app.route("#/l2/board");
  await app.guard(app.by("l2-board").waitFor({ state: "visible" }));
  await app.expectText(app.by("l2-board"), "Elena Kuznetsova");
  await expectNoCyrillic(app, "scoreboard", "body");
  assert.equal(await app.getItem("sloy.prefs").then((s) => s && JSON.parse(s).lang), "en");
});
