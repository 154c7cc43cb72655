// Behaviour: the advantage matrix of «Прямые продажи» shows docs/METHOD.md §6.5; setting the
// strengths of a deep need to 0 flags it as a need without an advantage, and an advantage
// that meets nothing as unused; restoring a strength clears the flags.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 4 matrix: «Прямые продажи», strengths change the flags", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/matrix");
  // Layer 4 is locked in the demo (layer 3 is not done): the consultant starts it early.
  await app.openEarly(4);
  const matrix = app.by("l4-matrix");
  await app.guard(matrix.waitFor({ state: "visible" }));

  await t.test("the §6.5 matrix of «Прямые продажи»", async () => {
    await app.expectText(app.by("l4-channel").locator("option:checked"), "Прямые продажи");
    const heads = await matrix.locator("thead th").allTextContents();
    assert.deepEqual(heads.slice(1), [
      "КПД +6–8 % (гидравлика)",
      "Картриджные торцевые уплотнения",
      "Склад ЗИП в регионе, 48 ч",
      "Инженерный подбор + 3D-модели",
    ]);
    const expected = [[3, 0, 0, 1], [0, 3, 1, 0], [0, 2, 3, 0], [1, 0, 0, 3]];
    for (const [r, row] of expected.entries())
      for (const [c, s] of row.entries())
        assert.equal(await app.by(`cell-${r}-${c}`).inputValue(), String(s), `cell ${r},${c}`);
    await app.expectCount(app.by("l4-uncovered"), 0);
    await app.expectText(app.by("l4-matrix-ok"), "✓");
  });

  await t.test("a deep need left without advantages is flagged", async () => {
    // «Частые отказы уплотнений, утечки» (order 3): strengths 3 and 1 → 0.
    await app.guard(app.by("cell-1-1").selectOption("0"));
    await app.expectCount(app.by("l4-uncovered"), 0);
    await app.guard(app.by("cell-1-2").selectOption("0"));
    await app.expectCount(app.by("l4-uncovered"), 1);
    await app.expectText(app.by("l4-uncovered"), "Частые отказы уплотнений, утечки");
    await app.expectCount(app.by("l4-flag-need"), 1);
    await app.expectCount(app.by("l4-matrix-ok"), 0);
  });

  await t.test("setting a strength again clears the flag, and it is saved", async () => {
    await app.guard(app.by("cell-1-2").selectOption("2"));
    await app.expectCount(app.by("l4-uncovered"), 0);
    await app.expectSaveState("Сохранено");
    await app.reload();
    await app.guard(app.by("l4-matrix").waitFor({ state: "visible" }));
    assert.equal(await app.by("cell-1-2").inputValue(), "2");
    assert.equal(await app.by("cell-1-1").inputValue(), "0");
  });

  await t.test("an advantage that meets no need is flagged as unused", async () => {
    // «Картриджные торцевые уплотнения» now meets only «Длительный простой» (2).
    await app.guard(app.by("cell-2-1").selectOption("0"));
    await app.expectText(app.by("l4-unused"), "Картриджные торцевые уплотнения");
  });
});
