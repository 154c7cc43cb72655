// Behaviour: a screen whose code cannot be fetched (a flaky network) keeps its placeholder and
// shows once a retry gets through; the app is not taken down by the failed fetch.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

const DASHBOARD_PACK = /\/sloy-dashboard-[0-9a-f]+\.bin$/;

appTest("a screen whose code failed to arrive shows after a retry", async (session) => {
  const { app, page } = session;
  // The one refused request is the point of the test.
  session.expectErrors(/request failed: .*\/sloy-dashboard-[0-9a-f]+\.bin/);
  session.expectErrors(/console\.error: Failed to load resource: net::ERR_FAILED/); // the browser's own log of it
  let requests = 0;
  await page.route(DASHBOARD_PACK, (route) => (requests++ === 0 ? route.abort() : route.continue()));

  await app.open("#/dashboard");
  await app.waitForProject("ГидроТеплоМаш");
  await app.waitForScreen("dash-page", { timeout: 30_000 });
  assert.ok(requests >= 2, `the dashboard's pack was fetched again after the failure (${requests} requests)`);

  // The app still works: another screen opens.
  await app.visitRoute("#/method");
  await app.waitForScreen("method-page");
});
