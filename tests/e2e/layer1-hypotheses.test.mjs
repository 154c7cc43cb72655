// Behaviour: target-market hypotheses — the demo's two, a new one added and confirmed (the
// confirmed market volume grows), a bad number refused with a message, filtering by status,
// deleting after a confirmation.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 target-market hypotheses", async (session) => {
  const app = await Sloy.open(session, "#/l1/hypotheses");
  const rows = app.by("h-row");
  await app.expectCount(rows, 2);
  await app.expectText(app.by("h-totals"), "подтверждено: 1");
  await app.expectText(app.by("h-totals"), /900\s000/);

  await app.click(app.by("h-add"));
  await app.expectCount(rows, 3);
  const seg = app.by("h-segment").last();
  await seg.fill("Сахарные заводы Черноземья: теплообменники");
  await seg.press("Tab");
  const vol = app.by("h-volume").last();
  await vol.fill("много");
  await vol.press("Tab");
  await app.expectText(app.by("h-error"), "Введите число");
  await vol.fill("500 000");
  await vol.press("Tab");
  await app.guard(app.by("h-status").last().selectOption("confirmed"));
  await app.expectText(app.by("h-totals"), "подтверждено: 2");
  await app.expectText(app.by("h-totals"), /1\s400\s000/);

  await app.guard(app.by("h-filter").selectOption("confirmed"));
  await app.expectCount(rows, 2);
  await app.guard(app.by("h-filter").selectOption("to_check"));
  await app.expectCount(rows, 1);
  await app.guard(app.by("h-filter").selectOption(""));
  await app.expectCount(rows, 3);

  await app.reload();
  await app.expectCount(rows, 3);
  const msg = await app.clickAndConfirm(app.by("h-delete").last());
  assert.match(msg, /Сахарные заводы/);
  await app.expectCount(rows, 2);
  await app.expectText(app.by("h-totals"), "подтверждено: 1");
});
