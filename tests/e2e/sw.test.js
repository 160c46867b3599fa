// The offline cache's versioning: the build hook (Trunk.toml) must give sw.js a new version
// whenever any asset changes, and a new version must replace the old cache in the browser.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { ROOT, launch, newPage, resultsWhen, serve, stageSite, testIndex } from "./helpers.js";

/** The post_build hook's shell script, as written in Trunk.toml. */
function hookScript() {
  const toml = readFileSync(join(ROOT, "Trunk.toml"), "utf8");
  const m = toml.match(/stage = "post_build"[\s\S]*?'''([\s\S]*?)'''/);
  assert.ok(m, "Trunk.toml has a post_build hook script");
  return m[1];
}

/** A site as the build leaves it: dist/ with the original public/sw.js, then the hook run on it. */
function buildSite(indexBytes, change = () => {}) {
  const dir = stageSite(indexBytes);
  copyFileSync(join(ROOT, "public", "sw.js"), join(dir, "sw.js"));
  change(dir);
  execFileSync("sh", ["-c", hookScript()], { env: { ...process.env, TRUNK_STAGING_DIR: dir }, stdio: ["ignore", "ignore", "inherit"] });
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  const manifest = JSON.parse(sw.match(/self\.PRECACHE = (\{[\s\S]*?\});/)[1]);
  return { dir, ...manifest };
}

let browser;
let index;
before(async () => {
  index = testIndex();
  browser = await launch();
});
after(async () => browser?.close());

test("the precache version is a hash of every asset", () => {
  const a = buildSite(index.bytes);
  const again = buildSite(index.bytes);
  assert.match(a.version, /^[0-9a-f]{16}$/);
  assert.equal(again.version, a.version, "same files, same version");
  for (const asset of ["./", "./index.html", "./index.bin", "./app.css", "./manifest.webmanifest"]) {
    assert.ok(a.assets.includes(asset), `precaches ${asset}`);
  }
  assert.ok(a.assets.some((x) => x.endsWith("_bg.wasm.gz")) && a.assets.some((x) => /ptmpicker-app-[0-9a-f]+\.js$/.test(x)));
  assert.ok(!a.assets.some((x) => x.endsWith("_bg.wasm")), "the plain wasm is not precached (its .gz is)");
  assert.ok(!a.assets.includes("./sw.js"));
  const newIndex = buildSite(index.bytes, (dir) => appendFileSync(join(dir, "index.bin"), Buffer.from([0])));
  const newCss = buildSite(index.bytes, (dir) => appendFileSync(join(dir, "app.css"), "\n/* changed */\n"));
  const newSw = buildSite(index.bytes, (dir) => appendFileSync(join(dir, "sw.js"), "\n// changed\n"));
  for (const other of [newIndex, newCss, newSw]) assert.notEqual(other.version, a.version);
});

test("a new version replaces the old cache and serves the new assets", async () => {
  const v1 = buildSite(index.bytes);
  const v2 = buildSite(index.bytes, (dir) => appendFileSync(join(dir, "app.css"), "\nbody { --test-version: 2; }\n"));
  let current = v1.dir;
  const server = await serve(() => current, { base: "/app/" });
  const { context, page, problems } = await newPage(browser);
  const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith("ptmpicker-")).sort());
  const controlled = () =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    });
  try {
    await page.goto(server.url);
    await resultsWhen(page, "ready");
    await controlled();
    assert.deepEqual(await cacheNames(), [`ptmpicker-${v1.version}`]);

    current = v2.dir; // deploy the new version
    await page.reload();
    await resultsWhen(page, "ready");
    // The browser fetches sw.js on navigation, installs v2, which deletes v1's cache on activate.
    const want = [`ptmpicker-${v2.version}`];
    for (let i = 0; i < 100 && JSON.stringify(await cacheNames()) !== JSON.stringify(want); i++) {
      await page.waitForTimeout(100);
    }
    assert.deepEqual(await cacheNames(), [`ptmpicker-${v2.version}`]);
    await page.reload();
    await resultsWhen(page, "ready");
    const version = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue("--test-version").trim());
    assert.equal(version, "2", "the new stylesheet is served after the update");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});
