// Lighthouse on the release build in dist/ (part of `bash .ci/bench`, not of `.ci/test`: scores
// depend on the machine's load). Serves dist/ as a production host would — the precompressed
// `.br`/`.gz` next to each file — and runs Lighthouse's mobile preset (simulated slow 4G and a
// 4× slower CPU) and its desktop preset on a fresh profile, which opens on the demo project.
//
// Usage: `node .ci/lighthouse.mjs [runs]` — prints each run and the median of each preset;
// exits 1 when a median misses issue 15's budget (mobile performance ≥ 90 and LCP ≤ 2,5 s,
// desktop performance ≥ 98) or accessibility is under 100. `SLOY_LH_JSON=dir` keeps the reports.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROMIUM_ARGS } from "../tests/e2e/lib/browser.mjs";
import { serveDist } from "../tests/e2e/lib/server.mjs";

const RUNS = Number(process.argv[2] ?? 3);
const BUDGET = { mobile: { performance: 90, lcp: 2500 }, desktop: { performance: 98 }, accessibility: 100 };
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// The e2e suite's flags (no network of Chromium's own, no sandbox as root), headless.
const FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(url, preset) {
  // A new profile each run: a first visit, no service worker, no stored project.
  const profile = mkdtempSync(path.join(tmpdir(), "sloy-lh-"));
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: [...FLAGS, `--user-data-dir=${profile}`] });
  try {
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] };
    const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
    const lhr = result.lhr;
    if (process.env.SLOY_LH_JSON) writeFileSync(path.join(process.env.SLOY_LH_JSON, `${preset}-${Date.now()}.json`), result.report);
    const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      fcp: audit("first-contentful-paint"),
      lcp: audit("largest-contentful-paint"),
      tbt: audit("total-blocking-time"),
      cls: audit("cumulative-layout-shift"),
      bytes: audit("total-byte-weight"),
      failed: Object.values(lhr.audits)
        .filter((a) => lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id) && a.score === 0)
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

const server = await serveDist({ compressed: true });
const medians = {};
try {
  for (const preset of ["mobile", "desktop"]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await run(server.url, preset);
      runs.push(r);
      console.log(
        `[lighthouse] ${preset} run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, ` +
          `FCP ${Math.round(r.fcp)} ms, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, CLS ${r.cls.toFixed(3)}, ` +
          `${(r.bytes / 1024).toFixed(1)} KB transferred${r.failed.length ? `; accessibility audits failed: ${r.failed.join(", ")}` : ""}`,
      );
    }
    medians[preset] = Object.fromEntries(["performance", "accessibility", "fcp", "lcp", "tbt"].map((k) => [k, median(runs.map((r) => r[k]))]));
    const m = medians[preset];
    console.log(`[lighthouse] ${preset} median: performance ${m.performance}, accessibility ${m.accessibility}, FCP ${Math.round(m.fcp)} ms, LCP ${Math.round(m.lcp)} ms, TBT ${Math.round(m.tbt)} ms`);
  }
} finally {
  await server.close();
}

const misses = [];
if (medians.mobile.performance < BUDGET.mobile.performance) misses.push(`mobile performance ${medians.mobile.performance} < ${BUDGET.mobile.performance}`);
if (medians.mobile.lcp > BUDGET.mobile.lcp) misses.push(`mobile LCP ${Math.round(medians.mobile.lcp)} ms > ${BUDGET.mobile.lcp} ms`);
if (medians.desktop.performance < BUDGET.desktop.performance) misses.push(`desktop performance ${medians.desktop.performance} < ${BUDGET.desktop.performance}`);
for (const preset of ["mobile", "desktop"]) {
  if (medians[preset].accessibility < BUDGET.accessibility) misses.push(`${preset} accessibility ${medians[preset].accessibility} < ${BUDGET.accessibility}`);
}
if (misses.length) {
  console.error(`[lighthouse] budget missed: ${misses.join("; ")}`);
  process.exit(1);
}
console.log("[lighthouse] within budget");
