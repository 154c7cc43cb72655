// Behaviour: a consultant takes tables to Excel and charts to a presentation. Every table has
// «CSV» and «Excel» buttons: the CSV is UTF-8 with a BOM, `;`-separated, numbers with a decimal
// comma and no digit grouping (Russian Excel reads them as numbers), the same header and cells as
// the screen; the .xlsx is a valid book whose worksheet holds the same header and cells. Every
// chart has «PNG» (the canvas's pixels) and «SVG» (vector) buttons.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const run = promisify(execFile);

/** Clicks `locator` and returns the download's file name, path and bytes. */
async function download(app, locator) {
  const [d] = await app.guard(Promise.all([app.page.waitForEvent("download", { timeout: 15_000 }), locator.click()]));
  assert.equal(await d.failure(), null);
  const path = await d.path();
  return { name: d.suggestedFilename(), path, bytes: await readFile(path) };
}

/** The table `id` as shown: header texts and rows of cell texts (controls: their value). */
async function shownTable(app, id) {
  return app.page.evaluate((id) => {
    const text = (el) => {
      const c = el.querySelector("select, input:not([type=checkbox]), textarea");
      if (c) return (c.tagName === "SELECT" ? c.selectedOptions[0]?.textContent ?? "" : c.value).trim();
      const box = el.querySelector("input[type=checkbox]");
      if (box) return box.checked ? "✓" : "";
      return el.textContent.split(/\s+/).filter(Boolean).join(" ");
    };
    const t = document.getElementById(id);
    const head = [...t.querySelectorAll("thead tr:last-child > th, thead tr:last-child > td")].map(text);
    const rows = [...t.querySelectorAll(":scope > tbody > tr, :scope > tfoot > tr")].map((r) =>
      [...r.querySelectorAll(":scope > th, :scope > td")].map(text),
    );
    return { head, rows };
  }, id);
}

/** A shown cell as the CSV writes it: Russian numbers without digit grouping. */
const isNumber = (s) => /^[-\u2212]?\d[\d \u00a0\u202f]*(,\d+)?$/.test(s);
const numberOf = (s) => Number(s.replace(/[ \u00a0\u202f]/g, "").replace("\u2212", "-").replace(",", "."));
const asCsv = (s) => (isNumber(s) ? String(numberOf(s)).replace(".", ",") : s);

/** Parses the app's CSV (`;`, CRLF, quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), (i += 1);
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function checkTable(app, id) {
  const shown = await shownTable(app, id);
  assert.ok(shown.rows.length > 0, `${id}: rows on screen`);

  const csv = await download(app, app.by(`export-csv-${id}`));
  assert.match(csv.name, /\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const rows = parseCsv(csv.bytes.subarray(3).toString("utf8"));
  assert.deepEqual(rows[0], shown.head, `${id}: CSV header`);
  const body = rows.slice(1);
  const want = shown.rows.filter((r) => r.some((c) => c !== ""));
  assert.equal(body.length, want.length, `${id}: CSV rows`);
  for (const [i, r] of want.entries()) {
    assert.deepEqual(body[i], r.map(asCsv), `${id}: CSV row ${i + 1}`);
  }

  const xlsx = await download(app, app.by(`export-xlsx-${id}`));
  assert.match(xlsx.name, /\.xlsx$/);
  // A valid zip whose worksheet holds the header and the first row's texts.
  const { stdout } = await run("python3", [
    "-c",
    "import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({'names': z.namelist(), 'sheet': z.read('xl/worksheets/sheet1.xml').decode('utf-8')}))",
    xlsx.path,
  ]);
  const book = JSON.parse(stdout);
  assert.ok(book.names.includes("xl/workbook.xml") && book.names.includes("[Content_Types].xml"), "an Excel book");
  const xmlText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  for (const h of shown.head.filter(Boolean)) assert.ok(book.sheet.includes(`>${xmlText(h)}</t>`), `${id}: header «${h}» in the book`);
  const firstText = want[0].find((c) => c && asCsv(c) === c);
  if (firstText) assert.ok(book.sheet.includes(xmlText(firstText)), `${id}: «${firstText}» in the book`);
  const firstNumber = want[0].find((c) => c && asCsv(c) !== c);
  if (firstNumber) assert.ok(book.sheet.includes(`<v>${String(numberOf(firstNumber))}</v>`), `${id}: ${firstNumber} as a number cell`);
  return shown;
}

async function checkChart(app, testid, expectedText) {
  const png = await download(app, app.by(`export-png-${testid}`));
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  const [w, h] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
  const canvas = await app.by(testid).locator("canvas").evaluate((c) => [c.width, c.height]);
  assert.deepEqual([w, h], canvas, "the PNG has the canvas's pixels");
  const svg = await download(app, app.by(`export-svg-${testid}`));
  assert.match(svg.name, /\.svg$/);
  const text = svg.bytes.toString("utf8");
  assert.match(text, /^<svg[\s\S]*<\/svg>\s*$/);
  if (expectedText) assert.ok(text.includes(expectedText), `SVG of ${testid} has «${expectedText}»`);
}

appTest("tables export to CSV and Excel, charts to PNG and SVG", async (session, t) => {
  const app = await Sloy.open(session, "#/l1/clients");

  await t.test("clients (editable cells: their values)", async () => {
    await app.guard(app.by("clients-table").waitFor({ state: "visible" }));
    await checkTable(app, "tbl-clients-table");
  });

  await t.test("ABC table and the Pareto chart", async () => {
    await app.route("#/l1/abc");
    await app.guard(app.by("abc-table").waitFor({ state: "visible" }));
    await checkTable(app, "tbl-abc-table");
    await checkChart(app, "pareto-chart");
  });

  await t.test("scoreboard", async () => {
    await app.route("#/l2/board");
    await app.guard(app.by("l2-board").waitFor({ state: "visible" }));
    await checkTable(app, "tbl-l2-board");
  });
});

// A second browser: Chromium stops a page's downloads after a handful in a row.
appTest("the funnel and the touch points export too", async (session, t) => {
  const app = await Sloy.open(session, "#/l2/funnel");

  await t.test("funnel table and chart", async () => {
    await app.guard(app.by("funnel-table").waitFor({ state: "visible" }));
    await checkTable(app, "tbl-funnel-table");
    await checkChart(app, "funnel-chart");
  });

  await t.test("touch points", async () => {
    await app.route("#/l3/touches");
    await app.guard(app.by("l3-touch-clients").waitFor({ state: "visible" }));
    await checkTable(app, "tbl-l3-touch-clients");
  });
});
