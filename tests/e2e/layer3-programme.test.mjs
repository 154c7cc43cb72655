// Behaviour: the consultant adds a PR activity to the promotion programme of a channel; it
// shows in the list, in the budget totals and on the PR plan's month grid; marking it done
// moves its budget from «запланировано» to «проведено».

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain, plain } from "./lib/l2.mjs";

appTest("layer 3 programme: add a PR activity, PR plan, mark done, budget totals", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/programme");
  const total = app.by("l3-prog-total");
  const cells = async (row) =>
    app.guard(row.locator("td").evaluateAll((tds) => tds.map((td) => td.textContent.replace(/\s+/g, " ").trim())));

  await t.test("demo totals: 7 activities, 4 done, 4 PR, budget 2 100", async () => {
    await app.eventually(async () =>
      assert.deepEqual(await cells(total), ["7", "4", "4", "2 100", "1 650", "450", "1 650"]),
    );
  });

  await t.test("a new PR webinar for K01 appears in the list and the totals", async () => {
    await app.guard(app.by("l3-activity-kind").selectOption({ label: "вебинар" }));
    await app.guard(app.by("l3-activity-title").fill("Вебинар: ТЭО насосной станции"));
    await app.guard(app.by("l3-activity-date").fill("15.04.2025"));
    await app.guard(app.by("l3-activity-manager").selectOption({ label: "Петрова Мария" }));
    await app.guard(app.by("l3-activity-budget").fill("200"));
    await app.guard(app.by("l3-target-K01").check());
    await app.guard(app.by("l3-activity-pr").check());
    await app.click(app.by("l3-activity-save"));
    await expectPlain(app, app.by("l3-activity-2"), "15.04.2025 вебинар Вебинар: ТЭО насосной станции K01 Петрова Мария 200");
    await app.eventually(async () =>
      assert.deepEqual(await cells(total), ["8", "4", "5", "2 300", "1 650", "650", "1 850"]),
    );
    await expectPlain(app, app.by("l3-prog-months"), "Мероприятий 0 1 1 1 1 0");
  });

  await t.test("a bad date is reported", async () => {
    await app.guard(app.by("l3-activity-title").fill("Рассылка"));
    await app.guard(app.by("l3-activity-date").fill("31.02.2025"));
    await app.click(app.by("l3-activity-save"));
    await app.expectText(app.by("l3-activity-error"), "Дата не распознана");
  });

  await t.test("the PR plan shows it in April, planned", async () => {
    await app.route("#/l3/pr");
    await app.expectText(app.by("l3-pr-0-4"), "○ 15.04 Вебинар: ТЭО насосной станции");
    await expectPlain(app, app.by("l3-pr-summary"), "PR-мероприятий: 5, проведено 1");
  });

  await t.test("the PR plan downloads as a standalone HTML file", async () => {
    const { fileName, text } = await app.download(app.by("l3-pr-export"));
    assert.equal(fileName, "plan-pr-2025.html");
    assert.match(text, /План PR-мероприятий на 2025 год/);
    assert.match(text, /Вебинар: ТЭО насосной станции/);
    assert.match(text, /\.l3-pr-grid \{/, "the grid's style travels with the file");
    assert.doesNotMatch(text, /<script/);
  });

  await t.test("marking it done moves its budget and ticks it on the PR plan", async () => {
    await app.route("#/l3/programme");
    await app.guard(app.by("l3-activity-done-2").check());
    await app.eventually(async () =>
      assert.deepEqual(await cells(total), ["8", "5", "5", "2 300", "1 850", "450", "1 850"]),
    );
    await app.route("#/l3/pr");
    await app.expectText(app.by("l3-pr-0-4"), "✓ 15.04 Вебинар: ТЭО насосной станции");
    assert.match(await plain(app.by("l3-pr-summary")), /проведено 2/);
  });
});
