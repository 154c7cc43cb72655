// Behaviour: in the ТЭО calculator the consultant enters the worked example of docs/METHOD.md §5.2
// (I = 64 000, S = 21 500, 5 years, 15 %) and reads payback 2,98, NPV ≈ +8 071, ROI 68 %, and
// the ±20 % sensitivity table; a bad number shows a message instead of being dropped.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const plain = (s) => (s ?? "").replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

appTest("layer 4 ТЭО calculator: the worked example and its sensitivity", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/teo");
  // Layer 4 is locked in the demo (layer 3 is not done): the consultant starts it early.
  await app.openEarly(4);
  await app.guard(app.by("teo-indicators").waitFor({ state: "visible" }));

  const enter = async (testId, value) => {
    const input = app.by(testId);
    await app.guard(input.fill(value));
    await app.guard(input.press("Tab"));
  };

  await t.test("I 64 000, S 21 500 → 2,98 years, NPV +8 071, ROI 68 %", async () => {
    await enter("teo-inv-amount-0", "58 000");
    await app.click(app.by("teo-inv-add"));
    await enter("teo-inv-amount-1", "6000");
    await enter("teo-sav-amount-0", "21 500");
    await app.expectText(app.by("ind-investment"), /64\s000/);
    await app.expectText(app.by("ind-payback"), "2,98");
    assert.match(plain(await app.expectText(app.by("ind-npv"), "8")), /\+8 071/);
    await app.expectText(app.by("ind-roi"), /68\s%/);
    await app.expectText(app.by("ind-irr"), "%");
  });

  await t.test("the cumulative cash flow ends at the NPV", async () => {
    const rows = app.by("teo-cash-flow").locator("tbody tr");
    await app.expectCount(rows, 6);
    const last = plain(await rows.last().textContent());
    assert.ok(last.startsWith("5") && last.includes("+43 500") && last.includes("+8 071"), last);
  });

  await t.test("the ±20 % sensitivity table", async () => {
    const rows = app.by("sens-row");
    await app.expectCount(rows, 6);
    const text = (await rows.allTextContents()).map(plain);
    // Savings −20 %: S = 17 200 → payback 3,72; investment +20 %: I = 76 800 → 3,57.
    assert.ok(text[0].includes("−20 %") && text[0].includes("3,72"), text[0]);
    assert.ok(text[1].includes("+20 %") && text[1].includes("2,48"), text[1]);
    assert.ok(text[3].includes("+20 %") && text[3].includes("3,57"), text[3]);
  });

  await t.test("a bad number shows a message and keeps the value", async () => {
    await enter("teo-sav-amount-0", "много");
    await app.expectText(app.by("teo-sav").getByRole("alert"), "Не число");
    await app.expectText(app.by("ind-payback"), "2,98");
    await enter("teo-horizon", "0");
    await app.expectText(app.page.getByRole("alert").last(), "лет");
  });

  await t.test("no savings: payback and IRR are not invented", async () => {
    await enter("teo-horizon", "5");
    await enter("teo-sav-amount-0", "0");
    await app.expectText(app.by("ind-payback"), "—");
    await app.expectText(app.by("ind-irr"), "нет");
  });
});
