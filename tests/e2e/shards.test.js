// A sharded index (issue 11 item 3): the default catalog built with small shards, so the site has
// a head (index.bin) plus many content-addressed shard files that the app fetches on demand.
// - Online: results equal the single-file site's (ids, order, verdicts) and the page fetched only
//   some shards.
// - "Make all models available offline" downloads the rest with progress; offline, any request
//   then works, and a reload remembers the state.
// - Offline without it: a request whose shards are here works; one that needs others gets a clear
//   message (`#results[data-state="unavailable"]`), never a broken page.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";

import { ROOT, buildIndex, launch, nativeSearch, newPage, resultsWhen, serve, shot, stageSite } from "./helpers.js";

const CATALOG = join(ROOT, "index-builder", "catalog", "default.jsonl");
const BASE = "/hub/";
const REQUESTS = {
  podcasts: { function: "transcribe English podcasts", license: "commercial use" },
  sentiment: { function: "sentiment of product reviews", parameter_size: "under 500M parameters" },
  legal: { function: "summarize german legal contracts" },
  images: { function: "caption photos of street scenes", license: "apache-2.0" },
  code: { function: "write python code from a description", hardware: "runs on a laptop CPU with 8 GB RAM" },
};
const query = (r) => "?" + new URLSearchParams(r).toString();

let browser;
let sharded; // { dir, shards: [file names] }
let single; // staged site with the single-file index
const native = {};

before(async () => {
  const tmp = mkdtempSync(join(tmpdir(), "ptmpicker-shards-"));
  const head = buildIndex(CATALOG, join(tmp, "sharded", "index.bin"), { extra: ["--shard-kb", "2"] });
  const one = buildIndex(CATALOG, join(tmp, "single", "index.bin"), { extra: ["--shard-kb", "0"] });
  const shards = readdirSync(dirname(head)).filter((f) => /^index-[0-9a-f]{16}\.bin$/.test(f));
  assert.ok(shards.length > 20, `several shards: ${shards.length}`);
  const dir = stageSite(readFileSync(head));
  for (const f of shards) copyFileSync(join(dirname(head), f), join(dir, f));
  sharded = { dir, shards };
  single = stageSite(readFileSync(one));
  const keys = Object.keys(REQUESTS);
  const lines = nativeSearch(one, keys.map((k) => REQUESTS[k]));
  keys.forEach((k, i) => (native[k] = lines[i].results.map((r) => r.id)));
  browser = await launch();
});

after(async () => browser?.close());

/** Ids, verdicts (field=status) and display text (snippet, facts) of the shown results, in order. */
async function shown(page, state = "ready") {
  await resultsWhen(page, state);
  return page.$$eval("#results > li[data-model-id]", (els) =>
    els.map((e) => ({
      id: e.getAttribute("data-model-id"),
      snippet: e.querySelector(".snippet")?.textContent ?? "",
      facts: e.querySelector(".facts")?.textContent ?? "",
      verdicts: [...e.querySelectorAll(".verdict[data-field]")].map((v) => `${v.getAttribute("data-field")}=${v.getAttribute("data-status")}`),
    })),
  );
}

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** Searches `request` in the page (form-free: through the address and Back/Forward handling). */
async function search(page, request) {
  await page.evaluate((q) => {
    history.pushState(null, "", q);
    dispatchEvent(new PopStateEvent("popstate"));
  }, query(request));
  const q = new URLSearchParams(request).toString();
  await page.waitForFunction((q) => {
    const el = document.querySelector("#results");
    const state = el.getAttribute("data-state");
    return state === "unavailable" || (state === "ready" && el.getAttribute("data-query") === q);
  }, q);
}

/**
 * Opens the list of left-out models and returns their ids. On a sharded site the names live in
 * document shards: models whose shard is not here show a placeholder, and "Show their names"
 * fetches them (`placeholders` reports whether any placeholder was shown first).
 */
async function leftOut(page) {
  if (await page.locator("#left-out").isHidden()) return { ids: [], placeholders: 0 };
  await page.click("#left-out-button");
  await page.waitForSelector("#left-out-list > li");
  const placeholders = await page.locator("#left-out-list .left-out-unnamed").count();
  assert.equal(placeholders > 0, (await page.locator("#left-out-names").count()) > 0, "a placeholder comes with the button that fetches names");
  if (placeholders > 0) {
    assert.match(await page.textContent("#left-out-names"), /Show their names \(\d+ parts? of the index, /);
    await page.click("#left-out-names");
    await page.waitForFunction(() => !document.querySelector("#left-out-names") && !document.querySelector("#left-out-list .left-out-unnamed"));
  }
  const ids = await page.$$eval("#left-out-list > li", (els) => els.map((e) => e.getAttribute("data-left-out-id")));
  return { ids, placeholders };
}

const shardRequests = (server) => server.requests.filter((p) => /\/index-[0-9a-f]{16}\.bin$/.test(p));
// The browser logs a failed offline fetch as a console error: expected where a test goes offline.
const unexpected = (problems) => problems.filter((p) => !/Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED)$/.test(p));

test("online: a sharded site ranks like the single file, fetching only the shards a search reads", async () => {
  const serverSharded = await serve(sharded.dir, { base: BASE });
  const serverSingle = await serve(single, { base: BASE });
  const a = await newPage(browser);
  const b = await newPage(browser);
  try {
    for (const [name, request] of Object.entries(REQUESTS)) {
      await a.page.goto(serverSharded.url + query(request));
      await b.page.goto(serverSingle.url + query(request));
      const got = await shown(a.page);
      const want = await shown(b.page);
      assert.ok(got.length > 0, `${name}: results`);
      assert.deepEqual(got, want, `${name}: same models, order, verdicts and display text`);
      assert.deepEqual(got.map((r) => r.id), native[name], `${name}: same as the native engine`);
    }
    const fetched = new Set(shardRequests(serverSharded));
    assert.ok(fetched.size > 0 && fetched.size < sharded.shards.length, `fetched ${fetched.size} of ${sharded.shards.length} shards`);
    // The models left out: the head has no names (format 5 on); a placeholder, then the same names.
    // (A request whose left-out models are of many tasks, so of document shards no result needs.)
    const spread = { ...REQUESTS, english: { function: "english", license: "mit" } };
    let placeholders = 0;
    for (const name of ["podcasts", "english"]) {
      await a.page.goto(serverSharded.url + query(spread[name]));
      await b.page.goto(serverSingle.url + query(spread[name]));
      await shown(a.page);
      await shown(b.page);
      const got = await leftOut(a.page);
      const want = await leftOut(b.page);
      assert.equal(want.placeholders, 0, "a single file names every model");
      assert.ok(want.ids.length > 0 && want.ids.every((id) => id), `${name}: models left out`);
      assert.deepEqual(got.ids, want.ids, `${name}: the same models left out, named`);
      placeholders += got.placeholders;
    }
    assert.ok(placeholders > 0, "some left-out names came from shards fetched on request");
    // The display text came from document shards: some results carry a snippet.
    assert.ok((await shown(a.page)).some((r) => r.snippet.length > 0), "results show their text");
    assert.equal(await a.page.getAttribute("#offline", "data-state"), "partial");
    assert.match(await a.page.textContent("#make-offline"), /Make all models available offline \(\d/);
    await shot(a.page, "shards-online");
    assert.deepEqual(a.problems, []);
    assert.deepEqual(b.problems, []);
  } finally {
    await a.context.close();
    await b.context.close();
    await serverSharded.close();
    await serverSingle.close();
  }
});

test("offline after 'make all models available offline': any request works, and a reload remembers it", async () => {
  const server = await serve(sharded.dir, { base: BASE });
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(server.url + query(REQUESTS.podcasts));
    assert.deepEqual((await shown(page)).map((r) => r.id), native.podcasts);
    await controlled(page);
    await page.click("#make-offline");
    await page.waitForSelector('#offline[data-state="complete"]', { timeout: 60_000 });
    assert.match(await page.textContent("#offline"), /All models are available offline \(\d+ parts/);
    assert.equal(new Set(shardRequests(server)).size, sharded.shards.length, "every shard downloaded once");

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#offline[data-state="complete"]');
    for (const [name, request] of Object.entries(REQUESTS)) {
      await search(page, request);
      assert.deepEqual((await shown(page)).map((r) => r.id), native[name], `${name} offline`);
    }
    await shot(page, "shards-offline-complete");
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("offline without it: the shards here still search; others get a clear message, never a broken page", async () => {
  const server = await serve(sharded.dir, { base: BASE });
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(server.url + query(REQUESTS.podcasts));
    const online = await shown(page);
    await controlled(page);
    await context.setOffline(true);
    await page.reload();
    assert.deepEqual(await shown(page), online, "the shards of the first search (postings and display text) were kept");
    assert.equal(await page.getAttribute("#offline", "data-state"), "partial");

    await search(page, REQUESTS.legal);
    await resultsWhen(page, "unavailable");
    const summary = await page.textContent("#results-summary");
    assert.match(summary, /not on this device/);
    assert.match(summary, /Make all models available offline/);
    assert.equal(await page.locator("#results > li").count(), 0);
    assert.equal(await page.locator("#load-error").count(), 0, "not the index-failed banner");
    await shot(page, "shards-offline-missing");
    // The only problems so far: the shard fetches that failed offline.
    assert.deepEqual(unexpected(problems.splice(0)), []);

    // Still a working page: back online, the same search completes.
    await context.setOffline(false);
    await search(page, REQUESTS.sentiment);
    assert.deepEqual((await shown(page)).map((r) => r.id), native.sentiment);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

/** The sharded site as a build leaves it (public/sw.js, then Trunk's post_build hook), `change`d first. */
function versioned(change = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), "ptmpicker-shards-site-"));
  cpSync(sharded.dir, dir, { recursive: true });
  copyFileSync(join(ROOT, "public", "sw.js"), join(dir, "sw.js"));
  change(dir);
  const toml = readFileSync(join(ROOT, "Trunk.toml"), "utf8");
  const hook = toml.match(/stage = "post_build"[\s\S]*?'''([\s\S]*?)'''/)[1];
  execFileSync("sh", ["-c", hook], { env: { ...process.env, TRUNK_STAGING_DIR: dir }, stdio: ["ignore", "ignore", "inherit"] });
  const version = readFileSync(join(dir, "sw.js"), "utf8").match(/"version":\s*"([0-9a-f]+)"/)[1];
  return { dir, version };
}

test("an app update keeps the shards downloaded for offline use", async () => {
  const v1 = versioned();
  const v2 = versioned((dir) => appendFileSync(join(dir, "app.css"), "\n/* v2 */\n"));
  assert.notEqual(v1.version, v2.version);
  let current = v1.dir;
  const server = await serve(() => current, { base: BASE });
  const { context, page, problems } = await newPage(browser);
  const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("ptmpicker-")));
  try {
    await page.goto(server.url + query(REQUESTS.podcasts));
    await shown(page);
    await controlled(page);
    await page.click("#make-offline");
    await page.waitForSelector('#offline[data-state="complete"]', { timeout: 60_000 });

    current = v2.dir; // deploy a new version of the app (same index)
    await page.reload();
    await shown(page);
    for (let i = 0; i < 100 && JSON.stringify(await cacheNames()) !== JSON.stringify([`ptmpicker-${v2.version}`]); i++) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(await cacheNames(), [`ptmpicker-${v2.version}`], "the old version's cache is gone");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#offline[data-state="complete"]');
    await search(page, REQUESTS.legal);
    assert.deepEqual((await shown(page)).map((r) => r.id), native.legal, "the shards came along");
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await context.close();
    await server.close();
  }
});
