// Shared helpers of the end-to-end tests and the benchmark: build an index with the native
// index-builder, stage a copy of dist/ with that index, serve it on 127.0.0.1:<ephemeral port>,
// and launch the Debian Chromium through playwright-core.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "..", "..");
// PTMPICKER_DIST: another build of the site (e.g. a profiling build with its wasm name section).
export const DIST = process.env.PTMPICKER_DIST ? resolve(process.env.PTMPICKER_DIST) : join(ROOT, "dist");
export const ARTIFACTS = join(HERE, "artifacts");
export const FIXTURE_CATALOG = join(HERE, "fixtures", "catalog.jsonl");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Fails early with a clear message when the site has not been built. */
export function requireDist() {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error(`${DIST}/index.html is missing: build the site first (trunk build --release)`);
  }
}

/** Runs the native index-builder: catalog (JSON Lines) -> index file (`extra`: more build flags). Returns the output path. */
export function buildIndex(catalog, out, { release = true, extra = [] } = {}) {
  mkdirSync(dirname(out), { recursive: true });
  const args = ["run", "--quiet", "-p", "index-builder"];
  if (release) args.push("--release");
  args.push("--", "build", "--catalog", catalog, "--out", out, ...extra);
  execFileSync("cargo", args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  return out;
}

/** Ranks requests with the native engine (`index-builder search`): one parsed JSON line each. */
export function nativeSearch(index, requests, { release = true } = {}) {
  const input = requests.map((r, i) => JSON.stringify({ id: String(i), request: r })).join("\n") + "\n";
  const args = ["run", "--quiet", "-p", "index-builder"];
  if (release) args.push("--release");
  args.push("--", "search", "--index", index, "--requests", "-");
  const out = execFileSync("cargo", args, { cwd: ROOT, input, encoding: "utf8", maxBuffer: 64 << 20 });
  return out
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Copies dist/ into a fresh temp dir and puts `indexBytes` (a Buffer) or no index there. */
export function stageSite(indexBytes) {
  requireDist();
  const dir = mkdtempSync(join(tmpdir(), "ptmpicker-site-"));
  cpSync(DIST, dir, { recursive: true });
  rmSync(join(dir, "index.bin"), { force: true });
  if (indexBytes) writeFileSync(join(dir, "index.bin"), indexBytes);
  return dir;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".bin": "application/octet-stream",
};

/**
 * Serves `root` (a directory, or a function returning one per request) on 127.0.0.1 (ephemeral port) under the path prefix `base` (e.g. "/repo/", like
 * GitHub Pages). `overrides` maps a path below the prefix to a Buffer served instead of the file.
 * `slow` maps a path below the prefix to milliseconds: its body is sent in two halves that far
 * apart (a slow download, to see the loading state).
 * Resolves to { url, close, requests } where `requests` lists the paths asked for.
 */
export function serve(root, { base = "/", overrides = {}, slow = {} } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const rootDir = typeof root === "function" ? root() : root;
    const url = new URL(req.url, "http://x");
    requests.push(url.pathname);
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end("outside the site");
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    if (rel in overrides) {
      res.writeHead(200, { "content-type": TYPES[extname(rel)] || "application/octet-stream", "content-length": overrides[rel].length, "cache-control": "no-cache" });
      res.end(overrides[rel]);
      return;
    }
    const file = normalize(join(rootDir, rel));
    if (!file.startsWith(normalize(rootDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-cache",
    });
    if (rel in slow) {
      const half = body.length >> 1;
      res.write(body.subarray(0, half));
      setTimeout(() => res.end(body.subarray(half)), slow[rel]);
      return;
    }
    res.end(body);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${port}${base}`,
        requests,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new page that records page errors, console errors and failed responses (>= 400) into
 * `problems`. Tests assert `problems` is empty unless they provoke errors on purpose.
 */
export async function newPage(browser, { colorScheme = "light", viewport = { width: 1280, height: 900 }, allowStatus = [] } = {}) {
  const context = await browser.newContext({ colorScheme, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs an allowed error status (e.g. the 404 a test provokes) as a console error too.
    const allowed = allowStatus.some((s) => m.text().includes(`status of ${s}`));
    if (!allowed) problems.push(`console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !allowStatus.includes(r.status())) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, problems };
}

/** Waits until #results has data-state="ready" (or "error" when asked) and returns the model ids in order. */
export async function resultsWhen(page, state = "ready", timeout = 30_000) {
  await page.waitForSelector(`#results[data-state="${state}"]`, { state: "attached", timeout });
  return page.$$eval("#results > li[data-model-id]", (els) => els.map((e) => e.getAttribute("data-model-id")));
}

/** Screenshot into tests/e2e/artifacts/<name>.png (gitignored). */
export async function shot(page, name, fullPage = true) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** The test index, built once per process into a temp dir (never into public/). */
let cachedIndex = null;
export function testIndex() {
  if (!cachedIndex) {
    const dir = mkdtempSync(join(tmpdir(), "ptmpicker-index-"));
    const path = buildIndex(FIXTURE_CATALOG, join(dir, "index.bin"));
    cachedIndex = { path, bytes: readFileSync(path) };
  }
  return cachedIndex;
}
