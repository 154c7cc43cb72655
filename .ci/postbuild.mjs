// Trunk post_build hook (see Trunk.toml). Runs in the staging directory after Trunk has written
// every asset and index.html there, and before Trunk moves it to dist/. It:
//
// 0. splits the wasm into a main module and parts loaded on demand (.ci/split.mjs), in place of
//    Trunk's unsplit module; then joins Trunk's stylesheets into one (one render-blocking request);
// 1. pins the Content-Security-Policy: computes the sha256 of every inline <script> Trunk
//    injected into index.html and writes the policy into the CSP <meta> (placeholder __SLOY_CSP__).
//    The policy allows no 'unsafe-inline': the build fails if index.html has an inline <style>,
//    a style="" attribute or an on*="" handler, which the browser would refuse anyway;
// 2. writes the list of built files (relative URLs) and a content hash of them, as the cache
//    version, into the staged sw.js (placeholders in public/sw.js): every part of the split
//    module is precached, so every screen works offline after the first visit;
// 3. writes a brotli (.br) and a gzip (.gz) copy next to every .wasm, .bin (packs of wasm parts),
//    .js, .css and .html, for
//    hosts that serve precompressed files (nginx `brotli_static` / `gzip_static`, see README).
//
// Usage: `node .ci/postbuild.mjs [staging-dir]`; Trunk passes the directory in TRUNK_STAGING_DIR.

import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { split } from "./split.mjs";

const CSP_PLACEHOLDER = "__SLOY_CSP__";
const SW_VERSION_PLACEHOLDER = '"__SLOY_CACHE_VERSION__"';
const SW_ASSETS_PLACEHOLDER = "[/* __SLOY_ASSETS__ */]";
const HTML_FILE = "index.html";
const SW_FILE = "sw.js";
/** Files that get precompressed copies; the copies themselves are never precached. */
const COMPRESSIBLE = /\.(wasm|bin|js|css|html)$/;
const COMPRESSED = /\.(br|gz)$/;

function fail(message) {
  console.error(`[postbuild] ERROR: ${message}`);
  process.exit(1);
}

/** Content-Security-Policy for the app; `scriptHashes` are 'sha256-…' sources. */
export function buildCsp(scriptHashes) {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(" "),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** The text of every inline (no src) <script> element, exactly as the browser hashes it. */
export function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const [, attributes, body] = match;
    if (/\bsrc\s*=/i.test(attributes)) continue;
    scripts.push(body);
  }
  return scripts;
}

/** Things in the HTML that a style-src/script-src without 'unsafe-inline' would block. */
export function inlineViolations(html) {
  const problems = [];
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "");
  if (/<style\b/i.test(withoutScripts)) problems.push("an inline <style> element");
  if (/<[a-z][^>]*\sstyle\s*=/i.test(withoutScripts)) problems.push('a style="…" attribute');
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(withoutScripts)) problems.push('an inline on…="…" handler');
  return problems;
}

export function sha256Source(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** Brotli at its strongest setting, as for static files. */
export function brotli(body) {
  return brotliCompressSync(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

async function listFiles(dir, prefix = "") {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) files.push(rel);
  }
  return files.sort();
}

/**
 * Trunk writes one file per `style/*.css`, each a render-blocking request of the first visit
 * that, on a host speaking HTTP/1.1 (six connections), also queues the wasm behind it. Joins
 * them, in their order in index.html, into one `sloy-<hash>.css` with its integrity hash.
 */
async function bundleCss(staging) {
  const htmlPath = path.join(staging, HTML_FILE);
  let html = await readFile(htmlPath, "utf8").catch(() => fail(`cannot read ${htmlPath}`));
  const link = /[ \t]*<link rel="stylesheet" href="\.\/([^"/]+\.css)" integrity="[^"]*"\s*\/?>\n?/g;
  const found = [...html.matchAll(link)].map((m) => m[1]);
  if (found.length < 2) return;
  const bodies = [];
  for (const file of found) bodies.push(`/* ${file.replace(/-[0-9a-f]+\.css$/, ".css")} */\n${await readFile(path.join(staging, file), "utf8")}`);
  const body = bodies.join("\n");
  const name = `sloy-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.css`;
  await writeFile(path.join(staging, name), body);
  for (const file of found) await rm(path.join(staging, file));
  const integrity = `sha384-${createHash("sha384").update(body).digest("base64")}`;
  let first = true;
  html = html.replace(link, () => {
    if (!first) return "";
    first = false;
    return `    <link rel="stylesheet" href="./${name}" integrity="${integrity}"/>\n`;
  });
  await writeFile(htmlPath, html);
}

async function main() {
  const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!staging) fail("no staging directory: run me as Trunk's post_build hook or pass a directory");

  // 0. Split the wasm (rewrites index.html's references to it).
  await split(staging).catch((error) => fail(error.message));

  // 0b. One stylesheet instead of one per style/*.css.
  await bundleCss(staging);

  // 1. CSP
  const htmlPath = path.join(staging, HTML_FILE);
  let html = await readFile(htmlPath, "utf8").catch(() => fail(`cannot read ${htmlPath}`));
  if (!html.includes(CSP_PLACEHOLDER)) {
    fail(`${HTML_FILE} has no ${CSP_PLACEHOLDER} placeholder for the Content-Security-Policy`);
  }
  if (html.includes("__TRUNK_ADDRESS__")) {
    fail(
      "index.html has Trunk's live-reload script, which is rewritten per request and cannot be " +
        "pinned by the CSP: keep `no_autoreload = true` in Trunk.toml's [serve]",
    );
  }
  const problems = inlineViolations(html);
  if (problems.length > 0) {
    fail(`${HTML_FILE} has ${problems.join(", ")}; the CSP allows no inline style or handler`);
  }
  const hashes = [...new Set(inlineScripts(html).map(sha256Source))];
  html = html.replaceAll(CSP_PLACEHOLDER, buildCsp(hashes));
  await writeFile(htmlPath, html);

  // 2. Service worker precache list and version
  const swPath = path.join(staging, SW_FILE);
  let sw = await readFile(swPath, "utf8").catch(() => fail(`cannot read ${swPath}`));
  if (!sw.includes(SW_VERSION_PLACEHOLDER) || !sw.includes(SW_ASSETS_PLACEHOLDER)) {
    fail(`${SW_FILE} lacks its placeholders ${SW_VERSION_PLACEHOLDER} and ${SW_ASSETS_PLACEHOLDER}`);
  }
  const files = (await listFiles(staging)).filter((f) => f !== SW_FILE && !COMPRESSED.test(f));
  const version = createHash("sha256");
  for (const file of files) {
    version.update(file).update("\0").update(await readFile(path.join(staging, file))).update("\0");
  }
  const cacheVersion = version.digest("hex").slice(0, 16);
  const urls = files
    .filter((f) => f !== HTML_FILE) // precached as './index.html' by sw.js itself
    .map((f) => "./" + f.split("/").map(encodeURIComponent).join("/"));
  sw = sw
    .replace(SW_VERSION_PLACEHOLDER, JSON.stringify(cacheVersion))
    .replace(SW_ASSETS_PLACEHOLDER, JSON.stringify(urls, null, 2));
  await writeFile(swPath, sw);

  // 3. Precompressed copies, the strongest of each (the build is compressed once, served often).
  let compressed = 0;
  for (const file of await listFiles(staging)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = await readFile(path.join(staging, file));
    await writeFile(path.join(staging, `${file}.gz`), gzipSync(body, { level: 9 }));
    await writeFile(path.join(staging, `${file}.br`), brotli(body));
    compressed++;
  }

  console.log(
    `[postbuild] CSP pins ${hashes.length} inline script(s); sw.js precaches ${urls.length} file(s) + index, cache version ${cacheVersion}; ${compressed} file(s) precompressed (.br, .gz)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
