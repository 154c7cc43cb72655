// Helpers of the merge specs: edits made through the app's screens, and the merge dialog.

import assert from "node:assert/strict";
import { expectPlain, selectByPrefix } from "./l2.mjs";

/** Renames the client named `from` to `to` on the clients screen (change event). */
export async function renameClient(app, from, to) {
  await app.route("#/l1/clients");
  await app.guard(app.by("client-filter").fill(from));
  await app.expectCount(app.by("client-row"), 1);
  const input = app.by("client-name").first();
  await app.guard(input.fill(to));
  await app.guard(input.press("Tab"));
  await app.guard(app.by("client-filter").fill(to));
  await app.expectCount(app.by("client-row"), 1);
}

/** Adds a client on the clients screen. */
export async function addClient(app, code, name) {
  await app.route("#/l1/clients");
  await app.guard(app.by("new-client-code").fill(code));
  await app.guard(app.by("new-client-name").fill(name));
  await app.click(app.by("client-add"));
  await app.guard(app.by("client-filter").fill(name));
  await app.expectCount(app.by("client-row"), 1);
}

/** Moves deal `dealId` to the stage with code `code` in the deal editor. */
export async function moveDeal(app, dealId, code) {
  await app.route(`#/l2/deals?deal=${dealId}`);
  await app.guard(app.by("move-stage").waitFor({ state: "visible" }));
  await selectByPrefix(app, app.by("move-stage"), `${code} `);
  await app.click(app.by("move-btn"));
  await expectPlain(app, app.by("deal-current-stage"), `${code} `);
}

/** An open deal of the demo and two later stages of the funnel to move it to. */
export function dealAndStages(data) {
  const stages = data.stages;
  const deal = data.deals.find((d) => {
    const i = stages.findIndex((s) => s.id === d.stage_id);
    return d.status === "open" && i >= 0 && i + 2 < stages.length && !stages[i + 1].is_won && !stages[i + 2].is_won;
  });
  assert.ok(deal, "an open deal with two later stages");
  const i = stages.findIndex((s) => s.id === deal.stage_id);
  return { deal, there: stages[i + 1], here: stages[i + 2] };
}

/** The merge dialog, waited for (its code is fetched on first use). */
export async function mergeDialog(app) {
  const dialog = app.by("merge-dialog");
  await app.guard(dialog.waitFor({ state: "visible" }));
  return dialog;
}
