// Behaviour: a consultant takes tables to Excel and charts to a presentation. Every table has
// «CSV» and «Excel» buttons: the CSV is UTF-8 with a BOM, `;`-separated, numbers with a decimal
// comma and no digit grouping (Russian Excel reads them as numbers), the same header and cells as
// the screen; the .xlsx is a valid book whose worksheet holds the same header and cells. Every
// chart has «PNG» (the canvas's pixels) and «SVG» (vector) buttons. The clients' book reads back
// through the app's own Excel reader (the clients import: the same columns and rows). A walk over
// every screen and tab fails on a table without the buttons (a column of row buttons is not
// exported). Chromium stops a tab's downloads after a handful in a row: the tables are spread
// over fresh tabs.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { appTest } from "./lib/harness.mjs";
import { Sloy, watchPage } from "./lib/app.mjs";

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
      // What is marked data-export="skip" (a sort arrow) is not exported.
      const copy = el.cloneNode(true);
      for (const skip of copy.querySelectorAll("[data-export=skip]")) skip.remove();
      return copy.textContent.split(/\s+/).filter(Boolean).join(" ");
    };
    const t = document.getElementById(id);
    const headCells = [...t.querySelectorAll("thead tr:last-child > th, thead tr:last-child > td")];
    // Columns of row actions (their header says data-export="skip") are not exported.
    const skip = headCells.map((c) => c.dataset.export === "skip");
    const keep = (cells) => (cells.length === skip.length ? cells.filter((_, i) => !skip[i]) : cells);
    const head = keep(headCells).map(text);
    const rows = [...t.querySelectorAll(":scope > tbody > tr, :scope > tfoot > tr")].map((r) =>
      keep([...r.querySelectorAll(":scope > th, :scope > td")]).map(text),
    );
    return { head, rows, skipped: skip.filter(Boolean).length };
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
  assert.ok(!rows[0].includes("Действия") && !rows[0].includes("Actions"), `${id}: no column of row buttons in the CSV`);
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
  return { ...shown, rowsWithData: want, xlsx: xlsx.bytes };
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
    const table = await checkTable(app, "tbl-clients-table");

    // The book reads back through the app's own Excel reader (the clients import): as many rows,
    // the same header and names.
    await app.click(app.by("import-clients"));
    await app.guard(
      app.by("import-file").setInputFiles({
        name: "clients.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: table.xlsx,
      }),
    );
    const info = await app.expectText(app.by("import-file-info"), /clients\.xlsx: \d+ строк/);
    assert.equal(Number(info.match(/: (\d+) строк/)[1]), table.rowsWithData.length, `rows read back: ${info}`);
    // The mapping lists the book's columns with their first value.
    const mapping = await app.expectText(app.by("import-mapping"), table.rowsWithData[0][1]);
    for (const h of table.head) assert.ok(mapping.includes(h), `header «${h}» read back: ${mapping.slice(0, 300)}`);
    await app.click(app.by("import-close"));
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

/**
 * A fresh tab of the same browser (same projects) at `hash`: Chromium counts a page's downloads
 * in a row per tab, so each tab downloads a couple of tables only.
 */
async function freshTab(session, previous, hash) {
  if (previous && previous.page !== session.page) await previous.page.close();
  const page = await session.context.newPage();
  watchPage(session, page, `tab ${hash}`);
  const app = new Sloy(session, page);
  await app.goto(hash);
  return app;
}


/**
 * Every other table of the app, two per tab: `[hash, [table ids], optional step before]`. The
 * lists are the tables with an export bar on each screen, so a table that loses its bar fails.
 */
const SCREENS = [
  ["#/dashboard", ["tbl-dash-managers"]],
  ["#/l1/dims", ["tbl-dims-line", "tbl-dims-channel"]],
  ["#/l1/dims", ["tbl-dims-region"]],
  ["#/l1/abc", ["tbl-abc-summary"]],
  ["#/l1/hypotheses", ["tbl-h-table"]],
  ["#/l1/goals", ["tbl-category-shares", "tbl-project-goals-table"]],
  ["#/l1/goals", ["tbl-market-share", "tbl-market-volumes"]],
  ["#/l1/plans", ["tbl-plans-table", "tbl-plans-proposal"], (app) => app.click(app.by("plans-propose"))],
  ["#/l1/structure", ["tbl-managers-table"]],
  ["#/l1/planfact", ["tbl-plan-fact", "tbl-actuals-table"]],
  ["#/l2/metrics", ["tbl-leads-table", "tbl-cohort-table"]],
  ["#/l2/metrics", ["tbl-snapshot-table", "tbl-pipeline-table"]],
  ["#/l2/deals", ["tbl-deals-table"]],
  ["#/l2/stages", ["tbl-l2-stages"]],
  ["#/l3/touches", ["tbl-l3-touch-log"]],
  ["#/l3/programme", ["tbl-l3-prog-totals", "tbl-l3-prog-months"]],
  ["#/l3/programme", ["tbl-l3-activities"]],
  ["#/l3/metrics", ["tbl-l3-metrics-table"]],
  ["#/l4/matrix", ["tbl-l4-matrix", "tbl-l4-needs"]],
  ["#/l4/matrix", ["tbl-l4-advantages"]],
  ["#/l4/briefing", ["tbl-l4-briefing"]],
  ["#/l4/metrics", ["tbl-l4-teo-table"]],
  ["#/l5/coaching", ["tbl-l5-per-manager", "tbl-l5-per-stage"]],
  // The demo has no saved diagnosis: save the current one first.
  [
    "#/diagnosis/result",
    ["tbl-diag-history"],
    async (app) => {
      await app.click(app.by("diag-save"));
      await app.route("#/diagnosis/history");
    },
  ],
  ["#/data", ["tbl-managers-table", "tbl-clients-table"]],
  ["#/data", ["tbl-deals-table", "tbl-stages-table"]],
];

/** The other charts: `[hash, test id]`. */
const CHARTS = [
  ["#/dashboard", "dash-funnel"],
  ["#/l1/planfact", "pf-chart"],
];

appTest(
  "every other table exports to CSV and Excel, every other chart to PNG and SVG",
  async (session, t) => {
    let app = null;
    for (const [hash, tables, before] of SCREENS) {
      await t.test(`${hash}: ${tables.join(", ")}`, async () => {
        app = await freshTab(session, app, hash);
        if (before) await before(app);
        for (const id of tables) {
          await app.guard(app.page.locator(`#${id}`).waitFor({ state: "visible" }));
          await checkTable(app, id);
        }
      });
    }
    for (const [hash, chart] of CHARTS) {
      await t.test(`${hash}: ${chart}`, async () => {
        app = await freshTab(session, app, hash);
        await app.guard(app.by(chart).locator("canvas").waitFor({ state: "visible" }));
        await checkChart(app, chart);
      });
    }

    await t.test("layer 4 with a deal: its needs, criteria, ТЭО and specification", async () => {
      app = await freshTab(session, app, "#/l4/deal");
      const d01 = await app.dealId("D01");
      await app.route(`#/l4/deal?deal=${d01}`);
      for (const id of ["tbl-l4-deal-needs", "tbl-l4-deal-criteria"]) {
        await app.guard(app.page.locator(`#${id}`).waitFor({ state: "visible" }));
        await checkTable(app, id);
      }
      app = await freshTab(session, app, `#/l4/teo?deal=${d01}`);
      for (const id of ["tbl-teo-indicators", "tbl-teo-cash-flow"]) {
        await app.guard(app.page.locator(`#${id}`).waitFor({ state: "visible" }));
        await checkTable(app, id);
      }
      app = await freshTab(session, app, `#/l4/teo?deal=${d01}`);
      for (const id of ["tbl-teo-sensitivity"]) {
        await app.guard(app.page.locator(`#${id}`).waitFor({ state: "visible" }));
        await checkTable(app, id);
      }
      app = await freshTab(session, app, `#/l4/docs?deal=${d01}&doc=kp`);
      await app.guard(app.page.locator("#tbl-l4-spec").waitFor({ state: "visible" }));
      await checkTable(app, "tbl-l4-spec");
    });

    await t.test("a deal's stage history", async () => {
      app = await freshTab(session, app, "#/l2/deals");
      await app.click(app.by("deal-row-D01").locator("a").first());
      await app.guard(app.page.locator("#tbl-deal-history").waitFor({ state: "visible" }));
      await checkTable(app, "tbl-deal-history");
    });

    await t.test("the diagnosis's checks", async () => {
      app = await freshTab(session, app, "#/diagnosis/result");
      const ids = await app.page.locator("table[id^='tbl-diag-l']").evaluateAll((ts) => ts.map((t) => t.id));
      assert.ok(ids.length >= 2, `checks tables of the diagnosis: ${ids}`);
      await checkTable(app, ids[0]);
      await checkTable(app, ids.at(-1));
    });

    // Every table on every screen has its bar: walk the places and list the tables without one.
    await t.test("no table without an export bar", async () => {
      app = await freshTab(session, app, "#/method");
      const { everyPlace } = await import("./lib/routes.mjs");
      const bare = [];
      for (const place of everyPlace()) {
        await app.route(place);
        await app.page.waitForLoadState("load");
        const ids = await app.page.evaluate(() =>
          [...document.querySelectorAll("main table")]
            .filter((t) => !t.closest(".print-sheet, .chart, [data-testid$='-import'], .import, .merge"))
            .map((t) => [t.id, t.dataset.testid ?? t.className, !!t.id && !!document.querySelector(`[data-testid='export-csv-${t.id}']`)]),
        );
        for (const [id, name, bar] of ids) if (!bar) bare.push(`${place}: ${id || name}`);
      }
      assert.deepEqual(bare, [], "tables without CSV/Excel buttons");
    });
  },
  { timeout: 600_000 },
);
