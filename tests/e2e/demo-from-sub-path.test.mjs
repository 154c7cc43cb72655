// Behaviour: the app, served from a sub-path of a static host, opens on the demo project.
// Every asset URL is relative, so nothing is requested outside that sub-path.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

const BASE = "/some/sub/dir/";

appTest(
  "opens on the demo project «ГидроТеплоМаш» when served from a sub-path",
  async ({ app, server }) => {
    await app.open();
    await app.waitForProject("ГидроТеплоМаш");

    const outside = server.hits.filter((p) => !p.startsWith(BASE));
    assert.deepEqual(outside, [], "requests outside the app's sub-path");
    assert.ok(
      server.hits.some((p) => p.endsWith(".wasm")),
      "the wasm module was loaded from the sub-path",
    );
    assert.equal(await app.page.title(), "Слой — послойное внедрение системы продаж");
  },
  { base: BASE },
);
