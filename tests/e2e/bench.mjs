// Browser benchmark of the built site with the full Hub catalog.
//
//   cd tests/e2e && PTMPICKER_BENCH=1 node bench.mjs      (after `trunk build --release`)
//
// Builds an index from ../shared/data/hf-models.jsonl (relative to the repository root) into a
// temp dir (never into public/), serves dist/ with it on 127.0.0.1 and measures in headless
// Chromium: cold load to the first ranked result, query latency in the WASM engine (p50/p95 over
// the eval requests, through window.__ptmpicker_bench), wasm and index sizes (raw / gzip), and
// memory after load. Prints a table (and writes artifacts/bench.json).
//
// Env: PTMPICKER_BENCH=1 (required), BENCH_CATALOG=<path> (other catalog), BENCH_RUNS (cold loads, 3),
// BENCH_REPEAT (passes over the requests, 5).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

import { ARTIFACTS, DIST, ROOT, buildIndex, launch, requireDist, serve, stageSite } from "./helpers.js";

if (process.env.PTMPICKER_BENCH !== "1") {
  console.log("bench: skipped (set PTMPICKER_BENCH=1 to run the browser benchmark)");
  process.exit(0);
}

const CATALOG = resolve(process.env.BENCH_CATALOG || join(ROOT, "..", "shared", "data", "hf-models.jsonl"));
if (!existsSync(CATALOG)) {
  console.log(`bench: skipped: catalog ${CATALOG} is absent (expected ../shared/data/hf-models.jsonl next to the repository)`);
  process.exit(0);
}
requireDist();

const RUNS = Number(process.env.BENCH_RUNS || 3);
const REPEAT = Number(process.env.BENCH_REPEAT || 5);
const FIRST_QUERY = "?function=transcribe+English+podcasts&license=commercial+use";

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const ms = (n) => `${n.toFixed(1)} ms`;

function requests() {
  const file = join(ROOT, "tests", "eval", "requests.jsonl");
  if (existsSync(file)) {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l).request)
      .filter(Boolean);
  }
  return [
    { function: "transcribe podcasts", license: "commercial use" },
    { function: "sentiment of product reviews", language: "German" },
    { function: "chat assistant", parameter_size: "under 3B", hardware: "laptop with 8 GB RAM" },
    { function: "generate images from text prompts", license: "permissive" },
    { function: "sentence embeddings for semantic search", task: "sentence-similarity" },
  ];
}

// 1. Index from the full catalog, in a temp dir.
const dir = mkdtempSync(join(tmpdir(), "ptmpicker-bench-"));
const indexPath = join(dir, "index.bin");
console.log(`bench: building the index from ${CATALOG} …`);
execFileSync("cargo", ["build", "--quiet", "--release", "-p", "index-builder"], { cwd: ROOT, stdio: "inherit" });
const t0 = Date.now();
buildIndex(CATALOG, indexPath);
const buildSeconds = (Date.now() - t0) / 1000;
const indexBytes = readFileSync(indexPath);
const site = stageSite(indexBytes);
const server = await serve(site, { base: "/" });

// 2. Sizes.
const wasmFile = readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"));
const jsFile = readdirSync(DIST).find((f) => f.endsWith(".js") && f !== "sw.js");
const wasm = readFileSync(join(DIST, wasmFile));
const glue = readFileSync(join(DIST, jsFile));
const sizes = {
  wasm_raw: wasm.length,
  wasm_gzip: gzipSync(wasm, { level: 9 }).length,
  js_raw: glue.length,
  js_gzip: gzipSync(glue, { level: 9 }).length,
  // index.bin is shipped gzip-compressed (index-builder writes it so): its size is what travels.
  index_raw: gunzipSync(indexBytes).length,
  index_gzip: indexBytes.length,
};

// 3. Browser.
const browser = await launch();
const cold = [];
let memory = null;
let latencies = [];
let queries = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh context each time: empty HTTP cache, no service worker.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm));
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const started = Date.now();
    await page.goto(server.url + FIRST_QUERY);
    await page.waitForSelector('#results[data-state="ready"] > li[data-model-id]', { timeout: 300_000 });
    const wall = Date.now() - started;
    const marks = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        downloaded: at("ptmpicker:index-downloaded"),
        ready: at("ptmpicker:index-ready"),
        results: at("ptmpicker:results"),
      };
    });
    const models = await page.evaluate(() => document.querySelector(".site-footer")?.textContent ?? "");
    cold.push({ wall, ...marks, models });
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);

    if (run === RUNS - 1) {
      // Query latency inside WASM, on the warm page.
      const reqs = requests();
      queries = reqs.length;
      await page.evaluate((r) => window.__ptmpicker_bench(r), reqs.slice(0, 5)); // warm-up
      for (let i = 0; i < REPEAT; i++) {
        const out = await page.evaluate((r) => window.__ptmpicker_bench(r), reqs);
        latencies.push(...out.ms);
      }
      // Memory after load and the searches.
      const cdp = await context.newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage").catch(() => {});
      await cdp.send("Performance.enable");
      const { metrics } = await cdp.send("Performance.getMetrics");
      const metric = (n) => metrics.find((m) => m.name === n)?.value ?? NaN;
      const wasmMemory = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? NaN);
      memory = { jsHeapUsed: metric("JSHeapUsedSize"), jsHeapTotal: metric("JSHeapTotalSize"), wasmMemory };
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

// 4. Report.
const median = (xs) => percentile(xs, 50);
const rows = [
  ["catalog", CATALOG],
  ["models in index", cold[0].models.replace(/^Index: ([0-9]+) models.*$/s, "$1")],
  ["index build (native, release)", `${buildSeconds.toFixed(1)} s`],
  ["index.bin inflated / shipped (gzip)", `${mb(sizes.index_raw)} / ${mb(sizes.index_gzip)}`],
  ["wasm raw / gzip", `${kb(sizes.wasm_raw)} / ${kb(sizes.wasm_gzip)} (${sizes.wasm_raw} / ${sizes.wasm_gzip} B)`],
  ["JS glue raw / gzip", `${kb(sizes.js_raw)} / ${kb(sizes.js_gzip)}`],
  [`cold load → first ranked result (median of ${RUNS}, wall)`, ms(median(cold.map((c) => c.wall)))],
  ["  of which: index downloaded at", ms(median(cold.map((c) => c.downloaded)))],
  ["  index decoded + engine ready at", ms(median(cold.map((c) => c.ready)))],
  ["  first results at", ms(median(cold.map((c) => c.results)))],
  [`query latency in WASM p50 (${queries} requests × ${REPEAT})`, ms(percentile(latencies, 50))],
  ["query latency in WASM p95", ms(percentile(latencies, 95))],
  ["query latency in WASM max", ms(Math.max(...latencies))],
  ["JS heap used after load", mb(memory.jsHeapUsed)],
  ["WASM linear memory after load", mb(memory.wasmMemory)],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log("\nPTMPicker browser benchmark (headless Chromium, 127.0.0.1)\n");
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, "bench.json"), JSON.stringify({ sizes, cold, latencies_ms: latencies, memory, build_seconds: buildSeconds }, null, 2));
console.log(`\n(details: ${join(ARTIFACTS, "bench.json")})`);
