// Behaviour: in the client base the consultant adds a client, cannot give it a code another
// client has (codes tell clients apart in imports), cannot delete a client that still has deals
// (told why before being asked to confirm), and deletes the new client after confirming.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 clients: add, unique codes, delete", async (session) => {
  const app = await Sloy.open(session, "#/l1/clients");
  await app.expectText(app.by("client-count"), "из 40");

  // A taken code is refused, case-insensitively; nothing is added.
  await app.by("new-client-code").fill("k01");
  await app.by("new-client-name").fill("Новый завод");
  await app.click(app.by("client-add"));
  await app.expectText(app.by("client-error"), "Код «k01» уже есть у клиента K01 ГОК «Малахит»");
  await app.by("client-filter").fill("");
  await app.expectText(app.by("client-count"), "из 40");

  // A free code is accepted; the message goes away.
  await app.by("new-client-code").fill("K41");
  await app.by("new-client-name").fill("Новый завод");
  await app.click(app.by("client-add"));
  await app.expectCount(app.by("client-error"), 0);
  await app.expectCount(app.by("client-row"), 1);

  // Changing its code to a taken one is refused and not saved.
  const code = app.by("client-code").first();
  await code.fill("K02");
  await code.press("Tab");
  await app.expectText(app.by("client-error"), "Код «K02» уже есть у клиента K02");
  await app.reload();
  await app.route("#/l1/clients");
  await app.by("client-filter").fill("Новый завод");
  await app.eventually(async () => assert.equal(await app.by("client-code").first().inputValue(), "K41"));

  // A client with deals: told why, no confirmation asked.
  await app.by("client-filter").fill("Химкомбинат");
  await app.expectCount(app.by("client-row"), 1);
  let asked = false;
  const onDialog = (d) => {
    asked = true;
    d.dismiss();
  };
  app.page.on("dialog", onDialog);
  await app.click(app.by("client-delete"));
  await app.expectText(app.by("client-error"), "сначала удалите их");
  app.page.off("dialog", onDialog);
  assert.equal(asked, false);

  // The new client goes after confirming.
  await app.by("client-filter").fill("Новый завод");
  await app.expectCount(app.by("client-row"), 1);
  await app.clickAndConfirm(app.by("client-delete"));
  await app.expectCount(app.by("client-row"), 0);
  await app.by("client-filter").fill("");
  await app.expectText(app.by("client-count"), "из 40");
});
