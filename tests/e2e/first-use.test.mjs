// Behaviour: a new, empty project tells the consultant where to start. The method map and the
// dashboard show the layer-1 tasks as a checklist with links, ticked from the project data;
// charts without data say why and link to the action that gives them data instead of drawing
// zero bars; layer 4's deal tools without deals say so. In the demo, the deal picker of
// «Сделка» groups the 25 deals by manager and is searchable.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("first use: checklist, empty states, grouped deal picker", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/deal");

  await t.test("the demo's deal picker is grouped by manager and searchable", async () => {
    const picker = app.by("l4-deal-picker");
    await app.guard(picker.waitFor({ state: "visible" }));
    assert.equal(await picker.isDisabled(), false, "choosing a deal works on a locked layer");
    const groups = await picker.locator("optgroup").evaluateAll((gs) => gs.map((g) => g.label));
    assert.ok(groups.length >= 2, groups.join(" | "));
    assert.ok(groups.every((g) => /^M\d/.test(g) || g === "Без менеджера"), groups.join(" | "));
    assert.equal(await picker.locator("optgroup option").count(), 25);
    await app.expectText(app.by("l4-deal-count"), "Показано сделок: 25 из 25");
    await app.guard(app.by("l4-deal-search").fill("d01"));
    await app.eventually(async () => {
      const shown = await picker.locator("optgroup option").allTextContents();
      assert.ok(shown.length >= 1 && shown.length < 25, shown.join(" | "));
      assert.ok(shown.every((s) => s.toLowerCase().includes("d01")), shown.join(" | "));
    });
    await app.guard(app.by("l4-deal-search").fill("нет такой сделки"));
    await app.expectText(app.by("l4-deal-count"), "Показано сделок: 0 из 25");
  });

  await app.route("#/projects");
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("Новый проект");

  await t.test("the method map shows the layer-1 path, nothing done", async () => {
    await app.route("#/method");
    const steps = app.by("first-use").getByTestId("first-step");
    await app.expectCount(steps, 7);
    assert.deepEqual(await steps.evaluateAll((s) => s.map((x) => x.dataset.done)), Array(7).fill("false"));
    assert.match(await steps.first().locator("a").getAttribute("href"), /#\/l1\/clients/);
    await app.expectText(steps.first(), "следующий шаг");
    await app.expectText(app.by("first-use"), "Новый проект");
  });

  await t.test("a step is ticked from the data", async () => {
    await app.route("#/l1/goals");
    const plan = app.by("company-plan");
    await app.guard(plan.fill("120 000"));
    await app.guard(plan.press("Tab"));
    await app.route("#/method");
    const goals = app.by("first-use").getByTestId("first-step").nth(4);
    await app.expectText(goals, "план продаж компании");
    await app.eventually(async () => assert.equal(await goals.getAttribute("data-done"), "true"));
    const done = await app.by("first-use").getByTestId("first-step").evaluateAll((s) => s.map((x) => x.dataset.done));
    assert.deepEqual(done, ["false", "false", "false", "false", "true", "false", "false"]);
    // The next step is still the first one not done.
    await app.expectText(app.by("first-use").getByTestId("first-step").first(), "следующий шаг");
  });

  await t.test("charts without data name the next action", async () => {
    await app.route("#/dashboard");
    await app.expectCount(app.by("first-use"), 1);
    await app.expectText(app.by("dash-funnel-empty"), "в проекте нет сделок");
    assert.match(await app.by("dash-funnel-empty-action").getAttribute("href"), /#\/data/);
    assert.equal(await app.by("dash-funnel").count(), 0, "no zero-bar chart");
    await app.route("#/l1/abc");
    await app.expectText(app.by("pareto-chart-empty"), "нет клиентов");
    assert.match(await app.by("pareto-chart-empty-action").getAttribute("href"), /#\/l1\/clients/);
    assert.equal(await app.by("pareto-chart").count(), 0);
    await app.route("#/l2/funnel");
    await app.expectText(app.by("funnel-chart-empty"), "нет сделок");
    assert.equal(await app.by("funnel-chart").count(), 0);
    await app.route("#/l4/deal");
    await app.expectText(app.by("l4-no-deals"), "В проекте нет сделок");
    assert.match(await app.by("l4-no-deals-action").getAttribute("href"), /#\/data/);
  });
});
