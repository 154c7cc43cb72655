// Behaviour: on a client's project map the consultant completes a contact card (attitude,
// influence, access, notes, an informal «влияет на» link), gets a Russian message for a bad
// influence, and adds a contact straight from a deal: the map of the deal's client opens with
// the add form focused, the typical map suggests the role, and deleting asks first.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain } from "./lib/l2.mjs";

const LPR = "Белов Сергей Николаевич";
const LFR = "Соколов Андрей Викторович";

appTest("layer 3 contacts: card fields, influence link, quick add from a deal", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/maps");
  await app.click(app.by("l3-client-K01"));
  await app.expectText(app.by("l3-map"), "K01");

  await t.test("editing the ЛПР: attitude, influence, access, notes, influences", async () => {
    await app.click(app.by(`l3-edit-${LPR}`).first());
    await app.eventually(async () => assert.equal(await app.by("l3-contact-name").inputValue(), LPR));
    await app.expectText(app.by("l3-form-client"), "Изменить контакт — K01");
    await app.guard(app.by("l3-contact-attitude").selectOption({ label: "сторонник" }));
    await app.guard(app.by("l3-contact-influence").fill("8"));
    await app.guard(app.by("l3-contact-access").selectOption({ label: "прямой" }));
    await app.guard(app.by("l3-contact-notes").fill("Решает по сроку окупаемости"));
    await app.guard(app.by(`l3-influence-${LFR}`).check());
    await app.click(app.by("l3-add-contact"));
    const card = app.by(`l3-contact-${LPR}`);
    await expectPlain(app, card, "сторонник · влияние 8/10 · Наш доступ: прямой");
    await app.expectText(card, "Решает по сроку окупаемости");
    await app.expectText(app.by(`l3-influences-${LPR}`), `влияет на: ${LFR}`);
  });

  await t.test("an influence of 11 is refused with a message", async () => {
    await app.click(app.by(`l3-edit-${LFR}`).first());
    await app.guard(app.by("l3-contact-influence").fill("11"));
    await app.click(app.by("l3-add-contact"));
    await app.expectText(app.by("l3-contact-error"), "от 0 до 10");
    await app.click(app.by("l3-cancel-edit"));
    await expectPlain(app, app.by(`l3-contact-${LFR}`), "влияние 7/10");
  });

  await t.test("«+ контакт» on deal D05 opens K05's map with the form focused", async () => {
    await app.route("#/l2/deals");
    await app.click(app.by("deal-add-contact-D05"));
    await app.expectText(app.by("l3-form-client"), "Новый контакт — K05");
    await app.expectText(app.by("l3-map"), "K05");
    await app.eventually(async () =>
      assert.equal(await app.guard(app.page.evaluate(() => document.activeElement?.dataset.testid)), "l3-contact-name"),
    );
  });

  await t.test("the typical map suggests ЛПР for «Технический директор»", async () => {
    await app.guard(app.by("l3-contact-name").fill("Громов Павел"));
    await app.guard(app.by("l3-contact-position").fill("Технический директор"));
    await app.guard(app.by("l3-contact-position").press("Tab"));
    await app.expectText(app.by("l3-role-hint"), "По типовой карте: ЛПР");
    await app.click(app.by("l3-role-apply"));
    assert.ok(await app.by("l3-contact-role-LPR").isChecked());
    await app.click(app.by("l3-add-contact"));
    await app.expectText(app.by("l3-role-ЛПР"), "Громов Павел");
    await app.eventually(async () => assert.equal(await app.by("l3-gaps-K05").count(), 0));
  });

  await t.test("deleting the contact asks first and brings the gap back", async () => {
    const message = await app.clickAndConfirm(app.by("l3-delete-Громов Павел").first());
    assert.match(message, /Удалить контакт «Громов Павел»/);
    await app.expectText(app.by("l3-gaps-K05"), "нет ЛПР");
  });
});
