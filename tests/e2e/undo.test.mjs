// Behaviour: the consultant undoes the last edit from any screen. A client renamed on «Слой 1 →
// Клиенты» is restored by Ctrl+Z after moving to another screen, and the restored name is what
// is saved (it survives a reload); Ctrl+Shift+Z (and the header's button) re-applies it. While
// typing in a text field Ctrl+Z is the field's own. Opening another project clears the history.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("undo/redo across screens, saved like any edit", async (session, t) => {
  const app = await Sloy.open(session, "#/l1/clients");
  const undo = app.by("undo");
  const redo = app.by("redo");
  const name = app.by("client-name").first();
  const showClient = async () => {
    await app.route("#/l1/clients");
    await app.guard(app.by("client-filter").fill("K05"));
    await app.expectCount(app.by("client-row"), 1);
  };
  await showClient();
  const original = await name.inputValue();
  assert.ok(original.length > 0);
  assert.equal(await undo.isDisabled(), true, "nothing to undo yet");
  assert.equal(await redo.isDisabled(), true);

  await t.test("an edit can be undone; the button names it", async () => {
    await app.guard(name.fill("Переименованный клиент"));
    await app.guard(name.press("Tab"));
    await app.eventually(async () => assert.equal(await undo.isDisabled(), false));
    assert.match(await undo.getAttribute("title"), /клиенты/);
  });

  await t.test("Ctrl+Z in a text field is the field's, not the project's", async () => {
    await app.guard(app.by("client-filter").focus());
    await app.guard(app.page.keyboard.press("Control+z"));
    await app.page.waitForTimeout(300);
    assert.equal(await undo.isDisabled(), false, "the project's edit is not undone");
    assert.equal(await redo.isDisabled(), true);
    // The field's own undo may have changed the field; leave it as the list shows it.
    await showClient();
    await app.guard(app.by("client-filter").press("Tab"));
  });

  await t.test("Ctrl+Z on another screen restores the name, and it is saved", async () => {
    await app.route("#/method");
    await app.guard(app.page.keyboard.press("Control+z"));
    await app.eventually(async () => assert.equal(await undo.isDisabled(), true));
    assert.equal(await redo.isDisabled(), false);
    await showClient();
    assert.equal(await name.inputValue(), original);
    await app.expectSaveState("Сохранено");
    await app.reload();
    await showClient();
    assert.equal(await name.inputValue(), original, "the undone name is what is stored");
  });

  await t.test("the history does not survive a reload; a new edit, undo and redo by keys", async () => {
    assert.equal(await undo.isDisabled(), true);
    await app.guard(name.fill("Снова переименован"));
    await app.guard(name.press("Tab"));
    await app.eventually(async () => assert.equal(await undo.isDisabled(), false));
    await app.route("#/dashboard");
    await app.guard(app.page.keyboard.press("Control+z"));
    await app.eventually(async () => assert.equal(await redo.isDisabled(), false));
    await app.guard(app.page.keyboard.press("Control+Shift+z"));
    await app.eventually(async () => assert.equal(await redo.isDisabled(), true));
    await showClient();
    assert.equal(await name.inputValue(), "Снова переименован");
    // Undo and redo with the header's buttons and Ctrl+Y.
    await app.click(undo);
    await app.eventually(async () => assert.equal(await name.inputValue(), original));
    await app.guard(app.page.locator("h1").first().click());
    await app.guard(app.page.keyboard.press("Control+y"));
    await app.eventually(async () => assert.equal(await name.inputValue(), "Снова переименован"));
    await app.click(undo);
    await app.eventually(async () => assert.equal(await name.inputValue(), original));
    await app.click(redo);
    await app.eventually(async () => assert.equal(await name.inputValue(), "Снова переименован"));
    await app.expectSaveState("Сохранено");
    await app.reload();
    await showClient();
    assert.equal(await name.inputValue(), "Снова переименован");
  });

  await t.test("opening another project clears the history", async () => {
    await app.guard(name.fill("Ещё раз"));
    await app.guard(name.press("Tab"));
    await app.eventually(async () => assert.equal(await undo.isDisabled(), false));
    await app.route("#/projects");
    await app.click(app.by("new-empty"));
    await app.expectCurrentProject("Новый проект");
    await app.eventually(async () => assert.equal(await undo.isDisabled(), true));
    assert.equal(await redo.isDisabled(), true);
  });
});
