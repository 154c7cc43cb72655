// Behaviour: the app never contacts another host: no fonts, analytics or CDNs. (The harness
// checks this in every test; here it is the point, over every screen the app links to.)

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

appTest("every request stays on the app's own origin", async (session) => {
  const { app, requests } = session;
  await app.open();
  await app.waitForProject("ГидроТеплоМаш");
  for (const route of await app.routeLinks()) {
    await app.visitRoute(route);
  }
  assert.ok(requests.some((url) => url.endsWith(".wasm")), "the page loaded its wasm");
  assert.deepEqual(
    requests.filter((url) => !session.isOwnUrl(url)),
    [],
  );
});
