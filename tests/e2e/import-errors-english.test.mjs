// Behaviour: with the English interface, a broken project file is refused with an English
// message naming the file, the record and the field — no Russian sentence and no library
// English («input is out of range», «UUID parsing failed», «a sequence»).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

appTest("a broken file in the English UI gets an English message", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  const good = (await app.exportCurrent()).json;
  await app.click(app.by("lang-switch"));
  await app.expectText(app.page.locator("nav"), "Method map");
  const keysBefore = await app.storageKeys();
  const deal = good.data.deals[2];

  const refused = async (name, edit, ...patterns) => {
    const json = structuredClone(good);
    edit(json);
    await app.chooseFile({ name, text: JSON.stringify(json) });
    const toast = app.toast(`«${name}»`);
    const text = await app.expectText(toast, "was not imported");
    for (const p of patterns) await app.expectText(toast, p);
    for (const english of ["input is out of range", "UUID parsing failed", "a sequence", "money amount"]) {
      assert.ok(!text.includes(english), `no library English «${english}» in ${text}`);
    }
    assert.doesNotMatch(text, /Ошибка|поле|Сделка|не импортирован/, "no Russian sentence");
    assert.equal(await app.by("import-dialog").count(), 0);
    assert.deepEqual(await app.storageKeys(), keysBefore);
    await app.closeToasts();
  };

  await t.test("an impossible date", () =>
    refused(
      "bad-date.sloy.json",
      (j) => (j.data.deals[2].created = "2025-02-30"),
      `Deal ${deal.code}`,
      "field «Created»",
      "is not a date",
    ),
  );
  await t.test("an id that is no UUID", () =>
    refused(
      "bad-id.sloy.json",
      (j) => (j.data.deals[2].stage_id = "stage-3"),
      `Deal ${deal.code}`,
      "field «Stage»",
      "is not an id",
    ),
  );
  await t.test("an object where a list goes", () =>
    refused(
      "bad-list.sloy.json",
      (j) => (j.data.deals[2].history = { a: 1 }),
      "field «Stage history»",
      "expected a list",
    ),
  );
  await t.test("an unknown field on a client", () =>
    refused(
      "unknown-field.sloy.json",
      (j) => (j.data.clients[0].regionid = "x"),
      `Client ${good.data.clients[0].code}`,
      "«regionid»",
    ),
  );
  await t.test("a negative deal amount", () =>
    refused(
      "minus.sloy.json",
      (j) => (j.data.deals[2].amount = -5000),
      `Deal ${deal.code}`,
      "field «Amount»",
      "-5,000.00",
      "cannot be negative",
    ),
  );
});
