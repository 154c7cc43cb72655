// Behaviour: a project exported to a .json file and imported back is the same project: as a new
// project it sits next to the original with identical data (only its id differs); replacing an
// existing project warns first and offers a backup download of what is about to be replaced.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, exactly } from "./lib/app.mjs";

// The ancestry (revision, shared states, merges) is each copy's own history, not its data.
const withoutAncestry = ({ ancestry, ...rest }) => rest;
const withoutId = ({ id, ...rest }) => withoutAncestry(rest);

appTest("export, import as a new project, and replace with a backup first", async (session) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectProjectNames([DEMO_NAME]);

  // Export.
  const original = await app.exportCurrent();
  assert.match(original.fileName, /\.sloy\.json$/);
  assert.equal(original.json.format, "sloy-project");
  assert.equal(typeof original.json.schema_version, "number");
  assert.equal(original.json.data.name, DEMO_NAME);
  const originalId = original.json.data.id;
  assert.ok(original.json.data.clients.length > 0 && original.json.data.deals.length > 0);

  // Import as a new project: a second project with the same name, opened.
  await app.chooseFile({ name: original.fileName, text: original.text });
  const dialog = await app.importDialog();
  await app.expectText(dialog, original.fileName);
  await app.expectText(app.by("import-summary"), DEMO_NAME);
  await app.click(app.by("import-as-new"));
  await app.guard(dialog.waitFor({ state: "detached" }));
  await app.expectToast(original.fileName, "импортирован");
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME]);
  assert.equal((await app.liveMetas()).length, 2);

  // The copy's export carries the same data under a new id.
  const copy = await app.exportCurrent();
  assert.notEqual(copy.json.data.id, originalId, "the imported project got a new id");
  assert.deepEqual(withoutId(copy.json.data), withoutId(original.json.data));

  // Replace: import a changed file over the original project.
  const changed = structuredClone(original.json);
  changed.data.name = "ГидроТеплоМаш — версия от клиента";
  changed.data.clients[0].name = "ГОК «Изумруд»";
  const changedFile = { name: "from-client.sloy.json", text: JSON.stringify(changed, null, 2) };
  await app.chooseFile(changedFile);
  await app.importDialog();
  await app.click(app.by("import-replace"));
  // The target defaults to the project with the file's id (the original) and the dialog warns.
  await app.eventually(async () =>
    assert.equal(await app.by("import-target").inputValue(), originalId),
  );
  await app.expectText(app.by("import-dialog").locator(".warning"), /будет заменён.*резервную копию/);
  await app.expectText(app.by("import-dialog").locator(".warning"), `«${DEMO_NAME}»`);

  // The backup is the project about to be replaced, as it is stored now.
  const backup = await app.download(app.by("import-backup"));
  const backupJson = JSON.parse(backup.text);
  assert.equal(backupJson.data.id, originalId);
  assert.deepEqual(withoutAncestry(backupJson.data), withoutAncestry(original.json.data));
  await app.expectText(app.by("import-dialog"), "Заменить"); // still open after the backup

  await app.click(app.by("import-confirm-replace"));
  await app.guard(app.by("import-dialog").waitFor({ state: "detached" }));
  await app.expectToast(changedFile.name, "импортирован");
  await app.expectCurrentProject(changed.data.name);
  await app.expectProjectNames([DEMO_NAME, changed.data.name]);
  assert.equal((await app.liveMetas()).length, 2, "replaced, not added");

  // The replaced project kept its id and now holds the file's data, also after a reload.
  await app.reload();
  await app.expectCurrentProject(changed.data.name);
  const replaced = await app.exportCurrent();
  assert.equal(replaced.json.data.id, originalId);
  assert.deepEqual(withoutAncestry(replaced.json.data), withoutAncestry(changed.data));
  await app.route("#/data");
  await app.expectText(app.by("clients-table"), "ГОК «Изумруд»");
  assert.equal(
    await app.by("clients-table").getByText(exactly("ГОК «Малахит»")).count(),
    0,
    "the old client name is gone",
  );
});
