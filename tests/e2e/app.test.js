// End-to-end tests of the built site (dist/) in headless Chromium.
//
// Run from tests/e2e after `trunk build --release`:  node --test
// Each test serves a copy of dist/ with a small test index (built from fixtures/catalog.jsonl by the
// native index-builder into a temp dir) on 127.0.0.1, under the sub-path /ptmpicker/ like GitHub
// Pages does, and fails on any page error, console error or failed response it did not provoke.
// Screenshots go to tests/e2e/artifacts/ (gitignored).

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";

import { FIXTURE_CATALOG, buildIndex, launch, nativeSearch, newPage, resultsWhen, serve, shot, stageSite, testIndex } from "./helpers.js";

const BASE = "/ptmpicker/";
let browser;
let index;
let site;

// Requests whose native ranking the tests compare with the browser's (ranked in one CLI call).
const DESCRIBED = {
  function: "Transcribe German podcasts",
  task: "automatic-speech-recognition",
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
// The models the native engine left out of each request (the CLI's "excluded"), best first.
let nativeLeftOut = {};

before(async () => {
  index = testIndex();
  site = stageSite(index.bytes);
  const keys = Object.keys(REQUESTS);
  const lines = nativeSearch(index.path, keys.map((k) => REQUESTS[k]));
  keys.forEach((k, i) => (native[k] = lines[i].results.map((r) => r.id)));
  keys.forEach((k, i) => (nativeLeftOut[k] = lines[i].excluded.map((r) => r.id)));
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The native engine's order for a request (the browser must show the same). */
function nativeIds(key) {
  return native[key];
}

/** Waits until the service worker controls the page. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** The paths in the offline cache, once one ends with `want` (the page hands the index over
 * asynchronously), or after 10 s. */
async function cachedPaths(page, want) {
  let paths = [];
  for (let i = 0; i < 100; i++) {
    paths = await page.evaluate(async () => {
      const names = await caches.keys();
      const name = names.find((n) => n.startsWith("ptmpicker-"));
      if (!name) return [];
      return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    });
    if (paths.some((p) => p.endsWith(want))) break;
    await page.waitForTimeout(100);
  }
  return paths;
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
    assert.ok(/_bg\.wasm\.gz"/.test(sw), "precache lists the compressed wasm");
    assert.ok(!/_bg\.wasm"/.test(sw), "precache leaves out the plain wasm (only a browser without DecompressionStream fetches it)");
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
      // The body is built when the details open (the toggle event): wait for it as a user would.
      await first.locator("details.instance summary").click();
      await first.locator(".instance-fields > div").first().waitFor();
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

  test("plain-language, misspelled and non-English descriptions find models of the right task", async () => {
    const taskOf = Object.fromEntries(
      readFileSync(FIXTURE_CATALOG, "utf8").trim().split("\n").map((l) => JSON.parse(l)).map((r) => [r.id, r.pipeline_tag]),
    );
    // Written as people type them, not as our form asks; the fixture has one or a few models per task.
    const cases = [
      { text: "I need subtitles for my videos", task: "automatic-speech-recognition" },
      { text: "clasify the sentimnet of tweets", task: "text-classification", shown: /sentimnet → sentiment/ },
      { text: "Sprache in Text umwandeln", task: "automatic-speech-recognition", shown: /German/ },
      { text: "générer des images à partir de texte", task: "text-to-image", shown: /French/ },
      { text: "encontrar frases similares para búsqueda semántica", task: "sentence-similarity", shown: /Spanish/ },
    ];
    await withPage({}, async ({ page, server }) => {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      for (const c of cases) {
        const before = await page.getAttribute("#results", "data-query");
        await page.fill("#describe", c.text);
        await page.click("#fill-button");
        await page.waitForFunction(
          (q) => {
            const r = document.querySelector("#results");
            return r && r.dataset.state === "ready" && r.dataset.query !== q;
          },
          before,
        );
        const ids = await resultsWhen(page, "ready");
        assert.ok(ids.length > 0, `${c.text}: no results`);
        assert.equal(taskOf[ids[0]], c.task, `${c.text}: first result ${ids[0]} is ${taskOf[ids[0]]}`);
        if (c.shown) {
          const said = (await page.textContent("#results-summary")) + " " + ((await page.locator("#request-notices").count()) ? await page.textContent("#request-notices") : "");
          assert.match(said, c.shown, `${c.text}: the page does not say how it read the request`);
        }
      }
      await shot(page, "04b-describe-people");
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
      await card.locator("details.instance > :not(summary)").first().waitFor(); // built on opening
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
      const cached = await cachedPaths(page, "/index.bin");
      assert.ok(cached.some((p) => p.endsWith("/index.bin")), `index.bin cached: ${cached}`);
      assert.ok(cached.some((p) => p.endsWith(".wasm.gz")), "wasm precached (compressed)");
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

  test("a cold first visit downloads the index once, compressed, and keeps it for offline use", async () => {
    const server = await serve(site, { base: BASE });
    const { context, page, problems } = await newPage(browser);
    const indexFetches = () => server.requests.filter((p) => p.endsWith("/index.bin")).length;
    try {
      await page.goto(`${server.url}?function=transcribe+podcasts&license=commercial+use`);
      assert.deepEqual(await resultsWhen(page, "ready"), nativeIds("podcasts"));
      await controlled(page);
      const cached = await cachedPaths(page, "/index.bin");
      assert.ok(cached.some((p) => p.endsWith("/index.bin")), `the page's bytes went to the offline cache: ${cached}`);
      const stored = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith("ptmpicker-")));
        const hit = await cache.match("index.bin");
        return [...new Uint8Array(await hit.arrayBuffer()).slice(0, 3)];
      });
      assert.deepEqual(stored, [0x1f, 0x8b, 0x08], "the cache keeps the compressed bytes");
      assert.equal(indexFetches(), 1, `index.bin requests: ${server.requests.join(" ")}`);
      // The wasm travels compressed too (Trunk.toml's hook): the plain file is never fetched.
      assert.ok(server.requests.some((p) => p.endsWith("_bg.wasm.gz")), `wasm.gz requested: ${server.requests.join(" ")}`);
      assert.ok(!server.requests.some((p) => p.endsWith("_bg.wasm")), `plain wasm not requested: ${server.requests.join(" ")}`);
      // A second visit is served by the service worker: still one download in all.
      await page.reload();
      await resultsWhen(page, "ready");
      assert.equal(indexFetches(), 1, `index.bin requests after a reload: ${server.requests.join(" ")}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("the app starts when the host already decoded the compressed wasm (bytes that are not gzip pass unchanged)", async () => {
    const gz = readdirSync(site).find((f) => f.endsWith("_bg.wasm.gz"));
    const server = await serve(site, { base: BASE, overrides: { [gz]: gunzipSync(readFileSync(join(site, gz))) } });
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto(`${server.url}?function=transcribe+podcasts&license=commercial+use`);
      assert.deepEqual(await resultsWhen(page, "ready"), nativeIds("podcasts"));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test("each search is a history entry: Back and Forward restore the request and its results", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?task=automatic-speech-recognition&function=transcribe+podcasts`);
      const first = await resultsWhen(page, "ready");
      assert.deepEqual(first, nativeIds("shared"));
      await page.evaluate(() => (window.__samePage = true));
      await page.fill("#field-function", "sentiment of tweets");
      await page.selectOption("#field-task", "");
      await page.click("#search-button");
      await page.waitForSelector('#results[data-state="ready"][data-query="function=sentiment+of+tweets"] > li[data-model-id]');
      const second = await resultsWhen(page, "ready");
      await page.goBack();
      await page.waitForSelector('#results[data-state="ready"][data-query*="transcribe+podcasts"] > li[data-model-id]');
      assert.equal(await page.evaluate(() => window.__samePage), true, "Back stays in the app (no reload, no leaving)");
      assert.deepEqual(await resultsWhen(page, "ready"), first, "Back shows the previous request's results");
      assert.equal(await page.inputValue("#field-function"), "transcribe podcasts");
      assert.equal(await page.inputValue("#field-task"), "automatic-speech-recognition");
      assert.equal(new URL(page.url()).searchParams.get("function"), "transcribe podcasts");
      await page.goForward();
      await page.waitForSelector('#results[data-state="ready"][data-query="function=sentiment+of+tweets"] > li[data-model-id]');
      assert.deepEqual(await resultsWhen(page, "ready"), second);
      assert.equal(await page.inputValue("#field-function"), "sentiment of tweets");
      // A move within the page (the skip link) is a history step too, but not a new request:
      // the form being edited is kept.
      await page.fill("#field-domain", "news");
      await page.focus(".skip-link");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.hash === "#results-heading");
      await page.waitForTimeout(200);
      assert.equal(await page.inputValue("#field-domain"), "news", "an in-page link does not reset the form");
      assert.equal(await page.getAttribute("#results", "data-query"), "function=sentiment+of+tweets");
    });
  });

  test("the compare tray follows the user as soon as a model is ticked", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      await withPage({ viewport }, async ({ page, server }) => {
        await page.goto(`${server.url}?function=transcribe+speech`);
        const ids = await resultsWhen(page, "ready");
        assert.ok(ids.length >= 2);
        const inView = (selector) =>
          page.evaluate((sel) => {
            const el = document.querySelector(sel);
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
          }, selector);
        const boxes = page.locator("#results .compare-toggle input");
        await boxes.nth(0).check();
        assert.ok(await inView("#compare-tray"), `the tray is in view at once (${viewport.width} px)`);
        assert.match(await page.textContent("#compare-tray"), /1 picked/);
        assert.ok(await page.locator("#compare-tray-open").isDisabled(), "one model is not a comparison yet");
        await boxes.nth(1).check();
        await page.evaluate(() => window.scrollTo(0, 0));
        assert.ok(await inView("#compare-tray"), "the tray stays in view while scrolling");
        assert.match(await page.textContent("#compare-tray"), /2 of 4 picked/);
        await page.click("#compare-tray-open");
        await page.waitForSelector(".compare-table");
        await page.waitForFunction(() => {
          const r = document.querySelector("#compare-heading").getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        });
        assert.equal(await page.evaluate(() => document.activeElement.id), "compare-heading", "focus moves to the comparison");
        await shot(page, `11-compare-tray-${viewport.width}`, false);
        await page.click("#compare-tray-clear");
        assert.equal(await page.locator("#compare-tray").isVisible(), false);
      });
    }
  });

  test("an empty result says what to do: describe the function, or loosen the constraints", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?license=commercial+use&language=German`);
      assert.deepEqual(await resultsWhen(page, "ready"), []);
      const noFunction = await page.textContent("#results-summary");
      assert.match(noFunction, /Describe what the model should do/);
      assert.doesNotMatch(noFunction, /fewer or looser/);
      await page.goto(`${server.url}?function=transcribe+podcasts&parameter_size=under+1M+parameters`);
      assert.deepEqual(await resultsWhen(page, "ready"), []);
      const tooStrict = await page.textContent("#results-summary");
      assert.match(tooStrict, /violated a requirement/);
      assert.match(tooStrict, /fewer or looser/);
    });
  });

  test("the models left out are shown on demand, each with the verdict that removed it", async () => {
    await withPage({}, async ({ page, server }) => {
      await page.goto(`${server.url}?function=transcribe+podcasts&license=commercial+use`);
      const ids = await resultsWhen(page, "ready");
      assert.deepEqual(ids, nativeIds("podcasts"));
      const button = page.locator("#left-out-button");
      assert.match(await button.textContent(), /^Show the \d+ left out$/);
      assert.equal(await page.locator("#left-out-list > li").count(), 0, "built only when asked");
      await button.click();
      await page.waitForSelector("#left-out-list > li[data-left-out-id]");
      const leftOut = await page.$$eval("#left-out-list > li", (els) => els.map((e) => e.getAttribute("data-left-out-id")));
      assert.deepEqual(leftOut, nativeLeftOut.podcasts, "the same models as the CLI's \"excluded\", best first");
      assert.ok(leftOut.includes("acme/podcast-asr-nc"));
      const item = page.locator('#left-out-list > li[data-left-out-id="acme/podcast-asr-nc"]');
      const verdict = item.locator(".verdict[data-field=license]");
      assert.equal(await verdict.getAttribute("data-status"), "violated");
      assert.equal(await verdict.getAttribute("data-decided-by"), "rule");
      assert.match(await verdict.textContent(), /cc-by-nc-4\.0/);
      assert.equal(await page.locator("[data-model-id]").count(), ids.length, "left-out models are not results");
      await shot(page, "12-left-out");
    });
  });

  test("insights are readable on a phone, with caveats where a correlation can mislead", async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async ({ page, server }) => {
      await page.goto(`${server.url}#insights`);
      await page.waitForSelector("#chart-downloads svg[role=img]");
      const sizes = await page.$$eval(".chart svg text", (els) =>
        els.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a),
      );
      assert.ok(sizes.length > 33, "labels, values and ticks");
      const smallest = Math.min(...sizes);
      assert.ok(smallest >= 11, `the smallest chart text is ${smallest.toFixed(1)} px on a 390 px phone`);
      const clipped = await page.$$eval(".chart svg text", (els) =>
        els
          .filter((t) => {
            const r = t.getBoundingClientRect();
            const box = t.ownerSVGElement.getBoundingClientRect();
            return r.right > box.right + 1 || r.left < box.left - 1;
          })
          .map((t) => t.textContent),
      );
      assert.deepEqual(clipped, [], "no chart text runs off the chart");
      assert.match(await page.textContent("#downloads-caveat"), /Correlation, not cause/);
      // Every row where documenting models are downloaded less says it's a correlation.
      const count = (text) => {
        const m = text.trim().match(/^([\d.]+)([KMB]?)$/);
        return parseFloat(m[1]) * { "": 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]];
      };
      const rows = await page.$$eval("#chart-downloads tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      assert.ok(rows.length > 0);
      for (const [label, withIt, without, , note] of rows) {
        if (count(withIt) < count(without)) assert.match(note, /correlation|too few/, `${label}: ${withIt} < ${without} needs a caveat`);
      }
      await shot(page, "10-insights-phone");
    });
  });

  test("neither the index nor the page names a path of the machine that built it", async () => {
    const bytes = gunzipSync(index.bytes).toString("latin1");
    assert.ok(!bytes.includes(dirname(FIXTURE_CATALOG)), "the index holds no builder path");
    assert.ok(bytes.includes("catalog.jsonl"), "the index names its catalog");
    // Even a label that is a path is reduced to its name.
    const labelled = buildIndex(FIXTURE_CATALOG, join(mkdtempSync(join(tmpdir(), "ptmpicker-label-")), "index.bin"), {
      extra: ["--label", "/home/builder/private/catalog.jsonl"],
    });
    assert.ok(!gunzipSync(readFileSync(labelled)).toString("latin1").includes("/home/builder"), "a path given as the label is not kept");
    await withPage({ root: stageSite(readFileSync(labelled)) }, async ({ page, server }) => {
      await page.goto(server.url);
      await resultsWhen(page, "ready");
      const footer = await page.textContent(".site-footer");
      assert.match(footer, /built from catalog\.jsonl\./);
      assert.ok(!footer.includes("/"), `no path in the footer: ${footer}`);
    });
  });

  test("the loading progress never covers the form", async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      await withPage({ viewport, server: { slow: { "index.bin": 2000 } } }, async ({ page, server }) => {
        await page.goto(server.url);
        await page.waitForSelector(".status-line", { state: "visible" });
        await page.waitForSelector("#field-function", { state: "visible" });
        const covered = await page.evaluate(() => {
          const t = document.querySelector(".status-line").getBoundingClientRect();
          return [...document.querySelectorAll("#request-form input, #request-form textarea, #request-form select, #request-form button")]
            .filter((el) => {
              // Fields a user can see (not those inside the closed "more fields").
              if (!el.checkVisibility()) return false;
              const r = el.getBoundingClientRect();
              return r.width > 0 && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top;
            })
            .map((el) => el.id || el.name || el.tagName);
        });
        assert.deepEqual(covered, [], `form fields under the progress line at ${viewport.width} px`);
        await shot(page, `13-loading-${viewport.width}`, false);
        await resultsWhen(page, "ready");
      });
    }
  });

  for (const [name, bytes, status, message] of [
    ["corrupt", () => Buffer.from("<!DOCTYPE html><html><body>Not found</body></html>"), 200, /not a PTMPicker index/],
    ["other-version", () => { const b = gunzipSync(index.bytes); b.writeUInt32LE(99, 8); return gzipSync(b); }, 200, /version 99 is not supported/],
    ["uncompressed other-version", () => { const b = gunzipSync(index.bytes); b.writeUInt32LE(99, 8); return b; }, 200, /version 99 is not supported/],
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
