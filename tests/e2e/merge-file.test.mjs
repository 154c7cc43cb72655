// Behaviour: a colleague's copy of the project is merged instead of overwriting either side.
// The demo is exported; the copy is changed (a client renamed, a client added, a deal moved a
// stage) while the app changes the same project differently (another client renamed, the same
// deal moved to another stage). Importing the copy offers «Объединить»; the preview lists every
// change with where it comes from and exactly one conflict (the deal), side by side; a backup
// of the current project is offered first; after choosing «их» the one project holds both
// sides' changes, also after a reload, and keeps the merge in its history.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";
import { dealAndStages, mergeDialog, moveDeal, renameClient } from "./lib/merge.mjs";

appTest("a shared copy merges into the project: one conflict, both sides' changes kept", async (session) => {
  const app = await Sloy.open(session, "#/data");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectSaveState("Сохранено");

  const exported = await app.exportCurrent();
  const data = exported.json.data;
  assert.ok(data.ancestry?.bases?.length >= 1, "the export records the shared state");
  const { deal, there, here } = dealAndStages(data);
  const [c0, c1] = data.clients;

  // The colleague's copy, edited as JSON.
  const copy = structuredClone(exported.json);
  copy.data.clients[0].name = "ГОК «Изумруд» (переименован в копии)";
  const added = { id: randomUUID(), code: "K77", name: "Клиент из копии" };
  copy.data.clients.push(added);
  const copyDeal = copy.data.deals.find((d) => d.id === deal.id);
  copyDeal.stage_id = there.id;
  copyDeal.history = [...(copyDeal.history ?? []), { stage_id: there.id, entered: "2025-03-20" }];
  const file = { name: "от коллеги.sloy.json", text: JSON.stringify(copy, null, 2) };

  // Meanwhile here: another client renamed, the same deal moved elsewhere.
  const mineName = `${c1.name} (правка здесь)`;
  await renameClient(app, c1.name, mineName);
  await moveDeal(app, deal.id, here.code);
  await app.expectSaveState("Сохранено");

  // Import: «Объединить» beside the usual choices.
  await app.chooseFile(file);
  const dialog = await app.importDialog();
  await app.expectCount(app.by("import-as-new"), 1);
  await app.click(dialog.getByTestId("import-merge"));
  const merge = await mergeDialog(app);
  await app.expectText(merge, file.name);

  // Every change, with where it comes from.
  const changes = app.by("merge-changes");
  await app.expectText(changes, copy.data.clients[0].name);
  await app.expectText(changes, added.name);
  await app.expectText(changes, mineName);
  const rows = await changes.locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes(added.name) && r.includes("добавлена") && r.includes("из файла")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes(mineName) && r.includes("изменена") && r.includes("здесь")), rows.join("\n"));
  assert.equal(rows.filter((r) => r.includes(deal.title)).length, 0, "the deal is a conflict, not a change");

  // Exactly one conflict: the deal, field by field.
  await app.expectCount(app.by("merge-conflict"), 1);
  const conflict = app.by("merge-conflict").first();
  await app.expectText(conflict, deal.code);
  await app.expectText(conflict, "Этап");
  const stageRow = conflict.getByTestId("merge-field-stage_id");
  await app.expectText(stageRow.getByTestId("merge-mine-value"), here.name_ru);
  await app.expectText(stageRow.getByTestId("merge-theirs-value"), there.name_ru);
  assert.equal(await app.by("merge-apply").isDisabled(), true, "nothing applied before the choice");

  // A backup of the current project first.
  const backup = await app.download(app.by("merge-backup"));
  const backupJson = JSON.parse(backup.text);
  assert.equal(backupJson.data.id, data.id);
  assert.ok(backupJson.data.clients.some((c) => c.name === mineName));

  // Choose «их» for the deal and apply.
  await app.click(conflict.getByTestId("merge-pick-theirs"));
  await app.click(app.by("merge-apply"));
  await app.expectText(app.by("merge-report"), "Проект объединён");
  await app.expectText(app.by("merge-report-counts"), "конфликтов решено: 1");
  await app.expectText(app.by("merge-report"), "оставлена версия: Их");
  await app.click(app.by("merge-close"));
  await app.guard(app.by("merge-dialog").waitFor({ state: "detached" }));
  await app.expectToast("", "сохранено");
  await app.expectSaveState("Сохранено");
  assert.equal((await app.liveMetas()).length, 1, "one project, merged in place");

  // One project holding both sides' changes, also after a reload.
  for (const round of ["now", "after reload"]) {
    if (round === "after reload") await app.reload();
    const merged = (await app.exportCurrent()).json.data;
    const byId = (id) => merged.clients.find((c) => c.id === id);
    assert.equal(byId(c0.id).name, copy.data.clients[0].name, round);
    assert.equal(byId(c1.id).name, mineName, round);
    assert.ok(byId(added.id), round);
    assert.equal(merged.deals.find((d) => d.id === deal.id).stage_id, there.id, round);
    const history = merged.ancestry.merges;
    assert.equal(history.length, 1, round);
    assert.equal(history[0].source.kind, "file");
    assert.equal(history[0].source.file_name, file.name);
    assert.equal(history[0].conflicts[0].chosen, "theirs");
  }
  await app.route("#/data");
  await app.expectText(app.by("merge-history"), file.name);
});
