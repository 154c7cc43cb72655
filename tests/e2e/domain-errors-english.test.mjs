// Behaviour: with the English interface, an edit the method refuses (a deal moved on a date
// before it was created, the won stage deleted, a duplicate stage code, a channel in use
// deleted) is explained in English, with its dates and counts; nothing is changed.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { commit, expectPlain, plain, selectByPrefix } from "./lib/l2.mjs";

const CYRILLIC = /[А-Яа-яЁё]/;

appTest("refusals of the domain are worded in English in the English UI", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/deals");
  await app.guard(app.by("deals-table").waitFor({ state: "visible" }));
  await app.click(app.by("lang-switch"));
  await app.expectText(app.page.locator("nav"), "Method map");

  await t.test("a move dated before the deal was created", async () => {
    await app.click(app.by("deal-row-D08").locator("a").first());
    await app.guard(app.by("deal-editor").waitFor({ state: "visible" }));
    const created = await app.by("deal-created").inputValue();
    const stageBefore = await plain(app.by("deal-current-stage"));
    await commit(app, app.by("move-date"), "01.01.2020");
    await selectByPrefix(app, app.by("move-stage"), "2.1 ");
    await app.click(app.by("move-btn"));
    const text = await expectPlain(app, app.by("deal-error"), "is before the deal was created");
    assert.ok(text.includes(`01.01.2020`) && text.includes(created), text);
    assert.doesNotMatch(text, CYRILLIC);
    assert.equal(await plain(app.by("deal-current-stage")), stageBefore);
  });

  await t.test("deleting the won stage, and a duplicate stage code", async () => {
    await app.route("#/l2/stages");
    await app.guard(app.by("stages-table").waitFor({ state: "visible" }));
    const won = app.page.locator("[data-testid^=stage-won-]:checked");
    const id = await won.getAttribute("data-testid");
    const i = Number(id.replace("stage-won-", ""));
    await app.click(app.by(`stage-delete-${i}`));
    await app.guard(app.by("stage-delete-panel").waitFor({ state: "visible" }));
    await selectByPrefix(app, app.by("stage-delete-target"), "7 ");
    await app.click(app.by("stage-delete-confirm"));
    const text = await expectPlain(app, app.by("stage-error"), "The «won» stage cannot be deleted");
    assert.doesNotMatch(text, CYRILLIC);
    await app.expectCount(app.page.locator("[data-testid^=stage-row-]"), 14);
    await app.click(app.by("stage-delete-cancel"));

    await commit(app, app.by("stage-code-1"), "2.2");
    const dup = await expectPlain(app, app.by("stage-error"), "A stage with code «2.2» already exists.");
    assert.doesNotMatch(dup, CYRILLIC);
    assert.equal(await app.by("stage-code-1").inputValue(), "2.1");
  });

  await t.test("deleting a channel in use", async () => {
    await app.route("#/l1/dims");
    const channels = app.by("dims-channel");
    await channels.waitFor({ state: "visible" });
    const rows = await channels.getByTestId("dim-row").count();
    await app.click(channels.getByTestId("dim-delete").first());
    const text = await expectPlain(app, channels.getByTestId("dim-error"), "In use (clients:");
    assert.match(text, /choose where to move the references/);
    // The dimension's own name is user data; the rest is English.
    assert.doesNotMatch(text.replace(/«[^»]*»/g, ""), CYRILLIC);
    await app.expectCount(channels.getByTestId("dim-row"), rows);
  });
});
