// Behaviour: Sloy is an installable app. Its page links a web app manifest (name «Слой», relative
// start URL and scope, so it installs from a sub-path, icons of 192 and 512 px and a maskable
// one), which the CSP allows; Chromium reports no reason not to offer installing it; and the
// manifest and icons come from the service worker's cache, so the installed app opens offline.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";

appTest(
  "Chromium finds Sloy installable, and the installed app opens offline",
  async ({ app, page, context, server }) => {
    await app.open();
    await app.waitForProject("ГидроТеплоМаш");
    await app.waitForServiceWorkerControl();

    const manifestUrl = await page.evaluate(() => document.querySelector("link[rel=manifest]")?.href);
    assert.equal(manifestUrl, `${server.url}manifest.webmanifest`, "the manifest sits beside index.html");
    const csp = await app.cspMeta();
    assert.match(csp, /manifest-src 'self'/);

    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), manifestUrl);
    assert.equal(manifest.name, "Слой");
    assert.equal(manifest.start_url, "./");
    assert.equal(manifest.scope, "./");
    assert.equal(manifest.display, "standalone");
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort();
    assert.deepEqual(icons, ["192x192 any", "512x512 any", "512x512 maskable"]);

    // Every icon is a PNG of the size the manifest says.
    for (const icon of manifest.icons) {
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, new URL(icon.src, manifestUrl).href);
      assert.equal(size, icon.sizes, icon.src);
    }

    // What Chromium checks before it offers to install the app.
    const cdp = await context.newCDPSession(page);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    assert.equal(url, manifestUrl);
    assert.deepEqual(errors, [], "the manifest parses without errors");
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "installability errors");

    // Offline, the app opens, and its manifest and icons are answered from the cache.
    await context.setOffline(true);
    server.offline = true;
    const hitsBefore = server.hits.length;
    await app.reload();
    await app.waitForProject("ГидроТеплоМаш");
    for (const src of [manifestUrl, ...manifest.icons.map((i) => new URL(i.src, manifestUrl).href)]) {
      const status = await page.evaluate(async (u) => (await fetch(u)).status, src);
      assert.equal(status, 200, `${src} offline`);
    }
    assert.deepEqual(server.hits.slice(hitsBefore), [], "requests reached the server while offline");
  },
  { base: "/tools/sloy/" },
);
