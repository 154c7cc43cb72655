// A static file server for dist/, started from inside a test: node:http on 127.0.0.1, port 0,
// so there is no separate server process to leak. It can serve the app under a sub-path
// (`base: "/some/sub/dir/"`), which proves every URL the app uses is relative.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The build to serve: dist/ of this repository, or $SLOY_DIST. */
export const DIST = path.resolve(
  process.env.SLOY_DIST ?? fileURLToPath(new URL("../../../dist/", import.meta.url)),
);

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * The precompressed file to send for `file`, as a host with `brotli_static` / `gzip_static`
 * does: `file.br` when the browser accepts br, else `file.gz` when it accepts gzip.
 * @returns {Promise<{body: Buffer, encoding?: string}>}
 */
async function precompressed(file, accept) {
  const accepts = (name) => new RegExp(`(^|[,\\s])${name}($|[;,\\s])`).test(accept ?? "");
  for (const [name, ext] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (accepts(name)) {
      const body = await readFile(file + ext).catch(() => null);
      if (body) return { body, encoding: name };
    }
  }
  return { body: await readFile(file) };
}

/**
 * Serves `root` at `http://127.0.0.1:<port><base>`. With `compressed`, sends the `.br`/`.gz`
 * file next to each requested one when the browser accepts it (as a production host would).
 * @param {{root?: string, base?: string, compressed?: boolean}} [options]
 * @returns {Promise<{origin: string, url: string, base: string, hits: string[],
 *   offline: boolean, close: () => Promise<void>}>} `url` is the app's address; `hits` lists
 *   every path requested; setting `offline = true` makes the server drop every connection.
 */
export async function serveDist({ root = DIST, base = "/", compressed = false } = {}) {
  if (!base.startsWith("/") || !base.endsWith("/")) throw new Error(`base must be /…/: ${base}`);
  await stat(path.join(root, "index.html")).catch(() => {
    throw new Error(`${root}/index.html is missing: run \`trunk build --release\` first`);
  });

  const hits = [];
  const sockets = new Set();
  const state = { offline: false };

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://localhost");
    hits.push(pathname);
    if (state.offline) {
      req.socket.destroy();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    if (!pathname.startsWith(base)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("outside the app's path");
      return;
    }
    let rel = decodeURIComponent(pathname.slice(base.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const { body, encoding } = compressed
        ? await precompressed(file, req.headers["accept-encoding"])
        : { body: await readFile(file) };
      res.writeHead(200, {
        "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        ...(encoding ? { "content-encoding": encoding, vary: "Accept-Encoding" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    base,
    url: origin + base,
    hits,
    get offline() {
      return state.offline;
    },
    set offline(value) {
      state.offline = value;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
