// Sloy's service worker: makes the app work offline after the first load.
//
// - install: precache every file of the build (the list and the version below are written by
//   .ci/postbuild.mjs at build time), plus './' and './index.html';
// - activate: delete this scope's caches of older versions, take control of open pages;
// - fetch: same-origin GET only; page navigations go network-first and fall back to the cached
//   index.html (a reload on any hash route works offline); everything else is cache-first.
//
// The user's projects live in localStorage, never here: this cache holds only the app itself.

const CACHE_VERSION = "__SLOY_CACHE_VERSION__";
const ASSETS = [/* __SLOY_ASSETS__ */];

// Caches are per origin; the scope in the name keeps two deployments on one origin
// (https://host/a/ and https://host/b/) from deleting each other's caches.
const CACHE_PREFIX = `sloy:${self.registration.scope}:`;
const CACHE_NAME = CACHE_PREFIX + CACHE_VERSION;
const INDEX_URL = new URL("./index.html", self.registration.scope).href;
const NAVIGATION_TIMEOUT_MS = 5000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE_NAME);
      const urls = ["./", "./index.html", ...ASSETS];
      // `reload` bypasses the HTTP cache so that one version's files are never mixed with another's.
      await cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })));
      // Every file is loaded at start-up, so a new version can take over at once.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request) {
  try {
    return await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
  } catch {
    const cached = await caches.match(INDEX_URL, { cacheName: CACHE_NAME });
    if (cached) return cached;
    return Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE_NAME });
  return cached ?? fetch(request);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
