// Screenshots of every screen and tab of the Russian demo (src/domain/route.rs, as the e2e specs
// walk them) at a laptop's 1366×900 and a phone's 390×844, plus the printed documents (КП, ТЭО,
// layer report, diagnosis report, a project map, the PR plan) as A4 PDFs rendered to PNG with
// `pdftoppm -png -r 60` — to look at the app as a client would. Needs dist/ (`bash .ci/test build`).
//
//   node .ci/screens.mjs <folder> [filter]     e.g. node .ci/screens.mjs /tmp/shots l2
//
// Files: <folder>/<width>/<place>.png (full page), <folder>/<width>/<place>.top.png (the first
// screenful), <folder>/print/<document>-<page>.png.

import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Session } from "../tests/e2e/lib/harness.mjs";
import { Sloy } from "../tests/e2e/lib/app.mjs";
import { everyPlace } from "../tests/e2e/lib/routes.mjs";

const run = promisify(execFile);
const [out, filter = ""] = process.argv.slice(2);
if (!out) {
  console.error("usage: node .ci/screens.mjs <folder> [filter]");
  process.exit(2);
}
const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fileOf = (place) => place.replace(/^#\//, "").replace(/[/?=&]+/g, "-") || "start";

const session = await Session.start();
try {
  const app = await Sloy.open(session, "#/method");
  const page = session.page;
  const places = everyPlace().filter((p) => p.includes(filter));
  for (const size of SIZES) {
    const dir = path.join(out, String(size.width));
    await mkdir(dir, { recursive: true });
    await page.setViewportSize(size);
    for (const place of places) {
      await app.route(place);
      await page.waitForLoadState("load");
      await sleep(300);
      await page.screenshot({ path: path.join(dir, `${fileOf(place)}.top.png`) });
      await page.screenshot({ path: path.join(dir, `${fileOf(place)}.png`), fullPage: true });
      console.log(`${size.width} ${place}`);
    }
  }

  // The documents, printed as the browser's «Печать» does.
  const printDir = path.join(out, "print");
  await mkdir(printDir, { recursive: true });
  const pdfDir = path.join(tmpdir(), "sloy-screens");
  await mkdir(pdfDir, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 900 });
  const print = async (name) => {
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => document.fonts.ready);
    const file = path.join(pdfDir, `${name}.pdf`);
    await writeFile(file, await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true }));
    await page.emulateMedia({ media: "screen" });
    await run("pdftoppm", ["-png", "-r", "60", file, path.join(printDir, name)]);
    console.log(`print ${name}`);
  };
  if (!filter || filter === "print") {
    await app.route("#/l4/docs");
    const picker = app.by("l4-deal-picker");
    await picker.waitFor({ state: "visible" });
    const d01 = await picker
      .locator("option")
      .evaluateAll((os) => os.find((o) => o.textContent.startsWith("D01"))?.value);
    for (const doc of ["kp", "teo"]) {
      await app.route(`#/l4/docs?deal=${d01}&doc=${doc}`);
      await app.by("l4-doc").waitFor({ state: "visible" });
      await sleep(300);
      await print(`${doc}-D01`);
    }
    await app.route("#/method/report");
    await app.by("layer-report").waitFor({ state: "visible" });
    await print("layer-report");
    await app.route("#/diagnosis/report");
    await app.by("diag-report").waitFor({ state: "visible" });
    await print("diagnosis-report");
    await app.route("#/l3/maps");
    await app.click(app.by("l3-client-K01"));
    await app.by("l3-map").waitFor({ state: "visible" });
    await print("map-K01");
    await app.route("#/l3/pr");
    await app.by("l3-pr").waitFor({ state: "visible" });
    await print("pr-plan");
  }
  if (session.errors.length) console.error(`page errors:\n  ${session.errors.join("\n  ")}`);
} finally {
  await session.close();
}
