// Draws the app's PNG icons (public/icon-*.png, listed in public/manifest.webmanifest) from
// public/favicon.svg with headless Chromium: 192 and 512 px as drawn, and a 512 px "maskable"
// one whose mark sits inside the central safe zone on a full-bleed background, for launchers that
// cut icons to a circle or a squircle. Run after changing the favicon:
// `node .ci/icons.mjs` (the PNGs are committed; the build only copies them).

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../tests/e2e/lib/browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC = path.join(ROOT, "public");
/** The favicon's background colour, which a maskable icon bleeds to its edges. */
const BACKGROUND = "#1f3a5f";

const svg = await readFile(path.join(PUBLIC, "favicon.svg"), "utf8");
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
const browser = await launchBrowser();
try {
  const page = browser.page;
  for (const [file, size, maskable] of [
    ["icon-192.png", 192, false],
    ["icon-512.png", 512, false],
    ["icon-maskable-512.png", 512, true],
  ]) {
    // The safe zone of a maskable icon is the central circle of 80 % of its width.
    const mark = maskable ? Math.round(size * 0.62) : size;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? BACKGROUND : "transparent"}">` +
        `<img src="${src}" width="${mark}" height="${mark}"></body>`,
    );
    await page.locator("img").evaluate((img) => img.decode());
    await page.screenshot({ path: path.join(PUBLIC, file), omitBackground: !maskable });
    console.log(`[icons] public/${file} (${size}×${size}${maskable ? ", maskable" : ""})`);
  }
} finally {
  await browser.close();
}
