// Behaviour: the consultant opens layer 4's metrics on the demo project and sees docs/METHOD.md §6.4:
// metric 2.1 «3+» 87 % with D07, D09, D15, D22 still short at 2.1; metric 2.2 91 %; and the
// ТЭО table of metric 2.3 (D01 2,98 years / +8 071; D02 3,56 / −2 752).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const plain = (s) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

appTest("layer 4 metrics: 2.1 and 2.2 «3+» with the failing deals, ТЭО table", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/metrics");
  await app.guard(app.by("l4-metrics-tab").waitFor({ state: "visible" }));

  await t.test("metric 2.1: 87 %, D07, D09, D15, D22 below 3 at 2.1", async () => {
    await app.expectText(app.by("m21-pct"), /^87\s%$/);
    const short = plain(await app.expectText(app.by("m21-short"), "D07"));
    assert.equal(short, "D07, D09, D15, D22");
    // The listed deals link to their per-deal tools.
    const href = await app.by("m21-short").getByRole("link", { name: "D09" }).getAttribute("href");
    assert.match(href, /^#\/l4\/deal\?deal=[0-9a-f-]{36}$/);
  });

  await t.test("metric 2.2: 91 %, D05, D12, D24 below 3 at 2.2, D20 lost", async () => {
    await app.expectText(app.by("m22-pct"), /^91\s%$/);
    assert.equal(plain(await app.expectText(app.by("m22-short"), "D05")), "D05, D12, D24");
    assert.equal(plain(await app.expectText(app.by("m22-lost"), "D20")), "D20");
  });

  await t.test("metric 2.3: the ТЭО table of §6.4", async () => {
    const rows = app.by("l4-teo-row");
    await app.expectText(rows.first(), "D01");
    const text = (await rows.allTextContents()).map(plain);
    const d01 = text.find((r) => r.startsWith("D01"));
    const d02 = text.find((r) => r.startsWith("D02"));
    assert.ok(d01?.includes("2,98") && d01.includes("+8 071") && d01.includes("68 %"), d01);
    assert.ok(d02?.includes("3,56") && d02.includes("−2 752") && d02.includes("40 %"), d02);
    const d17 = text.find((r) => r.startsWith("D17"));
    assert.ok(d17?.includes("5,09") && d17.includes("−1 913"), d17);
  });

  await t.test("results of layer 4 are shown as met / missing", async () => {
    await app.expectText(app.by("l4-result-templates"), "✓");
    await app.expectText(app.by("l4-result-matrices"), "✗");
    await app.expectText(app.by("l4-result-matrices"), "Дистрибьюторы");
  });
});
