// Behaviour: a consultant manages projects on «Проекты»: creates an empty one and one from the
// demo, renames, duplicates, moves to the bin and back, deletes for good, and switches the open
// project; all of it is still there after a reload.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

const EMPTY_NAME = "Новый проект";
const RENAMED = "Завод «Север» — аудит продаж";
const COPY = `${RENAMED} (копия)`;

appTest("projects: create, rename, duplicate, bin, restore, purge, switch, reload", async (session) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectProjectNames([DEMO_NAME]);
  await app.expectBinNames([]);
  await app.expectText(app.by("projects-page"), "Корзина пуста.");

  // An empty project: opened at once, on the data screen.
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject(EMPTY_NAME);
  await app.eventually(async () => assert.equal(new URL(app.page.url()).hash, "#/data"));
  await app.route("#/projects");
  await app.expectProjectNames([DEMO_NAME, EMPTY_NAME]);
  await app.expectText(app.projectRow(EMPTY_NAME), "открыт");

  // A second copy of the demo: opened on the method map.
  await app.click(app.by("new-demo"));
  await app.eventually(async () => assert.equal(new URL(app.page.url()).hash, "#/method"));
  await app.expectCurrentProject(DEMO_NAME);
  await app.route("#/projects");
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, EMPTY_NAME]);
  assert.equal((await app.liveMetas()).length, 3, "three projects in localStorage");

  // Rename the (closed) empty project.
  const row = app.projectRow(EMPTY_NAME);
  await app.click(row.getByTestId("rename-project"));
  const input = app.by("rename-input");
  await app.guard(input.fill(RENAMED));
  await app.guard(input.press("Enter"));
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED]);
  await app.eventually(async () =>
    assert.ok((await app.storedMetas()).some((m) => m.name === RENAMED), "renamed in storage"),
  );

  // Duplicate it.
  await app.click(app.projectRow(RENAMED).getByTestId("duplicate-project"));
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED, COPY]);

  // Delete asks first, then moves the project to the bin.
  const message = await app.clickAndConfirm(app.projectRow(COPY).getByTestId("delete-project"));
  assert.match(message, /в корзину/);
  assert.ok(message.includes(COPY), `the confirm names the project: ${message}`);
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED]);
  await app.expectBinNames([COPY]);
  await app.eventually(async () =>
    assert.ok((await app.storedMetas()).find((m) => m.name === COPY)?.deleted_at, "marked deleted"),
  );

  // Restore brings it back.
  await app.click(app.binRow(COPY).getByTestId("restore-project"));
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED, COPY]);
  await app.expectBinNames([]);

  // To the bin again, then «Удалить навсегда» removes it from storage.
  await app.clickAndConfirm(app.projectRow(COPY).getByTestId("delete-project"));
  await app.expectBinNames([COPY]);
  const copyId = (await app.storedMetas()).find((m) => m.name === COPY).id;
  const purge = app.binRow(COPY).getByTestId("purge-project");
  await app.expectText(purge, "Удалить навсегда");
  const purgeMessage = await app.clickAndConfirm(purge);
  assert.match(purgeMessage, /навсегда/);
  await app.expectBinNames([]);
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED]);
  await app.eventually(async () => {
    const keys = await app.storageKeys();
    assert.ok(!keys.includes(`sloy.p.${copyId}`) && !keys.includes(`sloy.m.${copyId}`), "purged");
  });

  // Switching the open project changes the header.
  await app.click(app.projectRow(RENAMED).getByTestId("open-project"));
  await app.expectCurrentProject(RENAMED);
  await app.route("#/projects");
  await app.click(app.projectRow(DEMO_NAME).first().getByTestId("open-project"));
  await app.expectCurrentProject(DEMO_NAME);
  await app.route("#/projects");
  await app.click(app.projectRow(RENAMED).getByTestId("open-project"));
  await app.expectCurrentProject(RENAMED);

  // After a reload everything is still there, and the last open project is open again.
  await app.reload();
  await app.route("#/projects");
  await app.expectCurrentProject(RENAMED);
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME, RENAMED]);
  await app.expectBinNames([]);
  assert.equal((await app.storedMetas()).length, 3);
});
