// Behaviour: on the demo project the funnel on the ТФС stages shows how many deals reached each
// stage (docs/METHOD.md §6.4), the conversions between stages against their targets with the failing
// steps marked, and switches between counts and money; its filters stay in the URL.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain, plain, reached } from "./lib/l2.mjs";

const CODES = ["1", "2.1", "2.2", "2.3", "3", "4", "5", "6", "7", "8"];

appTest("layer 2 funnel: demo reached counts, conversions, failing steps, count/money", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/funnel");
  await app.guard(app.by("l2-funnel-tab").waitFor({ state: "visible" }));

  await t.test("reached counts of docs/METHOD.md §6.4", async () => {
    await expectPlain(app, app.by("reached-1"), "25");
    assert.deepEqual(await reached(app, CODES), [25, 19, 15, 11, 9, 7, 6, 5, 3, 2]);
    await expectPlain(app, app.by("funnel-overall"), "8 %");
  });

  await t.test("conversions 76 / 79 / 73 % and failing steps marked", async () => {
    assert.equal(await plain(app.by("pct-prev-2.1")), "76 %");
    assert.equal(await plain(app.by("pct-prev-2.2")), "79 %");
    assert.equal(await plain(app.by("pct-prev-2.3")), "73 %");
    assert.match(await plain(app.by("flag-2.1")), /цель достигнута/);
    // 6 → 7 is 60 % against 70 %: below the target, on the row and as text.
    assert.match(await plain(app.by("flag-7")), /▼ ниже цели/);
    assert.match(await app.by("funnel-row-7").getAttribute("class"), /l2-below/);
    assert.doesNotMatch((await app.by("funnel-row-2.1").getAttribute("class")) ?? "", /l2-below/);
  });

  await t.test("count/money toggle changes the bars", async () => {
    const bars = app.by("funnel-bars");
    await expectPlain(app, bars, "1 Привлечение внимания, получение лида: 25 (100 %)");
    await app.click(app.by("show-money"));
    assert.equal(await app.by("show-money").getAttribute("aria-pressed"), "true");
    await expectPlain(app, bars, "1 Привлечение внимания, получение лида: 336 850 тыс. ₽ (100 %)");
    await expectPlain(app, bars, "2.1 Выявление потребностей ЛФР: 294 050 тыс. ₽ (87 % · 87 %)");
    await app.click(app.by("show-count"));
    await expectPlain(app, bars, "2.1 Выявление потребностей ЛФР: 19 (76 % · 76 %)");
    assert.equal(await app.by("funnel-chart").locator("canvas").count(), 1);
  });

  await t.test("metrics: leads vs needed, snapshot and pipeline A", async () => {
    await app.route("#/l2/metrics");
    await expectPlain(app, app.by("metrics-period"), "1 кв. 2025");
    await expectPlain(app, app.by("leads-total"), "14");
    await expectPlain(app, app.by("leads-A"), "A 5 16 31 %");
    await expectPlain(app, app.by("snap-6-7"), "60 % 70 % ▼ ниже цели");
    await expectPlain(app, app.by("pipeline-A"), "A 10 273 000 тыс. ₽");
    await expectPlain(app, app.by("coverage"), "752 000");
  });

  await t.test("a filter is in the URL: a reload keeps it", async () => {
    await app.route("#/l2/funnel");
    await expectPlain(app, app.by("reached-1"), "25");
    await app.guard(app.by("filter-category").selectOption("A"));
    await app.eventually(async () => assert.notEqual(await plain(app.by("reached-1")), "25"));
    const filtered = await plain(app.by("reached-1"));
    const period = (await app.by("filter-period").locator("option").nth(2).getAttribute("value")) ?? "";
    await app.guard(app.by("filter-period").selectOption(period));
    const hash = await app.page.evaluate(() => location.hash);
    assert.equal(hash, `#/l2/funnel?cat=A&period=${period}`);
    const both = await plain(app.by("reached-1"));
    await app.reload();
    await expectPlain(app, app.by("reached-1"), both);
    assert.equal(await app.by("filter-category").inputValue(), "A");
    assert.equal(await app.by("filter-period").inputValue(), period);
    // The same link in a fresh load (as shared) shows the same figures; back drops the period.
    await app.goto(hash);
    await expectPlain(app, app.by("reached-1"), both);
    await app.guard(app.by("filter-period").selectOption("all"));
    await expectPlain(app, app.by("reached-1"), filtered);
    assert.equal(await app.page.evaluate(() => location.hash), "#/l2/funnel?cat=A");
  });
});
