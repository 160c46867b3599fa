// End-to-end tests of the built site (dist/) in headless Chromium.
//
// Run from tests/e2e after `trunk build --release`:  node --test
// Each test serves a copy of dist/ with a small test index (built from fixtures/catalog.jsonl by the
// native index-builder into a temp dir) on 127.0.0.1, under the sub-path /ptmpicker/ like GitHub
// Pages does, and fails on any page error, console error or failed response it did not provoke.
// Screenshots go to tests/e2e/artifacts/ (gitignored).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";

import { launch, nativeSearch, newPage, resultsWhen, serve, shot, stageSite, testIndex } from "./helpers.js";

const BASE = "/ptmpicker/";
let browser;
let index;
let site;

// Requests whose native ranking the tests compare with the browser's (ranked in one CLI call).
const DESCRIBED = {
  function: "Transcribe German podcasts",
  task: "automatic-speech-recognition",
  domain: "podcasts",
  language: "German",
  license: "commercial use",
  parameter_size: "under 1B parameters",
  hardware: "laptop, 8 GB RAM",
};
const REQUESTS = {
  podcasts: { function: "transcribe podcasts", license: "commercial use" },
  shared: { task: "automatic-speech-recognition", function: "transcribe podcasts" },
  described: DESCRIBED,
};
let native = {};

before(async () => {
  index = testIndex();
  site = stageSite(index.bytes);
  const keys = Object.keys(REQUESTS);
  const lines = nativeSearch(index.path, keys.map((k) => REQUESTS[k]));
  keys.forEach((k, i) => (native[k] = lines[i].results.map((r) => r.id)));
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The native engine's order for a request (the browser must show the same). */
function nativeIds(key) {
  return native[key];
}

async function withPage(options, fn) {
  const server = await serve(options.root || site, { base: BASE, ...(options.server || {}) });
  const { context, page, problems } = await newPage(browser, options);
  try {
    await fn({ page, context, server, problems });
    if (!options.allowProblems) assert.deepEqual(problems, [], "no page errors, console errors or failed requests");
  } finally {
    await context.close();
    await server.close();
  }
}

describe("PTMPicker web app", () => {
  test("assets load from relative URLs under a sub-path", async () => {
    const html = readFileSync(`${site}/index.html`, "utf8");
    const absolute = [...html.matchAll(/(?:src|href)="(\/[^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(absolute, [], "dist/index.html must not use absolute paths");
    const sw = readFileSync(`${site}/sw.js`, "utf8");
    assert.match(sw, /self\.PRECACHE = \{\s*"version": "[0-9a-f]{16}"/, "sw.js carries the build's precache manifest");
    for (const asset of ["./index.html", "./app.css"]) assert.ok(sw.includes(`"${asset}"`), `precache lists ${asset}`);
    assert.ok(/_bg\.wasm"/.test(sw), "precache lists the wasm");
  });

  test("no request: ready with zero results", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(server.url);
      const ids = await resultsWhen(page, "ready");
      assert.deepEqual(ids, []);
      assert.match(await page.textContent("#results-summary"), /Describe the model you need/);
      await shot(page, "01-empty-light");
    });
  });

  test("the form searches; results come in the native engine's order; the URL follows", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      await page.fill("#field-function", "transcribe podcasts");
      await page.selectOption("#license-preset", "commercial use");
      assert.equal(await page.inputValue("#field-license"), "commercial use");
      await page.click("#search-button");
      await page.waitForSelector('#results[data-state="ready"][data-query*="function="] > li[data-model-id]');
      const ids = await resultsWhen(page, "ready");
      const expected = nativeIds("podcasts");
      assert.ok(expected.length >= 2, "the fixture has several matching models");
      assert.deepEqual(ids, expected);
      assert.ok(!ids.includes("acme/podcast-asr-nc"), "a non-commercial model is left out");
      const url = new URL(page.url());
      assert.equal(url.pathname, BASE);
      assert.equal(url.search, "?function=transcribe+podcasts&license=commercial+use");
      // Verdict, link and highlighted words on the first card.
      const first = page.locator("#results > li").first();
      assert.equal(await first.locator(".verdict[data-field=license]").getAttribute("data-status"), "satisfied");
      assert.equal(await first.locator("h3 a").getAttribute("href"), `https://huggingface.co/${ids[0]}`);
      assert.ok((await first.locator(".matched mark").count()) > 0, "matched words are highlighted");
      // Expand the whole extracted template instance.
      await first.locator("details.instance summary").click();
      assert.ok((await first.locator(".instance-fields > div").count()) > 0);
      await shot(page, "02-results-light");
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, "02-results-viewport-light", false);
    });
  });

  test("a shared URL runs its search on open (and the form shows it)", async () => {
    await withPage({ colorScheme: "dark" }, async ({ page, server }) => {
      await page.goto(`${server.url}?task=automatic-speech-recognition&function=transcribe+podcasts`);
      const ids = await resultsWhen(page, "ready");
      assert.deepEqual(ids, nativeIds("shared"));
      assert.ok(ids.length > 0);
      assert.equal(await page.inputValue("#field-function"), "transcribe podcasts");
      assert.equal(await page.inputValue("#field-task"), "automatic-speech-recognition");
      await shot(page, "03-url-dark");
      // Reloading the same address gives the same list.
      await page.reload();
      assert.deepEqual(await resultsWhen(page, "ready"), ids);
    });
  });

  test("the description box fills the fields by rules and searches", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      await page.fill("#describe", "Transcribe German podcasts, must be usable commercially, under 1B parameters, runs on a laptop with 8 GB RAM");
      await page.click("#fill-button");
      await page.waitForSelector('#results[data-state="ready"][data-query*="license="]');
      assert.equal(await page.inputValue("#field-function"), "Transcribe German podcasts");
      assert.equal(await page.inputValue("#field-task"), "automatic-speech-recognition");
      assert.equal(await page.inputValue("#field-license"), "commercial use");
      assert.equal(await page.inputValue("#field-parameter_size"), "under 1B parameters");
      assert.equal(await page.inputValue("#field-hardware"), "laptop, 8 GB RAM");
      assert.equal(await page.inputValue("#field-language"), "German");
      assert.equal(await page.inputValue("#device-memory"), "8");
      const ids = await resultsWhen(page, "ready");
      const query = Object.fromEntries(new URL(page.url()).searchParams.entries());
      assert.deepEqual(query, DESCRIBED, "the filled request is in the URL");
      assert.deepEqual(ids, nativeIds("described"));
      assert.ok(ids.includes("jonatasgrosman/wav2vec2-large-xlsr-53-german"), "the German model is found");
      assert.ok(!ids.includes("openai/whisper-large-v3"), "1.55B is over the limit");
      assert.ok((await page.locator(".notes li").count()) >= 5, "notes say what was read");
      await shot(page, "04-describe-light");
    });
  });

  test("compare two to four models side by side", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?function=transcribe+speech`);
      const ids = await resultsWhen(page, "ready");
      assert.ok(ids.length >= 4);
      const boxes = page.locator("#results .compare-toggle input");
      for (let i = 0; i < 4; i++) await boxes.nth(i).check();
      assert.ok(await boxes.nth(4).isDisabled(), "a fifth model can't be added");
      await page.waitForSelector(".compare-table");
      const heads = await page.$$eval(".compare-table thead th[data-compare-id]", (els) => els.map((e) => e.getAttribute("data-compare-id")));
      assert.deepEqual(heads, ids.slice(0, 4));
      assert.equal(await page.locator("[data-model-id]").count(), ids.length, "compare adds no result-like elements");
      await page.locator("#compare").scrollIntoViewIfNeeded();
      await shot(page, "05-compare-light", false);
      await page.click("#compare-clear");
      assert.equal(await page.locator(".compare-table").count(), 0);
    });
  });

  test("export results as JSON, CSV and Markdown", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?function=named+entities+in+news&license=permissive`);
      const ids = await resultsWhen(page, "ready");
      assert.ok(ids.length > 0);
      const save = async (button) => {
        const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
        return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
      };
      const json = await save("#export-json");
      assert.equal(json.name, "ptmpicker-results.json");
      const doc = JSON.parse(json.text);
      assert.deepEqual(doc.results.map((r) => r.id), ids);
      assert.equal(doc.request.license, "permissive");
      const csv = await save("#export-csv");
      assert.equal(csv.name, "ptmpicker-results.csv");
      assert.equal(csv.text.split("\r\n").filter(Boolean).length, ids.length + 1);
      const md = await save("#export-md");
      assert.match(md.text, /^# PTMPicker results/);
      assert.ok(md.text.includes(`(https://huggingface.co/${ids[0]})`));
    });
  });

  test("model-card text is shown as text, never run as markup", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?function=predicts+masked+words&task=fill-mask`);
      const ids = await resultsWhen(page, "ready");
      assert.equal(ids[0], "evil/markup-card");
      const card = page.locator('#results > li[data-model-id="evil/markup-card"]');
      await card.locator("details.instance summary").click();
      assert.equal(await card.locator("img, script").count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
    });
  });

  test("insights: RQ2 charts with titles and data tables", async () => {
    for (const colorScheme of ["light", "dark"]) {
      await withPage({ colorScheme }, async ({ page, server }) => {
        await page.goto(`${server.url}#insights`);
        await page.waitForSelector("#chart-documented svg[role=img]");
        assert.equal(await page.getAttribute("#tab-insights", "aria-selected"), "true");
        assert.match(await page.textContent("#documented-title"), /document each template attribute/);
        assert.equal(await page.locator("#chart-documented rect.bar").count(), 33);
        assert.ok((await page.locator("#chart-downloads rect.bar.with").count()) > 0);
        await page.selectOption("#insight-stat", "mean");
        await page.waitForSelector("#downloads-title:has-text('Mean')", { state: "attached" });
        // The results container stays in the page (hidden) while insights show.
        assert.equal(await page.locator("#results").count(), 1);
        await shot(page, `06-insights-${colorScheme}`);
        // Keyboard: arrow keys move between tabs.
        await page.focus("#tab-insights");
        await page.keyboard.press("ArrowLeft");
        assert.equal(await page.getAttribute("#tab-search", "aria-selected"), "true");
        assert.equal(await page.evaluate(() => document.activeElement.id), "tab-search");
      });
    }
  });

  test("keyboard: skip link, Enter submits, focus is visible", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
      await page.focus("#field-function");
      await page.keyboard.type("sentiment of tweets");
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, "none", "focused fields show an outline");
      await page.focus("#field-domain");
      await page.keyboard.press("Enter");
      await page.waitForSelector('#results[data-state="ready"][data-query*="sentiment"] > li[data-model-id]');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, "07-mobile-light", false);
      await page.locator("#results-heading").scrollIntoViewIfNeeded();
      await shot(page, "07-mobile-results-light", false);
    });
  });

  test("offline: after the first visit the app loads and searches without the network", async () => {
    const server = await serve(site, { base: BASE });
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      // Wait for the service worker to install (precache) and take control of the page.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
        }
      });
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith("ptmpicker-")));
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
      });
      assert.ok(cached.some((p) => p.endsWith("/index.bin")), `index.bin precached: ${cached}`);
      assert.ok(cached.some((p) => p.endsWith(".wasm")), "wasm precached");
      await server.close();
      await context.setOffline(true);
      await page.goto(`${server.url}?function=transcribe+podcasts&license=commercial+use`);
      const ids = await resultsWhen(page, "ready");
      assert.deepEqual(ids, nativeIds("podcasts"));
      // And a new search, still offline.
      await page.fill("#field-function", "sentiment of tweets");
      await page.selectOption("#license-preset", "");
      await page.click("#search-button");
      await page.waitForSelector('#results[data-state="ready"][data-query="function=sentiment+of+tweets"] > li[data-model-id]');
      await shot(page, "08-offline-light");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  for (const [name, bytes, status, message] of [
    ["corrupt", () => Buffer.from("<!DOCTYPE html><html><body>Not found</body></html>"), 200, /not a PTMPicker index/],
    ["other-version", () => { const b = Buffer.from(index.bytes); b.writeUInt32LE(99, 8); return b; }, 200, /version 99 is not supported/],
    ["truncated", () => index.bytes.subarray(0, index.bytes.length - 100), 200, /truncated/],
    ["missing", null, 404, /not found on the server/],
  ]) {
    test(`a ${name} index shows a clear error on the page`, async () => {
      const root = bytes ? site : stageSite(null);
      const overrides = bytes ? { "index.bin": bytes() } : {};
      await withPage({ root, server: { overrides }, allowStatus: status === 404 ? [404] : [] }, async ({ page, server }) => {
        await page.goto(`${server.url}?function=x`);
        await resultsWhen(page, "error");
        const alert = await page.textContent("[role=alert]");
        assert.match(alert, message);
        assert.equal(await page.locator("#results > li").count(), 0);
        if (name === "corrupt") await shot(page, "09-error-light");
      });
    });
  }
});
