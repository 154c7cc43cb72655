// Behaviour: the sales-department structure (add, rename, delete a manager; a manager who owns
// clients is only deleted with a successor) and the managers' individual plans: breaking the
// sum check, then «Предложить» → review → «Применить» makes the plans add up again.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 structure and managers' plans", async (session) => {
  const app = await Sloy.open(session, "#/l1/structure");
  const rows = app.by("manager-row");
  await app.expectCount(rows, 4);
  await app.expectText(app.by("manager-load").first(), "2 / 2 / 5");

  await app.click(app.by("manager-add"));
  await app.expectCount(rows, 5);
  const name = app.by("manager-name").last();
  await name.fill("Смирнов Олег");
  await name.press("Tab");
  await app.reload();
  await app.eventually(async () => assert.equal(await app.by("manager-name").last().inputValue(), "Смирнов Олег"));

  // A manager who owns clients needs a successor.
  await app.click(app.by("manager-delete").first());
  await app.expectText(app.by("structure-error"), "клиенты (9)");
  await app.expectCount(rows, 5);
  // The new one owns nothing: deleted after a confirmation.
  await app.clickAndConfirm(app.by("manager-delete").last());
  await app.expectCount(rows, 4);

  // Plans: the demo adds up; a changed plan does not; the proposal fixes it.
  await app.route("#/l1/plans");
  await app.expectText(app.by("plans-check"), "✓");
  await app.expectText(app.by("plans-splits-check"), "✓");
  const amount = app.by("plan-amount").first();
  await amount.fill("100 000");
  await amount.press("Tab");
  await app.expectText(app.by("plans-check"), "✗");
  await app.expectText(app.by("plans-splits-check"), "✗");
  await app.click(app.by("plans-propose"));
  await app.expectCount(app.by("proposal-row"), 4);
  await app.expectText(app.by("plans-proposal"), /164\s130/);
  await app.click(app.by("plans-apply"));
  await app.expectText(app.by("plans-check"), "✓");
  await app.expectText(app.by("plans-splits-check"), "✓");
  await app.eventually(async () => assert.doesNotMatch(await amount.inputValue(), /^100\s000$/));
});
