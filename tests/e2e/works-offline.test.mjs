// Behaviour: after one visit the app works with no network, thanks to its service worker;
// a reload on any route is answered from the cache.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

appTest(
  "after the first visit the app opens offline with its data",
  async ({ app, context, server }) => {
    await app.open();
    await app.waitForProject("ГидроТеплоМаш");
    await app.waitForServiceWorkerControl();

    await context.setOffline(true);
    server.offline = true; // and the server refuses too, should anything slip past
    const hitsBefore = server.hits.length;

    await app.reload();
    await app.waitForProject("ГидроТеплоМаш");

    // A reload on a deep route falls back to the cached index.html.
    await app.open("#/some/route");
    await app.reload();
    await app.waitForProject("ГидроТеплоМаш");

    assert.deepEqual(server.hits.slice(hitsBefore), [], "requests reached the server while offline");
  },
  { base: "/offline/" },
);
