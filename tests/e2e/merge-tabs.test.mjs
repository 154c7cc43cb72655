// Behaviour: the same project open in two tabs is merged instead of choosing one version. Tab B
// renames a client, adds one and moves a deal; tab A, which has not seen B's save, renames
// another client and moves the same deal elsewhere. A is asked; «Объединить версии…» shows
// exactly one conflict (the deal); A keeps its own stage; the stored project then holds both
// tabs' changes, which B sees after a reload.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, watchPage } from "./lib/app.mjs";
import { addClient, dealAndStages, mergeDialog, moveDeal, renameClient } from "./lib/merge.mjs";

appTest("two tabs' versions merge: one conflict, both tabs' changes kept", async (session) => {
  const a = await Sloy.open(session, "#/data");
  await a.expectCurrentProject(DEMO_NAME);
  await a.expectSaveState("Сохранено");
  const data = (await a.exportCurrent()).json.data;
  await a.expectSaveState("Сохранено");
  const { deal, there, here } = dealAndStages(data);
  const [c0, c1] = data.clients;

  const pageB = await session.context.newPage();
  watchPage(session, pageB, "tab B");
  const b = new Sloy(session, pageB);
  await b.goto("#/data");
  await b.expectCurrentProject(DEMO_NAME);

  // B: a client renamed, a client added, the deal moved.
  const theirName = `${c0.name} (вкладка B)`;
  await renameClient(b, c0.name, theirName);
  await addClient(b, "K88", "Клиент из вкладки B");
  await moveDeal(b, deal.id, there.code);
  await b.expectSaveState("Сохранено");

  // A is asked; it changes the project differently meanwhile.
  await a.page.bringToFront();
  await a.expectText(a.by("banner-conflict"), "изменён в другой вкладке");
  const mineName = `${c1.name} (вкладка A)`;
  await renameClient(a, c1.name, mineName);
  await moveDeal(a, deal.id, here.code);

  await a.click(a.by("conflict-merge"));
  const merge = await mergeDialog(a);
  await a.expectText(merge, "другой вкладке");
  const rows = await a.by("merge-changes").locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes(theirName) && r.includes("из другой вкладки")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("Клиент из вкладки B") && r.includes("добавлена")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes(mineName) && r.includes("здесь")), rows.join("\n"));
  await a.expectCount(a.by("merge-conflict"), 1);
  const conflict = a.by("merge-conflict").first();
  await a.expectText(conflict, deal.code);
  const stageRow = conflict.getByTestId("merge-field-stage_id");
  await a.expectText(stageRow.getByTestId("merge-mine-value"), here.name_ru);
  await a.expectText(stageRow.getByTestId("merge-theirs-value"), there.name_ru);

  // «Везде мои» resolves it; apply.
  await a.click(a.by("merge-all-mine"));
  await a.click(a.by("merge-apply"));
  await a.expectText(a.by("merge-report"), "оставлена версия: Мои");
  await a.click(a.by("merge-close"));
  await a.expectCount(a.by("banner-conflict"), 0);
  await a.expectSaveState("Сохранено");

  // B reloads and finds one project with both tabs' changes.
  await b.page.bringToFront();
  await b.reload();
  const merged = (await b.exportCurrent()).json.data;
  const byName = (n) => merged.clients.find((c) => c.name === n);
  assert.ok(byName(theirName), "B's rename");
  assert.ok(byName(mineName), "A's rename");
  assert.ok(byName("Клиент из вкладки B"), "B's new client");
  assert.equal(merged.deals.find((d) => d.id === deal.id).stage_id, here.id, "A's stage chosen");
  assert.equal(merged.ancestry.merges.at(-1).source.kind, "tab");
  await pageB.close();
});
