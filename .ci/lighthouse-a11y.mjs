// Lighthouse accessibility on every screen and tab of the demo (src/domain/route.rs, as the e2e
// specs walk them), with Lighthouse's mobile and desktop presets, on the release build in dist/.
// Lighthouse resets the origin's storage before each run, so every screen opens as on a first
// visit (on the demo project).
//
// Usage: `node .ci/lighthouse-a11y.mjs [filter]` — prints the score of each screen and preset and
// the failed audits with their elements; exits 1 when a score is under 100.

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS } from "../tests/e2e/lib/browser.mjs";
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { everyPlace } from "../tests/e2e/lib/routes.mjs";

const filter = process.argv[2] ?? "";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// The e2e suite's flags (no network of Chromium's own, no sandbox as root), headless.
const FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

const server = await serveDist({ compressed: true });
const profile = mkdtempSync(path.join(tmpdir(), "sloy-lh-a11y-"));
const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...FLAGS, `--user-data-dir=${profile}`] });
const low = [];
try {
  for (const place of everyPlace().filter((p) => p.includes(filter))) {
    for (const preset of ["mobile", "desktop"]) {
      // Accessibility does not depend on network or CPU speed: no throttling, no screenshots,
      // which makes a run several times faster than the performance presets.
      const flags = {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["accessibility"],
        throttlingMethod: "provided",
        disableFullPageScreenshot: true,
      };
      const result = await lighthouse(server.url + place, flags, preset === "desktop" ? desktopConfig : undefined);
      const lhr = result.lhr;
      const score = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
      const failed = lhr.categories.accessibility.auditRefs
        .map((r) => lhr.audits[r.id])
        .filter((a) => a.score === 0)
        .map((a) => {
          const items = (a.details?.items ?? []).slice(0, 4).map((i) => i.node?.snippet ?? i.node?.selector ?? "");
          return `${a.id}${items.length ? `: ${items.join(" | ")}` : ""}`;
        });
      console.log(`[a11y] ${place} ${preset}: ${score}${failed.length ? `\n    ${failed.join("\n    ")}` : ""}`);
      if (score < 100) low.push(`${place} ${preset} ${score}`);
    }
  }
} finally {
  await chrome.kill();
  rmSync(profile, { recursive: true, force: true });
  await server.close();
}
if (low.length) {
  console.error(`[a11y] under 100: ${low.join("; ")}`);
  process.exit(1);
}
console.log("[a11y] 100 on every screen");
