// Cold first visit over a slow line, served by a plain static server that compresses nothing.
//
//   cd tests/e2e && PTMPICKER_BENCH=1 node bench-network.mjs INDEX_FILE [--plain-sw]
//
// Stages dist/ with INDEX_FILE as index.bin (after `trunk build --release`), serves it with
// `python3 -m http.server` (no compression, Last-Modified validators), and opens a fresh browser
// context with the service worker allowed and Chrome's network emulation at 20 Mbit/s, 40 ms RTT.
// Reports, per run: time to the first ranked result, bytes the page received (CDP
// encodedDataLength, page target only), and what the server sent (index.bin requests and bytes,
// all bytes), counted from the server's log until the service worker has installed.
// `--plain-sw` runs the build hook over `git show main:public/sw.js` instead of this sw.js (the
// "before" worker, which precached the index in parallel with the page's own download).
// Env: BENCH_RUNS (3), BENCH_MBPS (20), BENCH_RTT_MS (40).

import { execFileSync, spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

const site = stageSite(readFileSync(indexFile));
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
    cdp.on("Network.loadingFinished", (e) => (received += e.encodedDataLength));
    const started = Date.now();
    await page.goto(url + QUERY);
    await page.waitForSelector('#results[data-state="ready"] > li[data-model-id]', { timeout: 300_000 });
    const firstResult = Date.now() - started;
    const receivedAtResult = received;
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
console.log(`index file ${indexFile}: ${mb(statSync(indexFile).size)}; ${MBPS} Mbit/s, ${RTT} ms RTT; worker: ${flags.includes("--plain-sw") ? "main's" : "this"}`);
for (const r of rows) {
  console.log(
    `first result ${(r.first_result_ms / 1000).toFixed(2)} s | page received ${mb(r.page_received_before_result)} | index.bin requests ${r.index_requests} (${mb(r.index_bytes_served)}) | server sent ${mb(r.all_bytes_served)}`,
  );
}
