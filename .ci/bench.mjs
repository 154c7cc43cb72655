// Budgets of the release build in dist/ (run `bash .ci/bench`, which builds first):
//   - size: the size gate .ci/size.mjs (first visit ≤ 350 KB gzip, each other screen ≤ 120 KB
//     more; also a step of .ci/test);
//   - first render: from navigation start until the header shows the demo project's name, in
//     headless Chromium, cold (fresh profile: no HTTP cache, no service worker), median of
//     several runs; budget 1 s. Also the warm reload (service worker + compiled-code cache).
// Timings depend on the machine's load, so they are reported here and never asserted in tests.
// Exits 1 when the size is over budget; a slow render is reported as a warning.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../tests/e2e/lib/browser.mjs";
import { serveDist } from "../tests/e2e/lib/server.mjs";

const RENDER_BUDGET_MS = 1000;
const DEMO_NAME = "ГидроТеплоМаш";
const RUNS = Number(process.env.SLOY_BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from navigation start until the header shows the demo's name. */
async function firstRender(page, url) {
  await page.goto(url);
  await page.locator("header").getByText(DEMO_NAME).first().waitFor({ timeout: 30_000 });
  // The wait polls; ask the page when the text really appeared, via the observer installed below.
  return page.evaluate(() => window.__sloyRenderedAt);
}

// Records, in the page, the moment the header first contains the demo's name.
function observeRender(name) {
  const check = () => {
    if (window.__sloyRenderedAt) return;
    const header = document.querySelector("header");
    if (header && header.textContent.includes(name)) window.__sloyRenderedAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

async function renderTimes() {
  const server = await serveDist({ base: "/bench/" });
  const cold = [];
  const warm = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const browser = await launchBrowser();
      try {
        await browser.context.addInitScript(observeRender, DEMO_NAME);
        cold.push(await firstRender(browser.page, server.url));
        await browser.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        warm.push(await firstRender(browser.page, server.url));
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return { cold, warm };
}

const sizeOk = spawnSync(process.execPath, [fileURLToPath(new URL("./size.mjs", import.meta.url))], {
  stdio: "inherit",
}).status === 0;

const { cold, warm } = await renderTimes();
const coldMs = median(cold);
const renderOk = coldMs <= RENDER_BUDGET_MS;
console.log(`first render, cold (median of ${RUNS}): ${coldMs.toFixed(0)} ms of ${RENDER_BUDGET_MS} ms budget — ${renderOk ? "OK" : "OVER BUDGET (warning: timing depends on machine load)"}`);
console.log(`  cold runs: ${cold.map((t) => t.toFixed(0)).join(", ")} ms`);
console.log(`first render, warm reload (median): ${median(warm).toFixed(0)} ms; runs: ${warm.map((t) => t.toFixed(0)).join(", ")} ms`);
process.exitCode = sizeOk ? 0 : 1;
