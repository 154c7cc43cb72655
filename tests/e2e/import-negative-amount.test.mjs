// Behaviour: a project file with a negative deal amount is refused before anything is
// written, with a message naming the deal (code and title) and the field «Сумма»; a file with
// an allowed negative value (a client's revenue) opens the import dialog, which lists it
// before the user decides, and cancelling writes nothing.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

appTest("negative amounts in a project file: refused or listed, nothing written", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  const good = (await app.exportCurrent()).json;
  const keysBefore = await app.storageKeys();
  const file = (name, edit) => {
    const json = structuredClone(good);
    edit(json);
    return { name, text: JSON.stringify(json) };
  };

  await t.test("a negative deal amount is refused, naming the deal and the field", async () => {
    const deal = good.data.deals[4];
    await app.chooseFile(file("minus.sloy.json", (j) => (j.data.deals[4].amount = -5000)));
    const toast = app.toast("«minus.sloy.json»");
    await app.expectText(toast, "не импортирован");
    await app.expectText(toast, `Сделка ${deal.code} («${deal.title}»), поле «Сумма»`);
    await app.expectText(toast, /−5\s000,00 — сумма не может быть отрицательной/);
    assert.equal(await app.by("import-dialog").count(), 0, "no import dialog");
    assert.deepEqual(await app.storageKeys(), keysBefore, "nothing written");
    await app.expectProjectNames([DEMO_NAME]);
    await app.closeToasts();
  });

  await t.test("a negative revenue is listed in the dialog before the user decides", async () => {
    const client = good.data.clients.find((c) => c.id === good.data.revenues[0].client_id);
    await app.chooseFile(file("returns.sloy.json", (j) => (j.data.revenues[0].amount = -12.5)));
    const dialog = await app.importDialog();
    const flags = dialog.getByTestId("import-flags");
    await app.expectText(flags, `Выручка клиента ${client.code}`);
    await app.expectText(flags, "поле «Сумма»");
    await app.expectText(flags, /−12,50 — отрицательное значение/);
    assert.deepEqual(await app.storageKeys(), keysBefore, "nothing written while the dialog is open");
    await app.click(dialog.getByRole("button", { name: "Отмена" }));
    await app.expectCount(app.by("import-dialog"), 0);
    assert.deepEqual(await app.storageKeys(), keysBefore, "nothing written after cancelling");
    await app.expectProjectNames([DEMO_NAME]);
  });
});
