// Behaviour: each screen's code is a part of the build fetched when the screen is first shown,
// and every route still opens cold — a reload on it — online, and again offline after the first
// visit (the service worker has every part). No console error on any.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

/** Every route and the screen it shows. */
const SCREENS = [
  ["#/method", "method-page"],
  ["#/method/report", "report-page"],
  ["#/dashboard", "dash-page"],
  ["#/l1", "l1-page"],
  // The tabs of layer 1 are parts of their own.
  ...["dims", "abc", "hypotheses", "goals", "plans", "structure", "planfact"].map((tab) => [`#/l1/${tab}`, "l1-page"]),
  ["#/l2", "l2-page"],
  ...["funnel", "metrics", "deals", "stages"].map((tab) => [`#/l2/${tab}`, "l2-page"]),
  ["#/l3", "l3-page"],
  ["#/l4", "l4-page"],
  ["#/l5", "l5-page"],
  ["#/diagnosis", "diag-page"],
  ["#/data", "data-page"],
  ["#/projects", "projects-page"],
  ["#/glossary", "glossary-page"],
];

async function coldLoadEveryRoute(app) {
  for (const [hash, screen] of SCREENS) {
    await app.open(hash);
    await app.reload();
    await app.waitForProject("ГидроТеплоМаш");
    await app.waitForScreen(screen);
    await app.waitForScreenCode(); // and its tab's part, where the tab is one
  }
}

appTest(
  "every route opens on a reload, online and then offline",
  async ({ app, context, server, requests }) => {
    await app.open();
    await app.waitForScreen("method-page");
    const code = requests.filter((url) => /\.(wasm|bin)$/.test(url));
    assert.ok(
      code.some((url) => url.endsWith("_bg.wasm")) && code.some((url) => /\/sloy-method-[0-9a-f]+\.bin$/.test(url)),
      `the app loads its main module and the method map's pack: ${code.join(", ")}`,
    );

    await coldLoadEveryRoute(app);
    await app.waitForServiceWorkerControl();

    await context.setOffline(true);
    server.offline = true; // and the server refuses too, should anything slip past
    const hitsBefore = server.hits.length;
    await coldLoadEveryRoute(app);
    assert.deepEqual(server.hits.slice(hitsBefore), [], "requests reached the server while offline");
  },
  { base: "/cold/", timeout: 300_000 },
);
