// Behaviour: on layer 3 the consultant sees the A clients' project maps with role gaps and
// coverage; adding the missing ЛПР to a client removes its flag and updates the figures; the
// map prints as one sheet.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy, NBSP } from "./lib/app.mjs";

appTest("layer 3 maps: gaps, coverage, adding an ЛПР", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/maps");

  await t.test("demo figures of §6.3", async () => {
    await app.expectText(app.by("l3-role-coverage"), `19 из 27 = 70${NBSP}%`);
    await app.expectText(app.by("l3-full-maps"), "4 из 9");
    for (const code of ["K05", "K07", "K08", "K09"]) {
      await app.expectText(app.by(`l3-gaps-${code}`), "нет ЛПР");
    }
    assert.equal(await app.by("l3-gaps-K01").count(), 0, "K01 has a full map");
  });

  await t.test("adding an ЛПР to K05 removes its flag", async () => {
    await app.click(app.by("l3-client-K05"));
    await app.expectText(app.by("l3-map"), "K05");
    await app.expectText(app.by("l3-role-ЛПР"), "нет ЛПР");
    await app.guard(app.by("l3-contact-name").fill("Петров П. П."));
    await app.guard(app.by("l3-contact-position").fill("Генеральный директор"));
    await app.guard(app.by("l3-contact-role-LPR").check());
    await app.click(app.by("l3-add-contact"));
    await app.expectText(app.by("l3-role-ЛПР"), "Петров П. П.");
    await app.eventually(async () => {
      const text = (await app.by("l3-gaps-K05").count()) ? await app.by("l3-gaps-K05").textContent() : "";
      assert.ok(!text.includes("ЛПР"), `K05 flag: ${text}`);
    });
    await app.expectText(app.by("l3-role-coverage"), `20 из 27 = 74${NBSP}%`);
  });

  await t.test("print view has one sheet", async () => {
    await app.guard(app.page.emulateMedia({ media: "print" }));
    const sheets = app.page.locator(".print-sheet");
    assert.equal(await sheets.count(), 1);
    assert.ok(await sheets.first().isVisible());
    assert.equal(await app.by("l3-client-list").isVisible(), false, "the list is not printed");
    await app.guard(app.page.emulateMedia({ media: "screen" }));
  });
});
