// Behaviour: the client base can be filtered, sorted, added to, edited and deleted from, and
// the edits survive a reload.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 clients: add, edit, filter, sort, delete, reload", async (session) => {
  const app = await Sloy.open(session, "#/l1/clients");
  await app.by("clients-table").waitFor({ state: "visible" });
  const names = () => app.by("client-name").evaluateAll((es) => es.map((e) => e.value));

  await app.click(app.by("client-add"));
  await app.by("client-filter").fill("Новый клиент");
  await app.expectCount(app.by("client-row"), 1);
  const name = app.by("client-name").first();
  await name.fill("Тестовый клиент");
  await name.press("Tab");
  const rev = app.by("client-revenue").first();
  await rev.fill("abc");
  await rev.press("Tab");
  await app.expectText(app.by("client-error"), "число");
  await rev.fill("123");
  await rev.press("Tab");

  await app.reload();
  await app.by("clients-table").waitFor({ state: "visible" });
  await app.by("client-filter").fill("Тестовый");
  await app.expectCount(app.by("client-row"), 1);
  await app.eventually(async () => assert.deepEqual(await names(), ["Тестовый клиент"]));

  await app.by("client-filter").fill("");
  await app.click(app.by("sort-revenue"));
  await app.click(app.by("sort-revenue"));
  await app.eventually(async () => {
    const codes = await app.by("client-code").evaluateAll((es) => es.map((e) => e.value));
    assert.equal(codes[0], "K01");
  });

  await app.by("client-filter").fill("Тестовый");
  await app.expectCount(app.by("client-row"), 1);
  await app.clickAndConfirm(app.by("client-delete").first());
  await app.expectCount(app.by("client-row"), 0);
  await app.reload();
  await app.by("clients-table").waitFor({ state: "visible" });
  await app.by("client-filter").fill("Тестовый");
  await app.expectCount(app.by("client-row"), 0);
});
