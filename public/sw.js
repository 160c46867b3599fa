// PTMPicker service worker: the app works offline after the first visit.
//
// - Precaches the app shell (index.html, JS glue, wasm, styles, manifest) into a cache named after
//   a content hash of the whole build. The build (Trunk.toml post_build hook) writes
//   `self.PRECACHE = { version, assets }` at the top of this file, so any changed asset changes
//   this file and the browser installs the new worker.
// - The model index is fetched once. On a first visit the page is already downloading it when this
//   worker installs, so the worker does not download it again: the page hands it the bytes it
//   received (a "ptmpicker:cache" message) and the worker stores them. When the page is already
//   controlled, its fetch comes through this worker, which caches what it fetched. Only an update
//   (an older ptmpicker cache exists, so the page already works) precaches the new index.
//   Index files travel gzip-compressed (index-builder writes them so); this cache keeps those bytes.
// - Revalidates rather than reloads while precaching (`cache: "no-cache"`): a file the page just
//   downloaded comes back as a 304 from the server instead of a second download, and a changed
//   one is still fetched fresh.
// - A sharded index (index-builder shards big catalogs) adds `index-<content hash>.bin` shard files
//   beside index.bin: the page fetches the ones a search reads (or all, for "make all models
//   available offline"); this worker caches them like the index (from the page's bytes on a first
//   visit, from its own fetches later). Their names change with their content, so they never go stale.
// - On activate, moves the shards of older versions into the new cache (they are immutable, and a
//   user who made every model available offline keeps them across app updates), then deletes the
//   caches of older versions.
// - Serves same-origin GETs cache-first, falling back to the network (and caching what it fetched);
//   requests made with `cache: "no-store"` (the LLM endpoint's) pass through untouched.
//
// Registered by the app with a relative URL and scope "./", so it works under any sub-path.

/* global self, caches, fetch, Request, Response, URL */

const PRECACHE = self.PRECACHE || { version: "unversioned", assets: [] };
const PREFIX = "ptmpicker-";
const CACHE = PREFIX + PRECACHE.version;
// The page itself, always tried and never fatal.
const OPTIONAL = ["./"];
// The model index the page loads first (may be added after the build, e.g. by a deploy step or a
// test server): precached on updates only, never fatal.
const INDEX = "./index.bin";
// Index files (the index and any file beside it named index*.bin): cached from the page's bytes.
const INDEX_FILE = /(^|\/)index[^/]*\.bin$/;
// Content-addressed shards of a sharded index (`index-<16 hex digits>.bin`): immutable.
const SHARD_FILE = /(^|\/)index-[0-9a-f]{16}\.bin$/;

function fresh(url) {
  // Revalidate with the server: never stale, and a file the browser already holds is a 304.
  return new Request(url, { cache: "no-cache" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).some((n) => n.startsWith(PREFIX) && n !== CACHE);
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.assets.filter((u) => !INDEX_FILE.test(u)).map(fresh));
      const optional = OPTIONAL.filter((u) => !PRECACHE.assets.includes(u));
      // First visit: the page is fetching the index and will hand its bytes over.
      if (older) optional.push(INDEX);
      await Promise.all(optional.map((u) => cache.add(fresh(u)).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

// The page downloaded an index file before this worker controlled it: keep those bytes
// (same-origin index files only) so the file is never downloaded twice.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "ptmpicker:cache" || !(data.bytes instanceof Uint8Array)) return;
  let url;
  try {
    url = new URL(data.url, self.registration.scope);
  } catch {
    return;
  }
  if (url.origin !== self.location.origin || url.search || !INDEX_FILE.test(url.pathname)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      if (await cache.match(url.href)) return;
      const headers = { "content-type": "application/octet-stream", "content-length": String(data.bytes.byteLength) };
      await cache.put(url.href, new Response(data.bytes, { headers }));
    })().catch(() => undefined),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const older = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
      const cache = await caches.open(CACHE);
      for (const name of older) {
        const old = await caches.open(name);
        for (const request of await old.keys()) {
          if (!SHARD_FILE.test(new URL(request.url).pathname) || (await cache.match(request))) continue;
          const response = await old.match(request);
          if (response) await cache.put(request, response).catch(() => undefined);
        }
      }
      await Promise.all(older.map((n) => caches.delete(n)));
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
