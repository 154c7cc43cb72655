// Behaviour: a new project starts with the channel-independent layer-4 content in Russian —
// the 2.1/2.2/2.3 question lists, the ЛФР briefing checklist, the КП and ТЭО templates — and
// the method map still ticks no layer-4 result for it (they need the channels' own content).
// The general questions show under each channel once one exists (native test in tools.rs).

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("a new project has the default layer-4 content and no layer-4 result ticked", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.click(app.by("new-empty"));
  await app.expectCurrentProject("Новый проект");

  await t.test("the method map ticks no layer-4 result", async () => {
    await app.route("#/method");
    for (const id of ["l4.r.matrix", "l4.r.questions", "l4.r.briefing", "l4.r.templates"]) {
      await app.guard(app.by(`tick-${id}`).waitFor({ state: "attached" }));
      assert.equal(await app.by(`tick-${id}`).isChecked(), false, `${id} not met`);
    }
  });

  await t.test("briefing and templates are there", async () => {
    await app.route("#/l4/briefing");
    const items = app.by("l4-briefing-item");
    await app.eventually(async () => assert.equal(await items.count(), 14));
    assert.equal(
      await items.first().locator("input").first().inputValue(),
      "Потребление электроэнергии оборудованием за 12 месяцев",
    );
    assert.equal(await app.by("l4-default-briefing").count(), 0, "nothing to fill");
    await app.route("#/l4/docs?doc=kp");
    const tpl = app.by("l4-template");
    await app.guard(tpl.waitFor({ state: "visible" }));
    assert.match(await tpl.inputValue(), /^КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ № \{number\}/);
    await app.route("#/l4/docs?doc=teo");
    await app.eventually(async () => assert.match(await tpl.inputValue(), /ТЕХНИКО-ЭКОНОМИЧЕСКОЕ ОБОСНОВАНИЕ/));
  });
});
