// Behaviour: the page runs under a strict Content-Security-Policy (no 'unsafe-inline'), and
// nothing the app renders violates it, on any screen it links to.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

appTest("runs under a strict CSP that nothing in the app violates", async ({ app, server }) => {
  const html = await (await fetch(server.url)).text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(meta, "index.html has a CSP <meta>");
  const csp = meta[1];
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.doesNotMatch(csp, /__SLOY_CSP__/, "the build filled in the placeholder");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]{44}')+;/);
  assert.match(csp, /style-src 'self';/);
  assert.match(csp, /object-src 'none'/);

  // Any violation is logged as a console error, which the harness turns into a failure.
  await app.open();
  await app.waitForProject("ГидроТеплоМаш");
  assert.equal(await app.cspMeta(), csp);
  for (const route of await app.routeLinks()) {
    await app.visitRoute(route);
  }
});
