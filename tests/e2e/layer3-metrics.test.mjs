// Behaviour: the layer-3 metrics tab shows the demo quarter's touch points and A/B leads
// against the leads needed from layer 1, and the layer's results ticked from the data, each
// linking to the tab where it is fixed; completing the maps ticks the result.

import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { expectPlain } from "./lib/l2.mjs";

appTest("layer 3 metrics and results", async (session, t) => {
  const app = await Sloy.open(session, "#/l3/metrics");

  await t.test("touch points and leads of Q1 2025 against the need", async () => {
    await expectPlain(app, app.by("l3-metric-touches-A"), "Точек контакта: 43, в среднем 4,8 на клиента (цель 6)");
    await expectPlain(app, app.by("l3-metric-leads-A"), "при нужных 16 (");
    await expectPlain(app, app.by("l3-metric-leads-B"), "при нужных 19 (");
  });

  await t.test("results: ✓ typical maps, programme, PR plan; ✗ A maps with the clients", async () => {
    await expectPlain(app, app.by("l3-result-0"), "✓ выполнено");
    await expectPlain(app, app.by("l3-result-1"), "✗ не хватает: K04, K05, K07, K08, K09");
    await expectPlain(app, app.by("l3-result-2"), "✓ выполнено");
    await expectPlain(app, app.by("l3-result-3"), "✓ выполнено");
  });

  await t.test("the A-maps result links to the project maps", async () => {
    await app.click(app.by("l3-result-1").locator("a"));
    await app.expectText(app.by("l3-role-coverage"), "19 из 27");
  });
});
