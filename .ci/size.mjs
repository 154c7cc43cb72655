// Size gate of the release build in dist/ (`bash .ci/test size`, after `build`). Sizes are
// deterministic, so unlike timings they are asserted. Prints the table of every part, what the
// first visit fetches, and what opening each other screen group fetches on top. KB = 1024
// bytes; gzip -9 and brotli 11 (the .gz/.br files next to each file in dist/, which the host
// serves). The first visit is what a fresh profile fetches before the default screen (the
// method map) shows: the main wasm, its JS, the loader of the parts, and the method map's pack.
//
// Two sets of figures:
//   - TARGET, issue 15's budgets: first visit ≤ 350 KB gzip / ≤ 280 KB brotli, every other
//     screen ≤ 120 KB gzip more. Not met yet (see LIMIT): printed, not enforced;
//   - LIMIT, the sizes of the current build rounded up to the next 5 KB at least 1 KB above
//     them (a group without a LIMIT has TARGET's): enforced, so that growth fails. Lower them
//     as the main module and the parts shrink, until they reach TARGET.

import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { brotli } from "./postbuild.mjs";
import { LOADER_SUFFIX, readManifest } from "./split.mjs";

export const TARGET = { firstGzip: 350, firstBrotli: 280, screenGzip: 120 };
export const LIMIT = {
  firstGzip: 275,
  firstBrotli: 215,
  followUpGzip: 390,
  screenGzip: {
    dashboard: 25,
    data: 30,
    diagnosis: 60,
    glossary: 15,
    import: 115,
    l1_abc: 35,
    l1_clients: 30,
    l1_dims: 15,
    l1_goals: 25,
    l1_hypotheses: 15,
    l1_planfact: 35,
    l1_plans: 15,
    l1_structure: 20,
    l2_board: 15,
    l2_deals: 40,
    l2_funnel: 20,
    l2_metrics: 20,
    l2_stages: 25,
    l3_maps: 35,
    l3_programme: 45,
    l3_touches: 45,
    l4_deal: 50,
    l4_matrix: 30,
    l4_questions: 20,
    l4_teo: 25,
    layer1: 50,
    layer2: 45,
    layer3: 50,
    layer4: 55,
    layer5: 55,
    merge: 55,
    projects: 30,
    report: 15,
  },
};
const DIST = process.argv[2] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const KB = 1024;
const kb = (bytes) => (bytes / KB).toFixed(1);

function fail(message) {
  console.error(`[size] FAILED: ${message}`);
  process.exit(1);
}

async function sizes(file) {
  const full = path.join(DIST, file);
  const body = await readFile(full);
  const gz = existsSync(`${full}.gz`) ? (await readFile(`${full}.gz`)).length : gzipSync(body, { level: 9 }).length;
  const br = existsSync(`${full}.br`) ? (await readFile(`${full}.br`)).length : brotli(body).length;
  return { raw: body.length, gz, br };
}

const files = await readdir(DIST).catch(() => fail(`no ${DIST}: build first (bash .ci/test build)`));
const loaderFile = files.find((f) => f.endsWith(LOADER_SUFFIX)) ?? fail(`no *${LOADER_SUFFIX} in dist/: the build is not split`);
const mainJs = files.find((f) => /^sloy-[0-9a-f]+\.js$/.test(f)) ?? fail("no main sloy-<hash>.js in dist/");
const mainWasm = files.find((f) => /^sloy-[0-9a-f]+_bg\.wasm$/.test(f)) ?? fail("no main sloy-<hash>_bg.wasm in dist/");
const manifest =
  readManifest(await readFile(path.join(DIST, loaderFile), "utf8")) ?? fail(`${loaderFile} carries no manifest of parts`);
const FIRST_SCREEN = manifest.first;
// Parts fetched while the first screen shows: the storage part (`io`: decoding and saving
// projects, see src/state/io.rs), which opens the project, and the method map's marks
// (computed from the project's data, see `compute_marks` in src/pages/method.rs). Not before
// the first paint, but fetched by every first visit; opening another screen afterwards needs
// only what they lack.
const FOLLOW_UP = ["io", "marks"];
const groups = new Map(Object.entries(manifest.groups));
// Screens whose tabs are parts of their own: opening the screen fetches its group and the
// group of the tab it opens on (each other tab is counted on its own, after the screen).
const DEFAULT_TAB = { layer1: "l1_clients", layer2: "l2_board", layer3: "l3_maps", layer4: "l4_matrix" };
const TAB_OF = Object.fromEntries(
  [...groups.keys()].filter((g) => /^l\d_/.test(g)).map((g) => [g, `layer${g[1]}`]),
);
const partsOf = (files) => files;
const first = groups.get(FIRST_SCREEN) ?? fail(`the manifest has no group "${FIRST_SCREEN}"`);
const firstVisit = new Set([mainJs, mainWasm, loaderFile, ...first]);

// Every wasm, js and pack (.bin) file of the app (sw.js is the service worker, not the app).
const appFiles = files.filter((f) => /\.(wasm|js|bin)$/.test(f) && f !== "sw.js").sort();
const size = new Map();
for (const f of appFiles) size.set(f, await sizes(f));
for (const f of firstVisit) if (!size.has(f)) fail(`the loader names ${f}, which is not in dist/`);

const usedBy = (file) =>
  [...groups].filter(([, g]) => partsOf(g).includes(file)).map(([name]) => name).join(" ");
console.log(`${"file".padEnd(52)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"br KB".padStart(8)}  used by`);
for (const f of appFiles) {
  const s = size.get(f);
  const who = f === mainJs || f === mainWasm || f === loaderFile ? "(start)" : usedBy(f) || "(none)";
  console.log(`${f.padEnd(52)} ${kb(s.raw).padStart(8)} ${kb(s.gz).padStart(8)} ${kb(s.br).padStart(8)}  ${who}`);
}

const sum = (list, key) => list.reduce((total, f) => total + size.get(f)[key], 0);
const problems = [];
const missed = [];
const firstGz = sum([...firstVisit], "gz");
const firstBr = sum([...firstVisit], "br");
console.log(
  `\nfirst visit (main + loader + "${FIRST_SCREEN}", ${firstVisit.size} files): ` +
    `${kb(firstGz)} KB gzip (limit ${LIMIT.firstGzip}, target ${TARGET.firstGzip}), ` +
    `${kb(firstBr)} KB brotli (limit ${LIMIT.firstBrotli}, target ${TARGET.firstBrotli})`,
);
if (firstGz > LIMIT.firstGzip * KB) problems.push(`first visit ${kb(firstGz)} KB gzip > ${LIMIT.firstGzip} KB`);
if (firstBr > LIMIT.firstBrotli * KB) problems.push(`first visit ${kb(firstBr)} KB brotli > ${LIMIT.firstBrotli} KB`);
if (firstGz > TARGET.firstGzip * KB || firstBr > TARGET.firstBrotli * KB) missed.push("first visit");

const followUp = new Set(firstVisit);
for (const name of FOLLOW_UP) for (const f of groups.get(name) ?? fail(`the manifest has no group "${name}"`)) followUp.add(f);
const followGz = sum([...followUp].filter((f) => !firstVisit.has(f)), "gz");
console.log(
  `then, while the first screen shows, its follow-up parts (${FOLLOW_UP.join(", ")}): ${kb(followGz)} KB gzip ` +
    `(limit ${LIMIT.followUpGzip})`,
);
if (followGz > LIMIT.followUpGzip * KB) problems.push(`follow-up parts ${kb(followGz)} KB gzip > ${LIMIT.followUpGzip} KB`);

console.log("each screen group opened afterwards fetches on top:");
for (const [name, group] of [...groups].sort()) {
  if (name === FIRST_SCREEN || FOLLOW_UP.includes(name)) continue;
  // A tab comes after its screen (and the screen's default tab) has been opened.
  const before = new Set(followUp);
  const screen = TAB_OF[name];
  if (screen) for (const g of [screen, DEFAULT_TAB[screen]]) if (g !== name) for (const f of groups.get(g) ?? []) before.add(f);
  const withTab = DEFAULT_TAB[name] ? [...group, ...(groups.get(DEFAULT_TAB[name]) ?? [])] : group;
  const extra = [...new Set(partsOf(withTab))].filter((f) => !before.has(f));
  const gz = sum(extra, "gz");
  const limit = LIMIT.screenGzip[name] ?? TARGET.screenGzip;
  console.log(
    `  ${name.padEnd(10)} ${kb(gz).padStart(7)} KB gzip ${kb(sum(extra, "br")).padStart(7)} KB brotli  ` +
      `(${extra.length} files; limit ${limit}, target ${TARGET.screenGzip} KB gzip)`,
  );
  if (gz > limit * KB) problems.push(`screen group ${name}: ${kb(gz)} KB gzip extra > ${limit} KB`);
  if (gz > TARGET.screenGzip * KB) missed.push(name);
}
const total = sum(appFiles, "gz");
console.log(`all wasm + js: ${appFiles.length} files, ${kb(total)} KB gzip`);
if (problems.length > 0) fail(problems.join("; "));
if (missed.length > 0) console.log(`[size] within limits; issue 15's targets not met yet by: ${missed.join(", ")}`);
else console.log("[size] within issue 15's targets");
