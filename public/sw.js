// PTMPicker service worker: the app works offline after the first visit.
//
// - Precaches the app shell (index.html, JS glue, wasm, styles, manifest) and the model index into
//   a cache named after a content hash of all of them. The build (Trunk.toml post_build hook)
//   writes `self.PRECACHE = { version, assets }` at the top of this file, so any changed asset
//   changes this file and the browser installs the new worker.
// - On activate, deletes the caches of older versions.
// - Serves same-origin GETs cache-first, falling back to the network (and caching what it fetched);
//   requests made with `cache: "no-store"` (the LLM endpoint's) pass through untouched.
//
// Registered by the app with a relative URL and scope "./", so it works under any sub-path.

/* global self, caches, fetch, Request, Response, URL */

const PRECACHE = self.PRECACHE || { version: "unversioned", assets: [] };
const PREFIX = "ptmpicker-";
const CACHE = PREFIX + PRECACHE.version;
// Always tried, never fatal: the page itself and the index (which may be added after the build,
// e.g. by a deploy step or a test server).
const OPTIONAL = ["./", "./index.bin"];

function fresh(url) {
  // Bypass the HTTP cache so a new version never precaches stale files.
  return new Request(url, { cache: "reload" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.assets.map(fresh));
      await Promise.all(
        OPTIONAL.filter((u) => !PRECACHE.assets.includes(u)).map((u) =>
          cache.add(fresh(u)).catch(() => undefined),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Only GETs, and never requests that ask not to be cached (the app's LLM endpoint calls, which
  // may be same-origin behind a proxy).
  if (request.method !== "GET" || request.cache === "no-store") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const navigate = request.mode === "navigate";
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A shared link (`?function=…`) is the same page: match navigations without the query.
      const hit = await cache.match(request, { ignoreSearch: navigate });
      if (hit) return hit;
      try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic" && !url.search) {
          cache.put(request, response.clone()).catch(() => undefined);
        }
        return response;
      } catch (err) {
        if (navigate) {
          const shell = (await cache.match("./")) || (await cache.match("./index.html"));
          if (shell) return shell;
        }
        throw err;
      }
    })(),
  );
});
