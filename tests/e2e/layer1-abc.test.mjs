// Behaviour: on the demo project the ABC analysis shows A = K01–K09 with 81,8 % of revenue, its
// conclusion in words and the tie rule; changing the A threshold changes the class counts.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 ABC: demo classes, conclusions, thresholds", async (session) => {
  const app = await Sloy.open(session, "#/l1/abc");
  await app.by("abc-table").waitFor({ state: "visible" });
  await app.expectText(app.by("abc-sum-A"), "9");
  await app.expectText(app.by("abc-sum-A"), "81,8");
  await app.expectText(app.by("abc-conclusions"), "81,8");
  await app.expectText(app.by("abc-tie-rule"), "порог");
  const rows = app.by("abc-row");
  const classes = await rows.evaluateAll((rs) =>
    rs.map((r) => [
      r.children[1].textContent.trim(),
      r.querySelector("[data-testid=abc-row-class]").textContent.trim(),
    ]),
  );
  const a = classes.filter(([, c]) => c === "A").map(([k]) => k).sort();
  assert.deepEqual(a, ["K01", "K02", "K03", "K04", "K05", "K06", "K07", "K08", "K09"]);

  const input = app.by("abc-threshold-a");
  await input.fill("50");
  await input.press("Tab");
  await app.eventually(async () => {
    const n = await rows.evaluateAll((rs) => rs.filter((r) => r.children[5].textContent.trim() === "A").length);
    assert.ok(n < 9, `fewer A clients at 50 %: ${n}`);
  });
});
