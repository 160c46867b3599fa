// Cold first visit over a slow line, served by a plain static server that compresses nothing.
//
//   cd tests/e2e && PTMPICKER_BENCH=1 node bench-network.mjs INDEX_FILE [--plain-sw]
//
// Stages dist/ with INDEX_FILE as index.bin (after `trunk build --release`), serves it with
// `python3 -m http.server` (no compression, Last-Modified validators), and opens a fresh browser
// context with the service worker allowed and Chrome's network emulation at 20 Mbit/s, 40 ms RTT.
// Reports, per run: time to the first ranked result (as Playwright sees it from outside, and by
// the page's own clock from navigation start to the first result in the DOM), bytes the page received (CDP
// encodedDataLength, page target only), and what the server sent (index.bin requests and bytes,
// all bytes), counted from the server's log until the service worker has installed.
// A sharded index (INDEX_FILE a head with `index-<hash>.bin` shards beside it) is staged with its
// shards. Each run also times a second query that reads other shards (a search through the page's
// address handling, to #results ready), and the last run the warm query latency in WASM over the
// eval requests (their shards fetched first through window.__ptmpicker_fetch_shards) — in turn,
// and each request 5× in a row as `index-builder bench` times it natively — and a whole warm
// search in the page (address to results in the DOM, rendering included; see pageSearches).
// `--plain-sw` runs the build hook over `git show main:public/sw.js` instead of this sw.js (the
// "before" worker, which precached the index in parallel with the page's own download).
// Env: BENCH_RUNS (3), BENCH_MBPS (20), BENCH_RTT_MS (40), BENCH_WATERFALL=1 (also print each
// run's requests until the first result — start, first byte and end in ms from navigation, bytes
// received — and the app's performance marks: where the cold-load time goes), BENCH_PROFILE=1
// (also profile 10 more passes of the warm queries — BENCH_PROFILE=page: 20 whole page searches —
// with Chrome's sampling profiler and print the
// functions with the most time; see profileWarm; BENCH_PROFILE_OUT=F.cpuprofile also saves it). The warm figures include a mean: performance.now()
// is coarsened to 0.1 ms, so p50 moves in 0.1 ms steps while the mean averages the rounding out.

import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { ROOT, launch, stageSite } from "./helpers.js";

if (process.env.PTMPICKER_BENCH !== "1") {
  console.log("bench-network: skipped (set PTMPICKER_BENCH=1)");
  process.exit(0);
}
const [indexFile, ...flags] = process.argv.slice(2);
if (!indexFile) throw new Error("usage: node bench-network.mjs INDEX_FILE [--plain-sw]");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const MBPS = Number(process.env.BENCH_MBPS || 20);
const RTT = Number(process.env.BENCH_RTT_MS || 40);
const QUERY = "?function=transcribe+English+podcasts&license=commercial+use";
// The second query: other words, so a sharded index fetches other shards.
const SECOND = "?function=summarize+german+legal+contracts&parameter_size=under+1B";

const site = stageSite(readFileSync(indexFile));
const SHARD = /^index-[0-9a-f]{16}\.bin$/;
const shardFiles = readdirSync(dirname(indexFile)).filter((f) => SHARD.test(f));
for (const f of shardFiles) copyFileSync(join(dirname(indexFile), f), join(site, f));
const shardBytes = shardFiles.reduce((sum, f) => sum + statSync(join(site, f)).size, 0);
const evalRequests = readFileSync(join(ROOT, "tests", "eval", "requests.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).request)
  .filter(Boolean);
if (flags.includes("--plain-sw")) {
  const toml = readFileSync(join(ROOT, "Trunk.toml"), "utf8");
  const hook = toml.match(/stage = "post_build"[\s\S]*?'''([\s\S]*?)'''/)[1];
  writeFileSync(join(site, "sw.js"), execFileSync("git", ["show", "main:public/sw.js"], { cwd: ROOT }));
  execFileSync("sh", ["-c", hook], { env: { ...process.env, TRUNK_STAGING_DIR: site }, stdio: ["ignore", "ignore", "inherit"] });
}

const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: ["ignore", "ignore", "pipe"] });
let log = "";
server.stderr.on("data", (d) => (log += d));
await new Promise((r) => setTimeout(r, 800));
const url = `http://127.0.0.1:${port}/`;

/** (path, status) of every request in the server log so far. */
function served() {
  return [...log.matchAll(/"GET ([^ ?]+)[^"]*" (\d{3})/g)].map((m) => ({ path: m[1], status: Number(m[2]) }));
}
function bytesOf(entries) {
  return entries.filter((e) => e.status === 200).reduce((sum, e) => sum + statSync(join(site, e.path === "/" ? "index.html" : e.path)).size, 0);
}

/**
 * BENCH_PROFILE=1: Chrome's sampling profiler over 10 more passes of the warm queries; prints the
 * functions with the most self and inclusive time. Function names need a wasm with its name
 * section (wasm-bindgen --keep-debug, wasm-opt -g); a release build shows wasm-function[N].
 */
async function profileWarm(cdp, page) {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  if (process.env.BENCH_PROFILE === "page") await pageSearches(page, 20);
  else for (let i = 0; i < 10; i++) await page.evaluate((r) => window.__ptmpicker_bench(r), evalRequests);
  const { profile } = await cdp.send("Profiler.stop");
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile)); // a .cpuprofile (DevTools opens it)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber})`;
  const self = new Map();
  const total = new Map();
  for (const id of profile.samples) {
    const leaf = byId.get(id);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + 1);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const k = name(byId.get(n));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + 1);
    }
  }
  const n = profile.samples.length;
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `  ${((100 * v) / n).toFixed(1).padStart(5)}%  ${k.slice(0, 140)}`);
  console.log(`profile (${n} samples), self:\n${top(self).join("\n")}\ninclusive:\n${top(total).join("\n")}`);
}

/**
 * A whole warm search as the page runs it (address → shards check → ranking → results in the
 * DOM), by the page's clock: QUERY and SECOND in turn (the page shows SECOND before), shards cached.
 */
async function pageSearches(page, n) {
  const pageMs = [];
  for (let i = 0; i < n; i++) {
    const q = i % 2 ? SECOND : QUERY;
    pageMs.push(
      await page.evaluate(
        (q) =>
          new Promise((resolve, reject) => {
            const el = document.querySelector("#results");
            setTimeout(() => reject(new Error(`no results for ${q} in 10 s`)), 10_000);
            const t0 = performance.now();
            const done = () => el.getAttribute("data-state") === "ready" && el.getAttribute("data-query") === q.slice(1);
            // Two clocks: results in the DOM (the attributes say ready for this query), and the
            // frame after that painted (rAF, then a task: style, layout and paint included).
            const obs = new MutationObserver(() => {
              if (done()) {
                obs.disconnect();
                const dom = performance.now() - t0;
                requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - t0, el.querySelectorAll("*").length])));
              }
            });
            obs.observe(el, { attributes: true });
            history.pushState(null, "", q);
            dispatchEvent(new PopStateEvent("popstate"));
          }),
        q,
      ),
    );
  }
  return pageMs;
}

const browser = await launch();
const rows = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const logStart = served().length;
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: RTT,
      downloadThroughput: (MBPS * 1e6) / 8,
      uploadThroughput: (MBPS * 1e6) / 8,
    });
    let received = 0;
    const requests = new Map();
    cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, sent: e.timestamp }));
    cdp.on("Network.responseReceived", (e) => {
      const r = requests.get(e.requestId);
      if (r) r.head = e.timestamp;
    });
    cdp.on("Network.loadingFinished", (e) => {
      received += e.encodedDataLength;
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    // When the first result is in the DOM, by the page's own clock (from navigation start):
    // Playwright's polling from outside adds its own delay to `first_result_ms` on a loaded machine.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('#results[data-state="ready"] > li[data-model-id]')) {
          performance.mark("bench:first-result-in-dom");
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const started = Date.now();
    await page.goto(url + QUERY);
    await page.waitForSelector('#results[data-state="ready"] > li[data-model-id]', { timeout: 300_000 });
    const firstResult = Date.now() - started;
    const inPage = await page.evaluate(() => performance.getEntriesByName("bench:first-result-in-dom")[0]?.startTime ?? null);
    if (process.env.BENCH_WATERFALL === "1") {
      const marks = await page.evaluate((started) =>
        performance.getEntriesByType("mark").map((m) => `${m.name} ${m.startTime.toFixed(0)}`).concat(
          performance.getEntriesByType("navigation").map((n) => `navigation responseEnd ${n.responseEnd.toFixed(0)}`),
        ).concat([`(navigation started ${(performance.timeOrigin - started).toFixed(0)} ms after page.goto was called)`]),
      started,
      );
      const all = [...requests.values()];
      const t0 = Math.min(...all.map((r) => r.sent));
      const ms = (t) => (t === undefined ? "-" : ((t - t0) * 1000).toFixed(0).padStart(5));
      console.log(`run ${run + 1} waterfall (ms from the first request; start / first byte / end, bytes):`);
      for (const r of all.sort((a, b) => a.sent - b.sent)) {
        console.log(`  ${ms(r.sent)} ${ms(r.head)} ${ms(r.end)} ${String(r.bytes ?? "-").padStart(8)}  ${r.url.replace(url, "")}`);
      }
      console.log(`  marks (ms from navigation): ${marks.join(" | ")}`);
    }
    const receivedAtResult = received;
    const shardsAtResult = served().slice(logStart).filter((e) => SHARD.test(e.path.slice(1))).length;
    // A second search that reads other shards (uncached on a sharded index).
    const beforeSecond = served().length;
    const t2 = Date.now();
    await page.evaluate((q) => {
      history.pushState(null, "", q);
      dispatchEvent(new PopStateEvent("popstate"));
    }, SECOND);
    await page.waitForFunction(
      (q) => {
        const el = document.querySelector("#results");
        return el.getAttribute("data-state") === "ready" && el.getAttribute("data-query") === q;
      },
      SECOND.slice(1),
      { timeout: 120_000 },
    );
    const secondMs = Date.now() - t2;
    const secondShards = served().slice(beforeSecond).filter((e) => SHARD.test(e.path.slice(1))).length;
    let warm = null;
    if (run === RUNS - 1) {
      await page.evaluate((r) => window.__ptmpicker_fetch_shards?.(r), evalRequests);
      await page.evaluate((r) => window.__ptmpicker_bench(r), evalRequests.slice(0, 5));
      const times = [];
      for (let i = 0; i < 5; i++) times.push(...(await page.evaluate((r) => window.__ptmpicker_bench(r), evalRequests)).ms);
      // The order `index-builder bench` times natively: each request once untimed, then 5 times in
      // a row (caches and branch history warm for that request), for a like-for-like comparison.
      const repeated = [];
      for (const r of evalRequests) repeated.push(...(await page.evaluate((x) => window.__ptmpicker_bench(x), Array(6).fill(r))).ms.slice(1));
      const stats = (t) => {
        t.sort((a, b) => a - b);
        const q = (p) => t[Math.min(t.length - 1, Math.floor(p * t.length))];
        return { n: t.length, p50: q(0.5), p95: q(0.95), mean: t.reduce((a, b) => a + b, 0) / t.length };
      };
      warm = { ...stats(times), repeated: stats(repeated) };
      const pageMs = await pageSearches(page, 20);
      warm.page = stats(pageMs.map((m) => m[0]));
      warm.painted = stats(pageMs.map((m) => m[1]));
      warm.elements = [...new Set(pageMs.map((m) => m[2]))].join("/");
      if (process.env.BENCH_PROFILE) await profileWarm(cdp, page);
    }
    // Let the service worker install and take the index, then count what the server sent.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    });
    await page.waitForTimeout(3000);
    const mine = served().slice(logStart);
    const index = mine.filter((e) => e.path.endsWith("/index.bin"));
    rows.push({
      first_result_ms: firstResult,
      first_result_in_page_ms: inPage,
      shards_before_result: shardsAtResult,
      second_query_ms: secondMs,
      second_query_shards: secondShards,
      warm,
      page_received_before_result: receivedAtResult,
      index_requests: index.length,
      index_bytes_served: bytesOf(index),
      all_bytes_served: bytesOf(mine),
    });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
console.log(
  `index file ${indexFile}: ${mb(statSync(indexFile).size)}${shardFiles.length ? ` + ${shardFiles.length} shards ${mb(shardBytes)}` : ""}; ${MBPS} Mbit/s, ${RTT} ms RTT; worker: ${flags.includes("--plain-sw") ? "main's" : "this"}`,
);
for (const r of rows) {
  console.log(
    `first result ${(r.first_result_ms / 1000).toFixed(2)} s (in the page: ${r.first_result_in_page_ms === null ? "-" : (r.first_result_in_page_ms / 1000).toFixed(2)} s) | page received ${mb(r.page_received_before_result)} (${r.shards_before_result} shards) | index.bin requests ${r.index_requests} (${mb(r.index_bytes_served)}) | server sent ${mb(r.all_bytes_served)} | second query ${r.second_query_ms} ms (${r.second_query_shards} shards)`,
  );
  if (r.warm) console.log(`warm queries (${r.warm.n}): p50 ${r.warm.p50.toFixed(2)} ms, p95 ${r.warm.p95.toFixed(2)} ms, mean ${r.warm.mean.toFixed(3)} ms`);
  const rep = r.warm?.repeated;
  const pg = r.warm?.page;
  if (pg) console.log(`warm search in the page, address to results in the DOM (${pg.n}): p50 ${pg.p50.toFixed(2)} ms, p95 ${pg.p95.toFixed(2)} ms, mean ${pg.mean.toFixed(3)} ms`);
  const pt = r.warm?.painted;
  if (pt) console.log(`  … to the next painted frame: p50 ${pt.p50.toFixed(2)} ms, p95 ${pt.p95.toFixed(2)} ms, mean ${pt.mean.toFixed(3)} ms; elements in #results ${r.warm.elements}`);
  if (rep) console.log(`warm, each request 5× in a row as index-builder bench times it (${rep.n}): p50 ${rep.p50.toFixed(2)} ms, p95 ${rep.p95.toFixed(2)} ms, mean ${rep.mean.toFixed(3)} ms`);
}
