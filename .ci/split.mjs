// Splits the app's wasm into parts loaded on demand; called by .ci/postbuild.mjs (Trunk's
// post_build hook) before it pins the CSP and writes the service worker's precache list.
//
// Trunk 0.21 cannot split a module, so this step redoes the last part of its Rust pipeline with
// the chain cargo-leptos uses for `--split`:
//
//   target/wasm32-unknown-unknown/<profile>/sloy.wasm   cargo's output, linked with
//       │                                               --emit-relocs (.cargo/config.toml)
//       ├─ wasm-split-cli ──▶ main module + one part per `#[lazy(name)]` group of src/app.rs
//       │                     + chunks shared by several groups + the loader __wasm_split.js
//       ├─ wasm-bindgen --target web --keep-lld-exports --no-demangle (main module only)
//       └─ wasm-opt -Oz (release) on the main module and on every part
//
// and puts the result into the staging directory in place of Trunk's unsplit `sloy-<hash>.js`
// and `sloy-<hash>_bg.wasm`: every file gets a content-hashed name, index.html's references
// and integrity attributes are rewritten, and the screen shown first (the method map) has its
// parts preloaded. Nothing is fetched from the network; the tools come from `.ci/setup`.
//
// Usage: `node .ci/split.mjs [staging-dir]` (normally through postbuild.mjs).

import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CRATE = "sloy";
/** The group of the screen a fresh visit opens on (Route::Method): preloaded by index.html. */
export const FIRST_SCREEN = "method";
/** Marks the loader, so that the size gate and the tests can find it in dist/. */
export const LOADER_SUFFIX = "_split.js";
/** Parts smaller than this are not worth a wasm-opt run (seconds each with npm's binaryen). */
const OPT_MIN_BYTES = 16 * 1024;
/**
/**
 * Groups every start fetches while the first screen paints: the storage part (`io`, see
 * src/state/io.rs), which opens the project. Each gets a pack with every chunk it needs that
 * is not in the first screen's; no other pack repeats those chunks (they are always there).
 */
export const EAGER = ["io"];
/**
 * A chunk that this many screens (besides the first; a screen's tabs count as the screen) need
 * goes in the common pack. Three rather than four: chunks that few screens share would
 * otherwise travel in each of their packs, more bytes in all and per screen.
 */
const COMMON_MIN_GROUPS = 3;

function fail(message) {
  throw new Error(`[split] ${message}`);
}

const hex = (data, algorithm = "sha256", length = 16) =>
  createHash(algorithm).update(data).digest("hex").slice(0, length);
const integrity = (data) => `sha384-${createHash("sha384").update(data).digest("base64")}`;

function run(tool, args) {
  try {
    execFileSync(tool, args, { stdio: ["ignore", "inherit", "inherit"], cwd: REPO });
  } catch (error) {
    if (error.code === "ENOENT") fail(`${tool} is not installed: run \`bash .ci/setup\``);
    fail(`\`${tool} ${args.join(" ")}\` failed (${error.status ?? error.message})`);
  }
}

/**
 * The parts of a loader (__wasm_split.js) as written by wasm-split-cli: for each screen group
 * (`#[lazy(name)]`, without the hash Leptos appends), the file of its own module (null when it
 * needs only chunks) and the chunks it needs.
 */
export function parseLoader(js) {
  const chunks = new Map(); // variable -> file
  for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+\.wasm)"/g)) {
    chunks.set(m[1], m[2]);
  }
  const groups = new Map();
  for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
    const [, id, fetcher, deps] = m;
    const name = id.replace(/_\d+$/, "");
    if (groups.has(name)) fail(`two split groups are called "${name}": give each #[lazy] group one name`);
    const own = fetcher.match(/new URL\("\.\/([^"]+\.wasm)"/);
    const needs = deps
      .split(",")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => chunks.get(d) ?? fail(`loader names an unknown chunk ${d}`));
    groups.set(name, { own: own ? own[1] : null, chunks: needs });
  }
  return { chunks: [...chunks.values()], groups };
}

/** The manifest the loader carries for the size gate: group -> the files opening it fetches. */
export function readManifest(loaderJs) {
  const m = loaderJs.match(/\/\* sloy-parts (\{.*\}) \*\//);
  return m ? JSON.parse(m[1]) : null;
}

/** A wasm module without its custom sections (names, producers, relocations): they only cost bytes. */
export function stripCustomSections(wasm) {
  const out = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    let size = 0;
    let shift = 0;
    let byte;
    do {
      byte = wasm[at++];
      size |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    const end = at + size;
    if (end > wasm.length) fail("a part is not a well-formed wasm module");
    if (id !== 0) out.push(wasm.subarray(start, end));
    at = end;
  }
  return Buffer.concat(out);
}

/** Runs `jobs` (functions returning promises) two at a time. */
async function twoAtATime(jobs) {
  const queue = [...jobs];
  const worker = async () => {
    while (queue.length > 0) await queue.shift()();
  };
  await Promise.all([worker(), worker()]);
}

function runAsync(tool, args) {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { cwd: REPO, maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`[split] \`${tool} ${args.join(" ")}\` failed: ${stderr || error.message}`));
      else resolve();
    });
  });
}

/**
 * The loader's runtime for packs: several parts in one file, fetched once. `__sloyPart(name)`
 * stands in for the `fetch()` of a part and resolves to a Response that instantiateStreaming
 * takes, from a pack already fetched or on its way if the part is in several. `__sloyStart`
 * starts a group's pack first. A failed fetch is not remembered, so the next try fetches again.
 */
function packRuntime(index) {
  // The index travels in the first visit, so compactly: the packs' files, and for each pack its
  // parts in order as (name, length) — a chunk by its number — from which the loader computes
  // the offsets. Written out, part -> [[pack, offset, length]] costs twice as much.
  const packs = new Map(); // pack -> [[offset, part, length]]
  for (const [part, places] of Object.entries(index)) {
    for (const [file, offset, length] of places) {
      if (!packs.has(file)) packs.set(file, []);
      packs.get(file).push([offset, part, length]);
    }
  }
  const files = [...packs.keys()];
  const parts = files.map((file) => {
    const members = packs.get(file).sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [offset, part, length] of members) {
      if (offset !== at) fail(`the parts of ${file} do not follow each other at ${part}`);
      at += length;
    }
    return members.flatMap(([, part, length]) => {
      const chunk = part.match(/^chunk_(\d+)\.wasm$/);
      return [chunk ? Number(chunk[1]) : part, length];
    });
  });
  return `
const __sloyPartIndex = {};
{
    const files = ${JSON.stringify(files)};
    const parts = ${JSON.stringify(parts)};
    files.forEach((file, pack) => {
        const list = parts[pack];
        for (let i = 0, offset = 0; i < list.length; offset += list[i + 1], i += 2) {
            const name = typeof list[i] === "number" ? \`chunk_\${list[i]}.wasm\` : list[i];
            (__sloyPartIndex[name] ??= []).push([file, offset, list[i + 1]]);
        }
    });
}
const __sloyPacks = new Map();
function __sloyPack(file) {
    let pack = __sloyPacks.get(file);
    if (pack === undefined) {
        pack = fetch(new URL("./" + file, import.meta.url)).then((response) => {
            if (!response.ok) throw new Error(\`\${file}: HTTP \${response.status}\`);
            return response.arrayBuffer();
        });
        pack.catch(() => __sloyPacks.delete(file));
        __sloyPacks.set(file, pack);
    }
    return pack;
}
function __sloyPart(name) {
    const places = __sloyPartIndex[name];
    const [file, offset, length] = places.find(([f]) => __sloyPacks.has(f)) ?? places[0];
    return __sloyPack(file).then((bytes) =>
        new Response(new Uint8Array(bytes, offset, length), { headers: { "content-type": "application/wasm" } }));
}
function __sloyLoad(part, deps) {
    return makeLoad(() => {
        const src = __sloyPart(part);
        src.catch(() => {});
        return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
    }, deps);
}
function __sloyStart(files, load) {
    return () => {
        for (const file of files) __sloyPack(file);
        return load();
    };
}
`;
}

/** The cargo target directory (CARGO_TARGET_DIR or cargo's metadata). */
function targetDir() {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(REPO, process.env.CARGO_TARGET_DIR);
  const meta = execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], {
    cwd: REPO,
    maxBuffer: 64 << 20,
  });
  return JSON.parse(meta).target_directory;
}

export async function split(staging, { release = process.env.TRUNK_PROFILE !== "debug" } = {}) {
  const profile = release ? "release" : "debug";
  const input = path.join(targetDir(), "wasm32-unknown-unknown", profile, `${CRATE}.wasm`);
  await stat(input).catch(() => fail(`no ${input}: run me after Trunk's cargo build`));

  const htmlPath = path.join(staging, "index.html");
  let html = await readFile(htmlPath, "utf8");
  const trunkJs = html.match(new RegExp(`\\./(${CRATE}-[0-9a-f]+\\.js)`))?.[1];
  const trunkWasm = html.match(new RegExp(`\\./(${CRATE}-[0-9a-f]+_bg\\.wasm)`))?.[1];
  if (!trunkJs || !trunkWasm) fail("index.html does not reference Trunk's sloy-<hash>.js and _bg.wasm");

  const work = mkdtempSync(path.join(tmpdir(), "sloy-split-"));
  try {
    // 1. Split the linked module.
    const parts = path.join(work, "parts");
    run("wasm-split-cli", [input, parts, "--out-name", CRATE]);
    // 2. Bindings for the main module; the parts call into it through the loader.
    const bg = path.join(work, "bg");
    run("wasm-bindgen", [
      "--target=web",
      "--keep-lld-exports",
      "--no-demangle",
      `--out-name=${CRATE}`,
      `--out-dir=${bg}`,
      path.join(parts, `${CRATE}.wasm`),
    ]);
    const partFiles = (await readdir(parts)).filter((f) => f.endsWith(".wasm") && f !== `${CRATE}.wasm`);
    // 3. Optimise: wasm-opt -Oz (npm binaryen 132; Trunk's own run is off) on the main module and
    //    on every part above OPT_MIN_BYTES. The many small chunks lose only their custom
    //    sections: a wasm-opt start costs seconds, and -Oz saves little more on them.
    const mainPath = path.join(bg, `${CRATE}_bg.wasm`);
    // --low-memory-unused: nothing lives in the first 1 KB of memory (Rust puts its stack
    // first), so wasm-opt may fold small constant addresses into loads (~9 KB gzip less).
    const opt = (file) => () => runAsync("wasm-opt", ["-Oz", "--low-memory-unused", file, "-o", file]);
    const jobs = [];
    for (const f of partFiles) {
      const file = path.join(parts, f);
      if (release && (await stat(file)).size >= OPT_MIN_BYTES) jobs.push(opt(file));
    }
    if (release) jobs.unshift(opt(mainPath));
    // SLOY_SPLIT_NO_OPT=1 skips wasm-opt: for trying this script quickly, never for a release.
    if (!process.env.SLOY_SPLIT_NO_OPT) await twoAtATime(jobs);
    // After wasm-opt, which reads the features a module uses from its target_features section.
    for (const f of partFiles) {
      const file = path.join(parts, f);
      await writeFile(file, stripCustomSections(await readFile(file)));
    }

    // 4. Packs. wasm-split makes a chunk for every set of groups sharing code (about 170 here);
    //    fetched one by one they would cost a request each. So they travel in packs, one file
    //    per screen group plus two:
    //    - the first screen's pack: its module and every chunk it needs (the first visit);
    //    - the common pack: chunks that COMMON_MIN_GROUPS or more of the other screens need;
    //    - each other group's pack: its module and the chunks it needs that are in neither.
    //      A chunk needed by a few screens is in each of their packs, so that opening a screen
    //      fetches one pack (and the common one once) instead of everything any screen shares;
    //      one that only a screen and its tabs need is once in the screen's pack.
    //      The loader takes a chunk from whichever of its packs is already fetched or on its way.
    const rawLoader = await readFile(path.join(parts, "__wasm_split.js"), "utf8");
    const { groups } = parseLoader(rawLoader);
    const first = groups.get(FIRST_SCREEN) ?? fail(`the loader has no group "${FIRST_SCREEN}"`);
    const firstParts = [...first.chunks, ...(first.own ? [first.own] : [])];
    const eagerParts = new Map(); // eager group -> its own module and chunks
    const inEager = new Map(); // chunk -> the eager group whose pack has it
    for (const name of EAGER) {
      const group = groups.get(name) ?? fail(`the loader has no group "${name}"`);
      const mine = group.chunks.filter((c) => !firstParts.includes(c) && !inEager.has(c));
      for (const c of mine) inEager.set(c, name);
      eagerParts.set(name, [...(group.own ? [group.own] : []), ...mine]);
    }
    // The tabs that are parts of their own (`l4_deal`, …) count as their screen (`layer4`): code
    // the tabs of one screen share is that screen's, not common.
    const screenOf = (name) => {
      const tab = name.match(/^l(\d)_/);
      return tab && groups.has(`layer${tab[1]}`) ? `layer${tab[1]}` : name;
    };
    // chunk outside the first and eager packs -> the screens whose groups need it
    const users = new Map();
    for (const [name, group] of groups) {
      if (name === FIRST_SCREEN || EAGER.includes(name)) continue;
      for (const c of group.chunks) {
        if (!firstParts.includes(c) && !inEager.has(c)) users.set(c, (users.get(c) ?? new Set()).add(screenOf(name)));
      }
    }
    const commonParts = [...users].filter(([, s]) => s.size >= COMMON_MIN_GROUPS).map(([c]) => c).sort();
    // A chunk that several groups of one screen need (the screen and its tabs) and no other
    // screen travels once, in the screen's pack: the screen is always opened before its tabs.
    const inScreen = new Map(); // chunk -> the screen whose pack has it
    for (const [c, screens] of users) {
      const [screen] = screens;
      if (screens.size !== 1 || !groups.has(screen)) continue;
      const needing = [...groups].filter(([n, g]) => screenOf(n) === screen && g.chunks.includes(c));
      if (needing.length > 1) inScreen.set(c, screen);
    }
    const bodies = new Map();
    for (const f of partFiles) bodies.set(f, await readFile(path.join(parts, f)));
    const index = {}; // part -> [[pack, offset, length], …]
    const written = new Map(); // dist name -> bytes
    const packOf = new Map(); // group -> its own pack
    const pack = (label, members) => {
      if (members.length === 0) return null;
      const body = Buffer.concat(members.map((m) => bodies.get(m) ?? fail(`no part ${m}`)));
      const name = `${CRATE}-${label}-${hex(body)}.bin`;
      let offset = 0;
      for (const m of members) {
        (index[m] ??= []).push([name, offset, bodies.get(m).length]);
        offset += bodies.get(m).length;
      }
      written.set(name, body);
      return name;
    };
    packOf.set(FIRST_SCREEN, pack(FIRST_SCREEN, firstParts));
    for (const [name, members] of eagerParts) packOf.set(name, pack(name, members));
    const commonPack = pack("common", commonParts);
    for (const [name, group] of [...groups].sort()) {
      if (name === FIRST_SCREEN || EAGER.includes(name)) continue;
      const mine = group.chunks.filter(
        (c) =>
          !firstParts.includes(c) &&
          !inEager.has(c) &&
          !commonParts.includes(c) &&
          (inScreen.get(c) ?? name) === name,
      );
      const screens = [...inScreen].filter(([c, s]) => s === name && !group.chunks.includes(c)).map(([c]) => c);
      packOf.set(name, pack(name, [...(group.own ? [group.own] : []), ...mine, ...screens.sort()]));
    }
    for (const f of partFiles) if (!index[f]) fail(`part ${f} is in no pack`);
    const manifest = { first: FIRST_SCREEN, groups: {} };
    for (const [name, group] of groups) {
      const needs = new Set();
      if (packOf.get(name)) needs.add(packOf.get(name));
      for (const c of group.chunks) {
        if (firstParts.includes(c)) needs.add(packOf.get(FIRST_SCREEN));
        else if (inEager.has(c)) needs.add(packOf.get(inEager.get(c)));
        else if (commonParts.includes(c)) needs.add(commonPack);
        else if (inScreen.has(c)) needs.add(packOf.get(inScreen.get(c)));
      }
      manifest.groups[name] = [...needs].sort();
    }
    let loader = rawLoader.replace(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\)/g, (_, part) =>
      index[part] ? `__sloyPart(${JSON.stringify(part)})` : fail(`the loader fetches ${part}, which is in no pack`),
    );
    // Each group's loader starts the fetch of its own pack before it asks for its chunks.
    let wrapped = 0;
    loader = loader.replace(
      /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g,
      (_, id, fetcher, deps) => {
        wrapped++;
        const own = packOf.get(id.replace(/_\d+$/, ""));
        return `export const __wasm_split_load_${id} = wrapAsyncCb(__sloyStart(${JSON.stringify(own ? [own] : [])}, makeLoad(${fetcher}, [${deps}])));`;
      },
    );
    if (wrapped !== groups.size) fail(`wrapped ${wrapped} of ${groups.size} group loaders`);
    // A part that cannot be fetched (offline before the service worker has it, a flaky
    // network) must not take the app down: the generated loader reports the failure to Rust,
    // where Leptos's #[lazy] panics, which aborts the wasm. Instead the load is retried, less
    // and less often, and the screen keeps its placeholder until the part arrives.
    const REPORTING_CALLBACK = `function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            console.error(e);
            success = false;
        } finally {
            const sharedImports = getSharedImports();
            sharedImports.__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
        }
    }
}`;
    const RETRYING_CALLBACK = `function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        for (let delay = 1000; ; delay = Math.min(2 * delay, 30000)) {
            try {
                await callee();
                break;
            } catch (e) {
                console.warn(\`a part of the app could not be loaded, retrying in \${delay / 1000} s:\`, e);
                await new Promise((resolve) => setTimeout(resolve, delay));
            }
        }
        getSharedImports().__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, true);
    }
}`;
    if (!loader.includes(REPORTING_CALLBACK)) fail("the loader's wrapAsyncCb is not the one this script knows");
    loader = loader.replace(REPORTING_CALLBACK, RETRYING_CALLBACK);
    // Leaner text for the first visit (the loader is fetched before the first screen): without
    // wasm-split's comments naming the groups of each chunk, and with one function for the
    // fetch-and-instantiate body it writes out for every part (~480 of them).
    loader = loader.replace(/^\/\* [^\n]*\*\/\n/gm, "");
    let compacted = 0;
    loader = loader.replace(
      /makeLoad\(\(\) => \{\n\s*const src = __sloyPart\(("[^"]+")\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[([^\]]*)\]\)/g,
      (_, part, deps) => {
        compacted++;
        return `__sloyLoad(${part}, [${deps}])`;
      },
    );
    if (compacted !== Object.keys(index).length) fail(`compacted ${compacted} of ${Object.keys(index).length} part loaders`);
    // The chunks' loaders (a line each, ~600, none with dependencies) as one loop over their
    // numbers, and each group's chunks as a list of numbers.
    const chunks = [];
    let chunkLoop = "";
    loader = loader.replace(/^const __chunk_(\d+) = __sloyLoad\("chunk_\1\.wasm", \[\]\);\n/gm, (_, n) => {
      chunks.push(Number(n));
      if (chunks.length > 1) return "";
      chunkLoop = "\0CHUNKS\0";
      return chunkLoop;
    });
    loader = loader.replace(
      /\[((?:__chunk_\d+, )*__chunk_\d+)\]/g,
      (_, list) => `__sloyChunks([${list.replaceAll("__chunk_", "")}])`,
    );
    if (/__chunk_\d/.test(loader)) fail("the loader names a chunk in a way this script does not know");
    if (chunks.length > 0) loader = loader.replace(
      chunkLoop,
      `const __sloyChunkLoads = new Map();
for (const n of ${JSON.stringify(chunks)}) __sloyChunkLoads.set(n, __sloyLoad(\`chunk_\${n}.wasm\`, []));
function __sloyChunks(numbers) {
    return numbers.map((n) => __sloyChunkLoads.get(n));
}
`,
    );
    const firstLine = loader.indexOf("\n") + 1;
    loader =
      loader.slice(0, firstLine) +
      `/* sloy-parts ${JSON.stringify(manifest)} */\n` +
      packRuntime(index) +
      loader.slice(firstLine);

    // The loader and the main JS import each other, so both are named after one hash of all.
    let mainJs = await readFile(path.join(bg, `${CRATE}.js`), "utf8");
    const mainWasm = await readFile(mainPath);
    const build = hex(Buffer.concat([mainWasm, Buffer.from(mainJs), Buffer.from(loader)]));
    const names = {
      js: `${CRATE}-${build}.js`,
      wasm: `${CRATE}-${build}_bg.wasm`,
      loader: `${CRATE}-${build}${LOADER_SUFFIX}`,
    };
    if (!mainJs.includes("./__wasm_split.js")) fail("wasm-bindgen's JS does not import the loader ./__wasm_split.js");
    // Only the ES imports: the keys of the wasm's import object stay "./__wasm_split.js", the
    // module name the wasm itself imports from.
    mainJs = mainJs
      .replace(/(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g, `$1$2./${names.loader}$2`)
      .replaceAll(`${CRATE}_bg.wasm`, names.wasm);
    if (!loader.includes(`"./${CRATE}.js"`)) fail(`the loader does not import ./${CRATE}.js`);
    loader = loader.replaceAll(`"./${CRATE}.js"`, `"./${names.js}"`);
    written.set(names.js, Buffer.from(mainJs));
    written.set(names.wasm, mainWasm);
    written.set(names.loader, Buffer.from(loader));

    // 5. Into the staging directory, in place of Trunk's files.
    await rm(path.join(staging, trunkJs));
    await rm(path.join(staging, trunkWasm));
    for (const [name, body] of written) await writeFile(path.join(staging, name), body);

    // 6. index.html: new names, their integrity, and preloads for the first screen's parts.
    html = html.replaceAll(trunkJs, names.js).replaceAll(trunkWasm, names.wasm);
    html = html.replace(/<link\b[^>]*>/g, (tag) => {
      const href = tag.match(/href="\.\/([^"]+)"/)?.[1];
      if (!href || !written.has(href) || !/integrity="/.test(tag)) return tag;
      return tag.replace(/integrity="[^"]*"/, `integrity="${integrity(written.get(href))}"`);
    });
    const preloads = [
      `<link rel="modulepreload" href="./${names.loader}" crossorigin="anonymous" integrity="${integrity(written.get(names.loader))}">`,
      // The loader fetch()es the parts: `as="fetch"` + crossorigin lets it reuse these.
      ...manifest.groups[FIRST_SCREEN].map(
        (f) => `<link rel="preload" href="./${f}" as="fetch" crossorigin="anonymous">`,
      ),
    ];
    if (!html.includes("</head>")) fail("index.html has no </head>");
    html = html.replace("</head>", `${preloads.join("\n")}\n</head>`);
    await writeFile(htmlPath, html);

    console.log(
      `[split] ${CRATE}.wasm → main + ${partFiles.length} part(s) for ${groups.size} screen group(s), ` +
        `in ${written.size - 3} pack(s), ${commonParts.length} part(s) common; the first screen "${FIRST_SCREEN}" fetches ${manifest.groups[FIRST_SCREEN].join(", ")}`,
    );
    return { names, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!staging) fail("no staging directory: pass one or run me from Trunk's post_build hook");
  await split(staging);
}
