// Behaviour: the app never contacts another host: no fonts, analytics or CDNs. (The harness
// checks this in every test; here it is the point, over every screen the app links to.)

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

appTest("every request stays on the app's own origin", async ({ app, server, requests }) => {
  await app.open();
  await app.waitForProject("ГидроТеплоМаш");
  for (const route of await app.routeLinks()) {
    await app.visitRoute(route);
  }
  assert.ok(requests.length > 0, "the page made requests");
  const foreign = requests.filter((url) => !url.startsWith("data:") && !url.startsWith(server.origin) && !url.startsWith(`blob:${server.origin}`));
  assert.deepEqual(foreign, []);
});
