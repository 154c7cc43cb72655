// Behaviour: a client may work in several business lines. The client base shows all of them,
// the business-line filter finds a client by any of its lines, and ticking lines in the
// drop-down keeps the others (the demo's A clients buy both pumps and heat exchangers).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 clients: several business lines per client", async (session) => {
  const app = await Sloy.open(session, "#/l1/clients");
  await app.by("client-filter").fill("Малахит");
  await app.expectCount(app.by("client-row"), 1);
  await app.expectText(app.by("client-lines-summary"), "Насосы, Теплообменники");

  // The filter matches any of a client's lines: 9 A clients with both + 15 or 16 with one.
  await app.by("client-filter").fill("");
  await app.guard(app.by("filter-line").selectOption({ label: "Теплообменники" }));
  await app.expectText(app.by("client-count"), "из 25");
  await app.guard(app.by("filter-line").selectOption({ label: "Насосы" }));
  await app.expectText(app.by("client-count"), "из 24");
  await app.guard(app.by("filter-line").selectOption({ label: "— не задан" }));
  await app.expectText(app.by("client-count"), "из 0");
  await app.guard(app.by("filter-line").selectOption(""));

  // Untick «Насосы» for K01: «Теплообменники» stays, and the drop-down stays open.
  await app.by("client-filter").fill("Малахит");
  await app.expectCount(app.by("client-row"), 1);
  await app.click(app.by("client-lines-summary"));
  const boxes = app.by("client-line-option");
  await app.expectCount(boxes, 2);
  await app.guard(boxes.nth(0).uncheck());
  await app.expectText(app.by("client-lines-summary"), "Теплообменники");
  await app.eventually(async () =>
    assert.equal(await app.by("client-lines").evaluate((d) => d.open), true),
  );
  assert.equal(await boxes.nth(1).isChecked(), true);

  // Saved: after a reload K01 is in one line, and no longer found under «Насосы».
  await app.reload();
  await app.route("#/l1/clients");
  await app.by("client-filter").fill("Малахит");
  await app.expectText(app.by("client-lines-summary"), "Теплообменники");
  await app.guard(app.by("filter-line").selectOption({ label: "Насосы" }));
  await app.expectCount(app.by("client-row"), 0);

  // Tick it again: both lines, in the order of the reference list.
  await app.guard(app.by("filter-line").selectOption(""));
  await app.click(app.by("client-lines-summary"));
  await app.guard(app.by("client-line-option").nth(0).check());
  await app.expectText(app.by("client-lines-summary"), "Насосы, Теплообменники");
});
