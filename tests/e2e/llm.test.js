// End-to-end tests of the LLM checks in the built site (dist/), in headless Chromium.
//
// 1. Against the REAL local OpenAI-compatible server of tests/llm/ (xllamacpp + SmolLM2-135M):
//    settings through the UI, a search with bias / limitation wishes, progress in #llm-status,
//    verdicts decided by the LLM (or "not checked" when its answer is unusable: the tiny model's
//    verdicts are never asserted), the answer cache, and the API key kept out of the URL, exports,
//    storage it was not meant for, and the console. Skipped with a message when tests/llm/setup.sh
//    has not been run (no .llm/ folder).
// 2. Against fake endpoints served by this test's own node http server: 500 then OK, 429 with
//    Retry-After, a server that rejects json_schema, an LLM "violated" that drops a model (the list
//    re-renders in rank order), an error that echoes the key (redacted on the page), a refused
//    connection, and a newer search cancelling the older one's checks.
//
// Run from tests/e2e after `trunk build --release`:  node --test llm.test.js
// Screenshots go to tests/e2e/artifacts/llm-*.png.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { ROOT, launch, newPage, resultsWhen, serve, shot, stageSite, testIndex } from "./helpers.js";

const BASE = "/ptmpicker/";
const KEY = "sk-e2e-SECRET-7f3a9c41";
let browser;
let index;
let site;

before(async () => {
  index = testIndex();
  site = stageSite(index.bytes);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers.

/**
 * A page on a fresh copy of the site that records every console message, page error and CSP
 * violation, so tests can check that the key never shows up in any of them.
 */
async function openSite(t) {
  const server = await serve(site, { base: BASE });
  const { context, page, problems } = await newPage(browser, { allowStatus: [400, 401, 429, 500] });
  const consoleLog = [];
  page.on("console", (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLog.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  t.after(async () => {
    await context.close();
    await server.close();
  });
  await page.goto(server.url);
  await resultsWhen(page, "ready");
  return { page, context, server, problems, consoleLog };
}

/** Fills the LLM settings through the UI and saves them. */
async function configure(page, { base, model = "fake-model", key = "", candidates = 2, examples = 0, remember = false }) {
  if (!(await page.locator("#llm-settings").evaluate((d) => d.open))) await page.click("#llm-settings summary");
  await page.fill("#llm-base-url", base);
  await page.fill("#llm-model", model);
  await page.fill("#llm-key", key);
  await page.fill("#llm-candidates", String(candidates));
  await page.selectOption("#llm-examples", String(examples));
  if ((await page.isChecked("#llm-remember")) !== remember) await page.click("#llm-remember");
  await page.click("#llm-save");
  await page.waitForSelector("#llm-saved:has-text('Saved')", { state: "attached" });
}

/** Runs a search through the form; resolves once the ranking is ready (not the LLM checks). */
async function search(page, fields, { clear = true } = {}) {
  if (clear) await page.click("#clear-button");
  for (const [field, value] of Object.entries(fields)) await page.fill(`#field-${field}`, value);
  await page.click("#search-button");
  const parts = Object.entries(fields).map(([f, v]) => new URLSearchParams({ [f]: v }).toString());
  await page.waitForFunction(
    ({ parts, exact }) => {
      const list = document.querySelector("#results");
      const query = list?.dataset.query?.split("&") ?? [];
      return list?.dataset.state === "ready" && (!exact || parts.length === query.length) && parts.every((p) => query.includes(p));
    },
    { parts, exact: clear },
  );
}

/** Waits until the LLM pass is over; returns #llm-status's state and text. */
async function llmFinished(page, timeout = 60_000) {
  await page.waitForSelector('#llm-status[data-state="done"], #llm-status[data-state="error"]', { state: "attached", timeout });
  return { state: await page.getAttribute("#llm-status", "data-state"), text: (await page.textContent("#llm-status")).trim() };
}

/** The results in order, each with its verdicts. */
async function results(page) {
  return page.$$eval("#results > li[data-model-id]", (items) =>
    items.map((li) => ({
      id: li.getAttribute("data-model-id"),
      verdicts: [...li.querySelectorAll(".verdict")].map((v) => ({
        field: v.getAttribute("data-field"),
        status: v.getAttribute("data-status"),
        by: v.getAttribute("data-decided-by"),
        text: v.textContent,
      })),
    })),
  );
}

/** Saves an export and returns its text. */
async function exported(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  return readFileSync(await download.path(), "utf8");
}

/** The key must not be in the URL, the page's storage it was not meant for, exports or the console. */
async function assertKeyNeverLeaks(page, consoleLog, { stored }) {
  assert.ok(!page.url().includes(KEY) && !decodeURIComponent(page.url()).includes(KEY), "the key is not in the URL");
  const storage = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
  if (stored === "session") {
    assert.ok(storage.session.includes(KEY), "the key is in sessionStorage");
    assert.ok(!storage.local.includes(KEY), "the key is not in localStorage");
  } else if (stored === "local") {
    assert.ok(storage.local.includes(KEY) && !storage.session.includes(KEY), "the key is only in localStorage");
  } else {
    assert.ok(!storage.local.includes(KEY) && !storage.session.includes(KEY), "the key is in no storage");
  }
  if ((await page.locator("#results > li").count()) > 0) {
    for (const button of ["#export-json", "#export-csv", "#export-md"]) {
      assert.ok(!(await exported(page, button)).includes(KEY), `the key is not in the ${button} file`);
    }
  }
  const leaked = consoleLog.filter((line) => line.includes(KEY));
  assert.deepEqual(leaked, [], "the key never appears in console messages");
  assert.ok(!(await page.textContent("body")).includes(KEY), "the key is not shown on the page");
}

/** Page problems other than the HTTP errors a test provokes on purpose. */
function unexpected(problems) {
  return problems.filter(
    (p) => !/Failed to load resource|ERR_CONNECTION_REFUSED|^HTTP (400|401|429|500) http:\/\/127\.0\.0\.1:\d+\/(?!ptmpicker)/.test(p),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. The real local LLM server (tests/llm/).

const LLM_DIR = join(ROOT, ".llm");
const HAVE_LLM = existsSync(join(LLM_DIR, "bin", "python")) && existsSync(join(LLM_DIR, "models", "SmolLM2-135M-Instruct.Q4_1.gguf"));

describe(
  "LLM checks against the real local server",
  { skip: HAVE_LLM ? false : "tests/llm/setup.sh has not been run (no .llm/ folder with the server and model): run it to enable this test" },
  () => {
    const pidfile = join(LLM_DIR, "server-e2e.pid");
    let llmUrl;

    before(() => {
      llmUrl = execFileSync("bash", ["tests/llm/start.sh", pidfile], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    });
    after(() => {
      execFileSync("bash", ["tests/llm/stop.sh", pidfile], { cwd: ROOT, stdio: "inherit" });
    });

    test("settings through the UI, checks with progress, LLM verdicts, cache, and the key kept secret", { timeout: 420_000 }, async (t) => {
      const { page, problems, consoleLog } = await openSite(t);
      assert.equal(await page.getAttribute("#llm-status", "data-state"), "idle");

      // Settings: test the connection (the model name comes from the endpoint's /models), then save.
      await page.click("#llm-settings summary");
      await page.fill("#llm-base-url", llmUrl);
      await page.fill("#llm-key", KEY);
      await page.fill("#llm-candidates", "2");
      await page.selectOption("#llm-examples", "0");
      await page.click("#llm-test");
      await page.waitForSelector('#llm-test-result[data-state="ok"]', { state: "attached", timeout: 30_000 });
      assert.match(await page.textContent("#llm-test-result"), /Connected to http:\/\/127\.0\.0\.1:\d+\/v1/);
      assert.match(await page.inputValue("#llm-model"), /SmolLM2/i, "the model name is filled from /models");
      const flow = await page.textContent("#llm-data-flow");
      assert.ok(flow.includes(llmUrl) && /session storage/.test(flow), `the panel says what is sent where: ${flow}`);
      assert.equal(await page.getAttribute("#llm-key", "type"), "password");
      await page.click("#llm-save");
      await page.waitForSelector("#llm-saved:has-text('Saved')", { state: "attached" });
      await shot(page, "llm-01-settings");

      // A search with two wishes only an LLM can judge: ranking is ready at once, checks follow.
      const started = Date.now();
      await search(page, { function: "transcribe podcasts", limitations: "must not hallucinate text", biases: "no gender bias" });
      const ranked = (await results(page)).map((r) => r.id);
      assert.ok(ranked.length >= 3, "several models match");
      assert.equal(await page.getAttribute("#llm-status", "data-state"), "running", "#results is ready while the LLM checks run");
      assert.ok(await page.isVisible("#llm-status progress"), "progress is shown");
      await page.waitForSelector('#llm-status[data-answered="1"], #llm-status[data-state="done"], #llm-status[data-state="error"]', { state: "attached", timeout: 120_000 });
      const first = await llmFinished(page, 300_000);
      t.diagnostic(`first pass in ${((Date.now() - started) / 1000).toFixed(1)} s: ${first.text}`);
      assert.equal(first.state, "done", first.text);
      assert.match(first.text, /4 of 4 checks answered/);

      const shown = await results(page);
      assert.deepEqual(shown.map((r) => r.id), ranked.filter((id) => shown.some((r) => r.id === id)), "still in rank order");
      const checked = ranked.slice(0, 2);
      const dropped = checked.filter((id) => !shown.some((r) => r.id === id)).length;
      for (const r of shown) {
        for (const field of ["limitations", "biases"]) {
          const v = r.verdicts.find((x) => x.field === field);
          assert.ok(v, `${r.id} has a ${field} verdict`);
          assert.equal(v.by, "llm", `${r.id} ${field} is the LLM's`);
          assert.notEqual(v.status, "pending", "nothing stays pending");
          if (!checked.includes(r.id)) {
            assert.equal(v.status, "not checked", "past the 2 candidates nothing is checked");
            assert.match(v.text, /stopped before this model/);
          } else if (v.status === "not checked") {
            assert.match(v.text, /LLM check failed|LLM answer not used/, `a failed or ungrounded check says why: ${v.text}`);
          } else {
            assert.ok(["satisfied", "violated", "unknown"].includes(v.status), v.status);
            assert.match(v.text, /decided by LLM/);
          }
        }
      }
      const decided = shown.filter((r) => checked.includes(r.id)).flatMap((r) => r.verdicts).filter((v) => v.by === "llm" && v.status !== "not checked").length;
      t.diagnostic(`${decided} shown checks got a usable answer from SmolLM2; ${dropped} models dropped as violating`);
      await page.locator("#results > li").first().scrollIntoViewIfNeeded();
      await shot(page, "llm-02-results");

      // The export carries the LLM verdicts (and never the key: checked below).
      const doc = JSON.parse(await exported(page, "#export-json"));
      assert.deepEqual(doc.results.map((r) => r.id), shown.map((r) => r.id));
      assert.ok(Object.values(doc.results[0].verdicts).some((v) => v.decided_by === "llm"));

      // The same search again: answers come from the cache (failed checks are asked again). An
      // answer that was not grounded is an answer too: it is cached, and again not used.
      const ungrounded = Number(first.text.match(/(\d+) not used: not grounded/)?.[1] ?? 0);
      await page.click("#search-button");
      await page.waitForFunction(
        () => {
          const s = document.querySelector("#llm-status");
          return s?.dataset.state === "running" || /from the cache/.test(s?.textContent ?? "");
        },
        null,
        { timeout: 60_000 },
      );
      const second = await llmFinished(page, 300_000);
      // (A dropped model's "violated" answers are cached too.)
      if (decided > 0 || dropped > 0 || ungrounded > 0) assert.match(second.text, /from the cache/, second.text);
      else assert.doesNotMatch(second.text, /from the cache/);
      if (ungrounded > 0) assert.match(second.text, /not used: not grounded/, second.text);

      await assertKeyNeverLeaks(page, consoleLog, { stored: "session" });

      // "Remember on this device" moves the key to localStorage; a reload keeps it; "Forget key" removes it.
      // (Saving re-runs the checks of the shown results; they need not finish here.)
      await page.click("#llm-remember");
      await page.click("#llm-save");
      await assertKeyNeverLeaks(page, consoleLog, { stored: "local" });
      await page.reload();
      await resultsWhen(page, "ready");
      await page.click("#llm-settings summary");
      assert.equal(await page.inputValue("#llm-key"), KEY, "a remembered key survives a reload");
      await page.click("#llm-forget");
      await page.waitForSelector("#llm-saved:has-text('removed')", { state: "attached" });
      assert.equal(await page.inputValue("#llm-key"), "");
      await assertKeyNeverLeaks(page, consoleLog, { stored: "none" });

      assert.deepEqual(await page.evaluate(() => window.__csp), [], "no Content-Security-Policy violations");
      assert.deepEqual(unexpected(problems), []);
    });
  },
);

// ---------------------------------------------------------------------------------------------
// 2. Fake endpoints (this test's own node http server).

/** A chat completion whose content is a verdict (with an evidence quote, "" by default). */
function completion(verdict, reason = "fake reason", evidence = "") {
  const content = JSON.stringify({ reason, evidence, verdict });
  return { id: "fake", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }] };
}

/** The checked model, requirement and card text of a chat request body. */
function about(body) {
  const user = body.messages[body.messages.length - 1].content;
  return {
    model: user.match(/^Model: (.*)$/m)?.[1],
    requirement: user.match(/<<<REQUIREMENT\n([\s\S]*?)\nREQUIREMENT>>>/)?.[1],
    card: user.match(/<<<CARD\n([\s\S]*?)\nCARD>>>/)?.[1] ?? "",
  };
}

/** A grounded quote: the first five words of the first text line of the card that was sent. */
function quote(entry) {
  const line = entry.card.split("\n").find((l) => !l.startsWith("##") && l.trim().split(/\s+/).length >= 2) ?? "";
  return line.trim().split(/\s+/).slice(0, 5).join(" ");
}

/**
 * An OpenAI-compatible fake with CORS (and Retry-After exposed). The first path segment names the
 * scenario: `${url}/<scenario>/v1/chat/completions`. Every request is logged with its time, the
 * Authorization header, the parsed body and whether the client aborted it.
 */
async function fakeLlm(scenarios) {
  const log = [];
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type, authorization",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-expose-headers": "Retry-After",
  };
  const server = createServer(async (req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const text = Buffer.concat(chunks).toString();
    const path = new URL(req.url, "http://x").pathname;
    const scenario = path.split("/")[1];
    const entry = { t: Date.now(), scenario, method: req.method, path, auth: req.headers.authorization ?? null, body: text ? JSON.parse(text) : null, aborted: false };
    if (entry.body?.messages) Object.assign(entry, about(entry.body));
    log.push(entry);
    res.on("close", () => {
      if (!res.writableEnded) entry.aborted = true;
    });
    const handler = scenarios[scenario];
    let out;
    if (!handler) out = { status: 404, body: { error: "no such scenario" } };
    else if (req.method === "GET" && path.endsWith("/models")) out = { status: 200, body: { object: "list", data: [{ id: "fake-model", object: "model" }] } };
    else out = await handler(entry, log.filter((e) => e.scenario === scenario && e !== entry));
    if (res.destroyed) return;
    entry.status = out.status;
    res.writeHead(out.status, { ...cors, "content-type": "application/json", ...(out.headers || {}) });
    res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    base: (scenario) => `${url}/${scenario}/v1`,
    log,
    calls: (scenario) => log.filter((e) => e.scenario === scenario && e.method === "POST"),
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** A grounded "satisfied": it quotes the card it was sent. */
const OK = (entry) => ({ status: 200, body: completion("satisfied", "the card says so", quote(entry)) });
/** The first attempt for each model gets `first`; later ones are answered. */
const firstFails = (first) => (entry, earlier) => (earlier.some((e) => e.model === entry.model && e.method === "POST") ? OK(entry) : first);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The first worked example's answer of prompts/bias_check.txt (what a copying model repeats). */
const EXAMPLE = JSON.parse(
  readFileSync(join(ROOT, "prompts", "bias_check.txt"), "utf8").split("=== answer ===\n")[1].split("\n")[0],
);

describe("LLM checks against fake endpoints (failure paths)", () => {
  let fake;
  let ranked;
  /** The ranking the grounding test searches, without an LLM (set by that test). */
  let groundingOrder = [];
  const WISH = { function: "transcribe podcasts", biases: "no gender bias" };

  before(async () => {
    // The ranking without an LLM, from the app itself: LLM answers may only drop models from it.
    const server = await serve(site, { base: BASE });
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}?${new URLSearchParams(WISH)}`);
    ranked = await resultsWhen(page, "ready");
    await context.close();
    await server.close();
    assert.ok(ranked.length >= 4, `the fixture has several matches: ${ranked}`);
    fake = await fakeLlm({
      flaky: firstFails({ status: 500, body: { error: { message: "model is loading" } } }),
      ratelimit: firstFails({ status: 429, headers: { "Retry-After": "1" }, body: { error: { message: "slow down" } } }),
      noschema: (e) =>
        e.body.response_format?.type === "json_schema"
          ? { status: 400, body: { error: { message: "response_format of type 'json_schema' is not supported by this server" } } }
          : OK(e),
      violate: (e) => (e.model === ranked[0] ? { status: 200, body: completion("violated", "the card reports gender bias", quote(e)) } : OK(e)),
      authecho: (e) => ({ status: 401, body: { error: { message: `invalid API key: ${e.auth}` } } }),
      slow: async (e) => {
        if (e.requirement?.includes("slow")) await sleep(8_000);
        return { status: 200, body: completion(e.requirement?.includes("slow") ? "violated" : "satisfied", "fake", quote(e)) };
      },
      // The four kinds of answer grounding must tell apart, by rank of the checked model.
      grounding: (e) => {
        const rank = groundingOrder.indexOf(e.model);
        const answers = [
          completion("satisfied", EXAMPLE.reason, EXAMPLE.evidence), // a copy of the prompt's worked example
          completion("satisfied", "The model card is untrusted data", quote(e)), // the instructions
          completion("satisfied", "", quote(e)), // no reason
          completion("satisfied", "The card describes what the model does.", quote(e)), // grounded
        ];
        return { status: 200, body: answers[rank] ?? answers[3] };
      },
      // A successful answer that repeats the Authorization header it got.
      echo: (e) => ({ status: 200, body: completion("satisfied", `called with ${e.auth}`, quote(e)) }),
      stall: async (e) => {
        await sleep(20_000);
        return OK(e);
      },
    });
  });
  after(async () => fake?.close());

  test("500 then OK: retried with backoff, decided by the LLM, then served from the cache", async (t) => {
    const { page, problems, consoleLog } = await openSite(t);
    await configure(page, { base: fake.base("flaky"), model: "", candidates: 2 });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    const calls = fake.calls("flaky");
    assert.equal(calls.length, 4, "two models, each 500 once then answered");
    for (const model of ranked.slice(0, 2)) {
      const [a, b] = calls.filter((c) => c.model === model);
      assert.equal(a.status, 500);
      assert.equal(b.status, 200);
      assert.ok(b.t - a.t >= 450, `backoff before the retry (${b.t - a.t} ms)`);
      assert.equal(a.body.response_format.type, "json_schema");
    }
    assert.ok(calls.every((c) => c.auth === null), "no key set: no Authorization header at all");
    assert.ok(calls.every((c) => c.body.model === "fake-model"), "a blank model name is filled from /models");
    const shown = await results(page);
    assert.deepEqual(shown.map((r) => r.id), ranked);
    for (const r of shown.slice(0, 2)) {
      const v = r.verdicts.find((x) => x.field === "biases");
      assert.deepEqual([v.status, v.by], ["satisfied", "llm"]);
      assert.match(v.text, /the card says so — decided by LLM/);
    }
    assert.equal(shown[2].verdicts.find((x) => x.field === "biases").status, "not checked");
    // Again: both answers come from the cache, no request is sent.
    await page.click("#search-button");
    const again = await llmFinished(page);
    assert.match(again.text, /2 of 2 checks answered \(2 from the cache\)/);
    assert.equal(fake.calls("flaky").length, 4);
    await shot(page, "llm-03-fake-flaky");
    await assertKeyNeverLeaks(page, consoleLog, { stored: "none" });
    assert.deepEqual(unexpected(problems), []);
  });

  test("429 with Retry-After: the wait is honoured", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("ratelimit"), candidates: 1, key: KEY });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    const [a, b] = fake.calls("ratelimit");
    assert.deepEqual([a.status, b.status], [429, 200]);
    assert.ok(b.t - a.t >= 950, `waited Retry-After: 1 (${b.t - a.t} ms)`);
    assert.equal(a.auth, `Bearer ${KEY}`, "the key goes to the configured endpoint as a Bearer token");
    assert.equal((await results(page))[0].verdicts.find((x) => x.field === "biases").status, "satisfied");
    assert.deepEqual(unexpected(problems), []);
  });

  test("a server that rejects json_schema: json_object is used instead, and remembered", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("noschema"), candidates: 4 });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    const calls = fake.calls("noschema");
    const schema = calls.filter((c) => c.body.response_format?.type === "json_schema");
    const object = calls.filter((c) => c.body.response_format?.type === "json_object");
    assert.ok(schema.length >= 1 && schema.length <= 2, `at most one json_schema try per concurrent check (${schema.length})`);
    assert.equal(object.length, 4, "every check answered in json_object mode");
    const shown = await results(page);
    for (const r of shown.slice(0, 4)) assert.equal(r.verdicts.find((x) => x.field === "biases").status, "satisfied");
    assert.deepEqual(unexpected(problems), []);
  });

  test("an LLM violation drops the model and the list re-renders in rank order", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("violate"), candidates: 3 });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    assert.match(text, /1 dropped for violating a requirement/);
    const ids = (await results(page)).map((r) => r.id);
    assert.deepEqual(ids, ranked.slice(1), "the violating model is gone, the others keep their order");
    const ranks = await page.$$eval("#results > li .rank", (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(ranks, ids.map((_, i) => String(i + 1)), "ranks are renumbered");
    assert.match(await page.textContent("#results-summary"), /1 left out for violating a requirement/);
    const doc = JSON.parse(await exported(page, "#export-json"));
    assert.deepEqual(doc.results.map((r) => r.id), ids, "the export follows the new list");
    await shot(page, "llm-04-fake-violation");
    assert.deepEqual(unexpected(problems), []);
  });

  test("an error message that echoes the key is shown redacted", async (t) => {
    const { page, problems, consoleLog } = await openSite(t);
    await configure(page, { base: fake.base("authecho"), candidates: 3, key: KEY });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "error", text);
    assert.match(text, /HTTP 401: invalid API key: Bearer \[redacted\]/);
    assert.equal(fake.calls("authecho").length, 2, "a 401 is not retried; after the two concurrent checks, the third fails fast");
    const v = (await results(page))[0].verdicts.find((x) => x.field === "biases");
    assert.equal(v.status, "not checked");
    assert.match(v.text, /\[redacted\]/);
    await shot(page, "llm-05-fake-auth-error");
    await assertKeyNeverLeaks(page, consoleLog, { stored: "session" });
    assert.deepEqual(unexpected(problems), []);
  });

  test("a refused connection: every LLM verdict is 'not checked', never satisfied", async (t) => {
    const closed = createServer();
    await new Promise((r) => closed.listen(0, "127.0.0.1", r));
    const port = closed.address().port;
    await new Promise((r) => closed.close(r));
    const { page, problems } = await openSite(t);
    await configure(page, { base: `http://127.0.0.1:${port}/v1`, model: "any", candidates: 3 });
    await search(page, WISH);
    const { state, text } = await llmFinished(page, 60_000);
    assert.equal(state, "error", text);
    assert.match(text, /unreachable/);
    for (const r of await results(page)) {
      const v = r.verdicts.find((x) => x.field === "biases");
      assert.equal(v.status, "not checked", `${r.id}: ${v.text}`);
    }
    assert.deepEqual((await results(page)).map((r) => r.id), ranked);
    await shot(page, "llm-06-refused");
    assert.deepEqual(unexpected(problems), []);
  });

  test("a newer search aborts the older one's pending checks", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("slow"), candidates: 2 });
    await search(page, { function: "transcribe podcasts", biases: "slow check" });
    await page.waitForFunction(() => document.querySelector("#llm-status")?.dataset.state === "running");
    for (let i = 0; i < 50 && fake.calls("slow").length < 2; i++) await sleep(100);
    const old = fake.calls("slow");
    assert.equal(old.length, 2, "two checks in flight (the concurrency limit)");
    await search(page, { biases: "fast check" }, { clear: false });
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    for (let i = 0; i < 20 && !old.every((c) => c.aborted); i++) await sleep(100);
    assert.ok(old.every((c) => c.aborted), "the older search's requests were aborted");
    await sleep(500);
    const shown = await results(page);
    assert.deepEqual(shown.map((r) => r.id), ranked, "no answer of the older search dropped anything");
    for (const r of shown.slice(0, 2)) {
      const v = r.verdicts.find((x) => x.field === "biases");
      assert.deepEqual([v.status, v.by], ["satisfied", "llm"]);
      assert.match(v.text, /fast check/);
    }
    assert.equal(fake.calls("slow").filter((c) => c.requirement?.includes("slow")).length, 2, "the old checks were not retried");
    assert.deepEqual(unexpected(problems), []);
  });

  test("only grounded answers count: copies of the example or the instructions, and empty reasons, are 'not checked'", async (t) => {
    const { page, problems } = await openSite(t);
    const wish = { ...WISH, license: "commercial use" };
    await search(page, wish); // no endpoint yet: the ranking by rules alone
    groundingOrder = (await results(page)).map((r) => r.id);
    assert.ok(groundingOrder.length >= 4, `enough models pass the license rule: ${groundingOrder}`);
    await configure(page, { base: fake.base("grounding"), candidates: 4, examples: 3 });
    await search(page, wish);
    const { state, text } = await llmFinished(page);
    assert.ok(["done", "error"].includes(state), text);
    const shown = await results(page);
    const byId = Object.fromEntries(shown.map((r) => [r.id, r]));
    const biases = (id) => byId[id].verdicts.find((x) => x.field === "biases");
    const expected = [/copies a worked example/, /repeats the prompt's instructions/, /the LLM gave no reason/];
    for (const [i, why] of expected.entries()) {
      const id = groundingOrder[i];
      assert.ok(byId[id], `${id} is still shown (not checked is not a violation)`);
      const v = biases(id);
      assert.deepEqual([v.status, v.by], ["not checked", "llm"], `${id}: ${v.text}`);
      assert.match(v.text, /LLM answer not used/);
      assert.match(v.text, why);
    }
    // The grounded answer: "LLM says", its own look, and the quote shown.
    const good = shown.find((r) => biases(r.id).status === "satisfied");
    assert.ok(good, `a grounded answer counts: ${JSON.stringify(shown.map((r) => biases(r.id)))}`);
    const li = page.locator(`#results > li[data-model-id="${good.id}"] .verdict[data-field="biases"]`);
    assert.match(await li.getAttribute("class"), /verdict-llm/);
    assert.equal((await li.locator(".badge").textContent()).trim(), "LLM says: satisfied");
    const quoted = await li.locator("q.evidence").textContent();
    const call = fake.calls("grounding").find((c) => c.model === good.id);
    assert.equal(quoted, quote(call), "the evidence quote is shown");
    // A rule verdict is listed before any LLM verdict.
    for (const r of shown) {
      const by = r.verdicts.map((v) => v.by);
      const firstLlm = by.indexOf("llm");
      assert.ok(firstLlm === -1 || !by.slice(firstLlm).includes("rule"), `${r.id}: rule verdicts first (${by})`);
    }
    await shot(page, "llm-07-grounding");
    assert.deepEqual(unexpected(problems), []);
  });

  test("a successful answer echoing the key is redacted on the page, in storage and in exports", async (t) => {
    const { page, problems, consoleLog } = await openSite(t);
    await configure(page, { base: fake.base("echo"), candidates: 2, key: KEY });
    await search(page, WISH);
    const { state, text } = await llmFinished(page);
    assert.equal(state, "done", text);
    const v = (await results(page))[0].verdicts.find((x) => x.field === "biases");
    assert.match(v.text, /called with Bearer \[redacted\]/);
    assert.ok(fake.calls("echo").every((c) => c.auth === `Bearer ${KEY}`), "the key was sent, to the endpoint only");
    const cache = await page.evaluate(() => localStorage.getItem("ptmpicker.llm.cache"));
    assert.ok(cache && cache.includes("[redacted]") && !cache.includes(KEY), `the cached answers are redacted: ${cache}`);
    await assertKeyNeverLeaks(page, consoleLog, { stored: "session" });
    assert.deepEqual(unexpected(problems), []);
  });

  test("'Stop LLM checks' cancels the running checks at once", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("stall"), candidates: 3 });
    await search(page, WISH);
    await page.waitForSelector("#llm-stop", { state: "visible" });
    for (let i = 0; i < 50 && fake.calls("stall").length < 2; i++) await sleep(100);
    const inFlight = fake.calls("stall");
    assert.equal(inFlight.length, 2, "two checks in flight");
    const clicked = Date.now();
    await page.click("#llm-stop");
    await page.waitForSelector('#llm-status[data-state="stopped"]', { state: "attached", timeout: 5_000 });
    assert.ok(Date.now() - clicked < 5_000, "stopped without waiting for the answers");
    assert.match(await page.textContent("#llm-status"), /LLM checks stopped/);
    assert.equal(await page.locator("#llm-stop").count(), 0, "the button goes away");
    for (let i = 0; i < 20 && !inFlight.every((c) => c.aborted); i++) await sleep(100);
    assert.ok(inFlight.every((c) => c.aborted), "the requests in flight were aborted");
    for (const r of await results(page)) {
      const v = r.verdicts.find((x) => x.field === "biases");
      assert.equal(v.status, "not checked", `${r.id}: ${v.text}`);
      assert.match(v.text, /stopped/);
    }
    await sleep(1_000);
    assert.equal(fake.calls("stall").length, 2, "no check is sent after the stop");
    assert.deepEqual((await results(page)).map((r) => r.id), ranked, "nothing was dropped");
    await shot(page, "llm-08-stopped");
    assert.deepEqual(unexpected(problems), []);
  });

  test("without an endpoint, LLM-only requirements show as 'not checked' at once", async (t) => {
    const { page, problems } = await openSite(t);
    await search(page, WISH);
    assert.equal(await page.getAttribute("#llm-status", "data-state"), "idle");
    assert.match(await page.textContent("#llm-status"), /LLM checks are off/);
    for (const r of await results(page)) {
      const v = r.verdicts.find((x) => x.field === "biases");
      assert.deepEqual([v.status, v.by], ["not checked", "llm"]);
      assert.match(v.text, /no LLM endpoint is set/);
    }
    assert.deepEqual(problems, []);
  });
});

describe("Fill with my LLM (fake endpoints)", () => {
  let fake;
  const TEXT = "Kundenanrufe auf Deutsch in Text umwandeln";
  /** A chat completion whose content is a fill answer. */
  const fillAnswer = (fields) => ({
    id: "fake",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify({ fields }) }, finish_reason: "stop" }],
  });

  before(async () => {
    fake = await fakeLlm({
      fill: (e) => {
        const user = e.body.messages[e.body.messages.length - 1].content;
        assert.ok(user.includes(`<<<TEXT\n${TEXT}\nTEXT>>>`), user);
        assert.equal(e.body.response_format?.json_schema?.name, "filled_request");
        return {
          status: 200,
          body: fillAnswer([
            { field: "function", quote: TEXT, value: "transcribe customer phone calls" },
            { field: "language", quote: "auf Deutsch", value: "German" },
            // Words the user never wrote: must not be applied.
            { field: "license", quote: "kommerziell nutzbar", value: "commercial use allowed" },
          ]),
        };
      },
      fillbroken: () => ({ status: 500, body: { error: { message: "model crashed" } } }),
    });
  });
  after(async () => fake?.close());

  test("the LLM's grounded fields fill the form, marked as the LLM's; the rest is set aside with why; no search until asked", async (t) => {
    const { page, problems } = await openSite(t);
    assert.equal(await page.locator("#llm-fill-button").count(), 0, "no button without an endpoint");
    await configure(page, { base: fake.base("fill") });
    const before = await page.getAttribute("#results", "data-query");
    await page.fill("#describe", TEXT);
    await page.click("#llm-fill-button");
    await page.waitForSelector('#llm-fill-status[data-state="done"]', { state: "attached", timeout: 30_000 });
    assert.equal(await page.inputValue("#field-function"), "transcribe customer phone calls");
    assert.equal(await page.inputValue("#field-task"), "automatic-speech-recognition", "the rules read the task from the restated function");
    assert.equal(await page.getAttribute('.notes li[data-field="function"]', "data-decided-by"), "llm");
    assert.match(await page.textContent('.set-aside li[data-field="license"]'), /not in your description/);
    assert.equal(await page.inputValue("#field-license"), "");
    assert.equal(await page.getAttribute("#results", "data-query"), before, "the user sees the fields before searching");
    await shot(page, "llm-09-fill");
    await page.click("#search-button");
    await page.waitForFunction(() => document.querySelector("#results")?.dataset.query?.includes("function=transcribe+customer+phone+calls"));
    assert.deepEqual(unexpected(problems), []);
  });

  test("an endpoint error leaves the form as it was and says so", async (t) => {
    const { page, problems } = await openSite(t);
    await configure(page, { base: fake.base("fillbroken") });
    await page.fill("#field-function", "kept as typed");
    await page.fill("#describe", TEXT);
    await page.click("#llm-fill-button");
    await page.waitForSelector('#llm-fill-status[data-state="error"]', { state: "attached", timeout: 60_000 });
    assert.match(await page.textContent("#llm-fill-status"), /could not fill the fields/);
    assert.equal(await page.inputValue("#field-function"), "kept as typed");
    assert.deepEqual(unexpected(problems), []);
  });
});

test("the Content-Security-Policy is in force and the app runs under it", async (t) => {
  const { page, problems } = await openSite(t);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'self' http: https:/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.equal(await page.locator("script:not([src])").count(), 0, "no inline script in the page");
  // An injected inline script does not run.
  const ran = await page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__inline === 1;
  });
  assert.equal(ran, false, "inline scripts are blocked");
  const violations = await page.evaluate(() => window.__csp);
  assert.deepEqual(violations.map((v) => v.split(" ")[0]), ["script-src-elem"], "only the injected script was blocked");
  // Searching works under the policy.
  await search(page, { function: "transcribe podcasts" });
  assert.ok((await results(page)).length > 0);
  const others = problems.filter((p) => !/Content Security Policy/.test(p));
  assert.deepEqual(others, []);
});
