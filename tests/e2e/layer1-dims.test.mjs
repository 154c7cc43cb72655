// Behaviour: the consultant adds a sales channel on «Справочники», tags a client with it in the
// client base and filters by it; deleting the channel while a client uses it is refused with
// the count, the data survive a reload, and moving the references first lets it go.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("layer 1 reference lists: add, tag, filter, refuse, move", async (session) => {
  const app = await Sloy.open(session, "#/l1/dims");
  const channels = app.by("dims-channel");
  await channels.waitFor({ state: "visible" });
  await app.expectCount(channels.getByTestId("dim-row"), 3);
  const directUsed = (await channels.getByTestId("dim-used").first().textContent()).trim();
  await channels.getByTestId("dim-new").fill("Маркетплейсы");
  await app.click(channels.getByTestId("dim-add"));
  await app.expectCount(channels.getByTestId("dim-row"), 4);
  await app.eventually(async () =>
    assert.equal(await channels.getByTestId("dim-name").last().inputValue(), "Маркетплейсы"),
  );

  // A name already in the list is refused in any case, on add and on rename.
  await channels.getByTestId("dim-new").fill("маркетплейсы");
  await app.click(channels.getByTestId("dim-add"));
  await app.expectText(channels.getByTestId("dim-error"), "«маркетплейсы» уже есть в списке");
  await app.expectCount(channels.getByTestId("dim-row"), 4);
  const firstName = channels.getByTestId("dim-name").first();
  const firstBefore = await firstName.inputValue();
  await firstName.fill("МАРКЕТПЛЕЙСЫ");
  await firstName.press("Tab");
  await app.expectText(channels.getByTestId("dim-error"), "«МАРКЕТПЛЕЙСЫ» уже есть в списке");
  await app.reload();
  await app.route("#/l1/dims");
  await app.eventually(async () =>
    assert.equal(await channels.getByTestId("dim-name").first().inputValue(), firstBefore),
  );

  // Tag K01 with the new channel.
  await app.route("#/l1/clients");
  await app.by("client-filter").fill("Малахит");
  await app.expectCount(app.by("client-row"), 1);
  await app.guard(app.by("client-channel").first().selectOption({ label: "Маркетплейсы" }));
  await app.by("client-filter").fill("");
  await app.expectText(app.by("client-count"), "из 40");
  await app.guard(app.by("filter-channel").selectOption({ label: "Маркетплейсы" }));
  await app.expectCount(app.by("client-row"), 1);
  await app.expectText(app.by("client-count"), "Показано 1 из 1");
  assert.match(await app.by("client-name").first().inputValue(), /Малахит/);

  // Deleting a used channel is refused with the count; it stays.
  await app.route("#/l1/dims");
  await app.expectText(channels.getByTestId("dim-used").last(), "1");
  await app.click(channels.getByTestId("dim-delete").last());
  await app.expectText(channels.getByTestId("dim-error"), "клиенты: 1");
  await app.expectCount(channels.getByTestId("dim-row"), 4);

  // A reload keeps the channel and the tag.
  await app.reload();
  await app.route("#/l1/clients");
  await app.guard(app.by("filter-channel").selectOption({ label: "Маркетплейсы" }));
  await app.expectText(app.by("client-count"), "Показано 1 из 1");

  // Moving its references to «Прямые продажи» lets it go.
  await app.route("#/l1/dims");
  await app.guard(channels.getByTestId("dim-move-to").last().selectOption({ label: "Прямые продажи" }));
  const message = await app.clickAndConfirm(channels.getByTestId("dim-delete").last());
  assert.match(message, /Прямые продажи/);
  await app.expectCount(channels.getByTestId("dim-row"), 3);
  // K01 is back in «Прямые продажи»: the same number of references as before.
  await app.eventually(async () =>
    assert.equal((await channels.getByTestId("dim-used").first().textContent()).trim(), directUsed),
  );
});
