//! The LLM pass of a search, in the browser: the engine's [`LlmPlan`] driven over `fetch`
//! (through [`boundary::http_json`]) with a concurrency limit, the answer cache in
//! `localStorage`, progress in `#llm-status`, and cancellation when a newer search starts.
//!
//! Flow: [`prepare`] runs right after ranking (synchronously): with no endpoint the LLM-only
//! verdicts become "not checked" at once; with one, the candidates (the shown results, then the
//! next of a wider ranking, up to N) are handed to [`start`], which checks them in rank order until
//! enough pass. After every answer the list is rebuilt: merged verdicts (rules win), violating
//! models dropped, the next ones moved up. `#results[data-state]` stays "ready" throughout: only
//! ranking decides it.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;

use crate::llm::response::parse_verdict;
use crate::llm::verdicts::{needs_llm, LlmPlan, PreparedCall};
use crate::llm::{CallExchange, Failure, LlmAnswer, LlmError, Next, ResponseMode, RetryPolicy};
use crate::select::{Engine, Selection};
use crate::template::Template;

use super::boundary::{self, AbortGroup, HttpOutcome, StorageArea};
use super::llm_state::{
    cache_storage_key, candidate_pool, fail_fast, host_of, parse_model_list, pending_count, redact, redact_error, settle_pending,
    AnswerCache, LlmConfig, LlmProgress, RunState, CACHE_KEY, CONCURRENCY, NOT_REACHED_REASON, NO_ENDPOINT_REASON, REQUEST_TIMEOUT_MS,
};
use super::view_model::{self, ResultsView};
use super::{Ctx, TOP};

/// What a search hands to the LLM pass.
pub struct Pass {
    endpoint: String,
    config: LlmConfig,
    request: Template,
    /// The ranking as shown (its counts are kept).
    shown: Selection,
    /// The candidates, in the order they are checked.
    pool: Selection,
    elapsed_ms: f64,
}

/// Whether any shown result has a verdict only the LLM can decide.
fn needs_any(selection: &Selection) -> bool {
    selection.results.iter().any(|r| r.verdicts.iter().any(|v| needs_llm(v, r.facts.license.as_deref())))
}

/// Right after ranking: the view to show now, the progress line, and the pass to start (if any).
pub fn prepare(
    engine: &mut Engine,
    config: &LlmConfig,
    request: &Template,
    mut selection: Selection,
    elapsed_ms: f64,
) -> (ResultsView, LlmProgress, Option<Pass>) {
    let endpoint = config.endpoint();
    if !needs_any(&selection) {
        let progress = match endpoint {
            Ok(Some(e)) => LlmProgress { state: RunState::Done, host: host_of(&e).to_string(), ..Default::default() },
            _ => LlmProgress::default(),
        };
        return (view_model::build(engine, request, selection, elapsed_ms), progress, None);
    }
    match endpoint {
        Err(message) => {
            settle_pending(&mut selection, &format!("the LLM base URL is not usable ({message})"));
            let progress = LlmProgress::error(format!("LLM checks did not run: {message}. Fix the base URL under “LLM checks”."));
            (view_model::build(engine, request, selection, elapsed_ms), progress, None)
        }
        Ok(None) => {
            let n = pending_count(&selection);
            settle_pending(&mut selection, NO_ENDPOINT_REASON);
            let progress = LlmProgress::idle(if n > 0 {
                format!(
                    "LLM checks are off: {n} requirement checks need an LLM and show as “not checked”. Set an endpoint under “LLM checks”."
                )
            } else {
                "LLM checks are off: custom licenses show as “unknown”. Set an endpoint under “LLM checks”.".to_string()
            });
            (view_model::build(engine, request, selection, elapsed_ms), progress, None)
        }
        Ok(Some(endpoint)) => {
            let n = config.candidates.max(1);
            let wider = if n > selection.results.len() { engine.select(request, n) } else { Selection::default() };
            let pool = candidate_pool(&selection, wider, n);
            let progress = LlmProgress { state: RunState::Running, host: host_of(&endpoint).to_string(), ..Default::default() };
            let view = view_model::build(engine, request, selection.clone(), elapsed_ms);
            let pass = Pass { endpoint, config: config.clone(), request: request.clone(), shown: selection, pool, elapsed_ms };
            (view, progress, Some(pass))
        }
    }
}

/// One running pass.
struct Run {
    seq: u64,
    pass: Pass,
    plan: LlmPlan,
    queue: VecDeque<PreparedCall>,
    in_flight: usize,
    cache: AnswerCache,
    cached: usize,
    /// The response format that works (only moves down the fallback chain).
    mode: ResponseMode,
    /// Set once the endpoint proved unusable: later checks fail at once with this error.
    down: Option<LlmError>,
    last_error: Option<String>,
    group: AbortGroup,
    finished: bool,
}

type Shared = Rc<RefCell<Run>>;

fn current(ctx: Ctx, seq: u64) -> bool {
    ctx.seq.try_get_value() == Some(seq)
}

/// Starts the pass of search `seq` (a newer search aborts it through `ctx.llm_abort`).
pub fn start(ctx: Ctx, seq: u64, pass: Pass) {
    let group = AbortGroup::new();
    if ctx.llm_abort.try_update_value(|g| *g = group.clone()).is_none() {
        return;
    }
    leptos::task::spawn_local(async move {
        let key = pass.config.bearer().map(str::to_string);
        let model = match pass.config.model.trim() {
            "" => match first_model(&pass.endpoint, key.as_deref(), &group).await {
                Some(Ok(ids)) => ids[0].clone(),
                Some(Err(e)) => {
                    if current(ctx, seq) {
                        fail_pass(ctx, &pass, &format!("no model name is set and the endpoint's model list could not be read: {e}"));
                    }
                    return;
                }
                None => return,
            },
            m => m.to_string(),
        };
        if !current(ctx, seq) {
            return;
        }
        let settings = pass.config.settings(&model, TOP);
        let plan = ctx.engine.try_with_value(|e| e.as_ref().map(|e| LlmPlan::from_selection(&e.index, &pass.pool, &settings))).flatten();
        let plan = match plan {
            Some(Ok(plan)) => plan,
            Some(Err(e)) => {
                fail_pass(ctx, &pass, &format!("the prompts could not be prepared: {e}"));
                return;
            }
            None => return,
        };
        let cache = AnswerCache::from_json(&boundary::storage_get(StorageArea::Local, CACHE_KEY).unwrap_or_default());
        let run = Rc::new(RefCell::new(Run {
            seq,
            pass,
            plan,
            queue: VecDeque::new(),
            in_flight: 0,
            cache,
            cached: 0,
            mode: ResponseMode::JsonSchema,
            down: None,
            last_error: None,
            group,
            finished: false,
        }));
        pump(ctx, run.clone());
        if !run.borrow().finished {
            publish(ctx, &run, false);
        }
    });
}

/// The pass could not run at all: every LLM verdict is "not checked" with `message`.
fn fail_pass(ctx: Ctx, pass: &Pass, message: &str) {
    let mut selection = pass.shown.clone();
    settle_pending(&mut selection, message);
    publish_selection(ctx, pass, selection);
    ctx.llm_progress.try_set(LlmProgress::error(format!("LLM checks failed: {message}")));
}

/// Starts calls up to the concurrency limit; finishes the pass when nothing is left.
fn pump(ctx: Ctx, run: Shared) {
    loop {
        let call = {
            let mut r = run.borrow_mut();
            if r.finished {
                return;
            }
            if !current(ctx, r.seq) {
                // Superseded: keep what was learnt so far.
                r.finished = true;
                save_cache(&r.cache);
                return;
            }
            if r.in_flight >= CONCURRENCY {
                return;
            }
            if r.queue.is_empty() {
                let next = r.plan.next_calls();
                r.queue.extend(next);
            }
            match r.queue.pop_front() {
                Some(call) => {
                    r.in_flight += 1;
                    call
                }
                None if r.in_flight == 0 => {
                    r.finished = true;
                    drop(r);
                    finish(ctx, &run);
                    return;
                }
                None => return,
            }
        };
        let run = run.clone();
        leptos::task::spawn_local(async move {
            let outcome = resolve(ctx, &run, &call).await;
            let Some((result, from_cache)) = outcome else {
                pump(ctx, run); // superseded: lets the pass save its cache once
                return;
            };
            {
                let mut r = run.borrow_mut();
                if !current(ctx, r.seq) {
                    drop(r);
                    pump(ctx, run);
                    return;
                }
                r.in_flight -= 1;
                r.cached += usize::from(from_cache);
                r.plan.apply_answer(call.id, result);
            }
            publish(ctx, &run, false);
            pump(ctx, run);
        });
    }
}

/// One check: the cached answer, or HTTP with retries and format fallback (the engine's
/// [`CallExchange`] decides; this only sends, waits and reports). `None` when superseded.
async fn resolve(ctx: Ctx, run: &Shared, call: &PreparedCall) -> Option<(Result<LlmAnswer, LlmError>, bool)> {
    let (storage_key, url, key, mode, group, seq) = {
        let mut r = run.borrow_mut();
        let storage_key = cache_storage_key(call.cache_key, &r.pass.endpoint);
        if let Some(answer) = r.cache.get(&storage_key) {
            return Some((Ok(answer), true));
        }
        if let Some(e) = &r.down {
            return Some((Err(fail_fast(e)), false));
        }
        let url = format!("{}/chat/completions", r.pass.endpoint);
        (storage_key, url, r.pass.config.bearer().map(str::to_string), r.mode, r.group.clone(), r.seq)
    };
    let policy = RetryPolicy { request_timeout_ms: REQUEST_TIMEOUT_MS, ..RetryPolicy::default() };
    let mut ex = CallExchange::new(&call.request, mode, policy);
    let completion = loop {
        let body = ex.body();
        let next = match boundary::http_json(&url, Some(&body), key.as_deref(), REQUEST_TIMEOUT_MS, &group).await {
            HttpOutcome::Aborted => return None,
            HttpOutcome::Response { status, retry_after, body } => {
                ex.on_response(status, retry_after.as_deref(), &body, boundary::unix_now_secs())
            }
            HttpOutcome::Timeout => ex.on_failure(Failure::Timeout, "", boundary::unix_now_secs()),
            HttpOutcome::Failed(message) => ex.on_failure(Failure::Connect, &redact(&message, key.as_deref()), boundary::unix_now_secs()),
        };
        {
            let mut r = run.borrow_mut();
            r.mode = r.mode.max(ex.mode());
        }
        match next {
            Next::Send => {}
            Next::Wait { delay_ms } => {
                boundary::sleep(delay_ms.min(i32::MAX as u64) as i32).await;
                if group.is_aborted() || !current(ctx, seq) {
                    return None;
                }
            }
            Next::Done(result) => break result,
        }
    };
    let result = completion
        .and_then(|c| {
            parse_verdict(&c.content, ex.mode()).map_err(|e| match e {
                LlmError::NotJson { snippet, .. } => LlmError::NotJson { snippet, finish_reason: c.finish_reason.clone() },
                other => other,
            })
        })
        .map_err(|e| redact_error(e, key.as_deref()));
    let mut r = run.borrow_mut();
    match &result {
        Ok(answer) => r.cache.put(&storage_key, answer),
        Err(e) => {
            if ex.endpoint_unusable() && r.down.is_none() {
                r.down = Some(e.clone());
            }
            r.last_error = Some(e.to_string());
        }
    }
    Some((result, false))
}

/// Shows the pass's current state: the merged list and the progress line.
fn publish(ctx: Ctx, run: &Shared, finished: bool) {
    let r = run.borrow();
    if !current(ctx, r.seq) {
        return;
    }
    let mut selection = r.pass.pool.clone();
    let dropped = r.plan.apply_to_selection(&mut selection, TOP);
    if finished {
        settle_pending(&mut selection, NOT_REACHED_REASON);
    }
    selection.violations_filtered = r.pass.shown.violations_filtered + dropped;
    publish_selection(ctx, &r.pass, selection);

    let stats = r.plan.stats();
    let mut progress = LlmProgress {
        state: RunState::Running,
        planned: stats.calls_issued,
        answered: stats.calls_answered,
        cached: r.cached,
        failed: stats.calls_failed,
        passed: stats.passed,
        dropped: stats.failed,
        host: host_of(&r.pass.endpoint).to_string(),
        message: String::new(),
    };
    if finished {
        progress.state = RunState::Done;
        let all_failed = progress.answered > 0 && progress.failed == progress.answered;
        if all_failed {
            progress.state = RunState::Error;
            let why = r.last_error.clone().unwrap_or_else(|| "unknown error".into());
            progress.message =
                format!("LLM checks failed at {}: {why}. The {} checks show as “not checked”.", progress.host, progress.failed);
        }
    }
    ctx.llm_progress.try_set(progress);
}

fn publish_selection(ctx: Ctx, pass: &Pass, selection: Selection) {
    let view = ctx.engine.try_with_value(|e| e.as_ref().map(|e| view_model::build(e, &pass.request, selection, pass.elapsed_ms))).flatten();
    if let Some(view) = view {
        let ids: Vec<String> = view.items.iter().map(|i| i.id.clone()).collect();
        ctx.compare.try_update(|c| c.retain(|id| ids.contains(id)));
        ctx.results.try_set(view);
    }
}

/// The pass is over: final list (anything never asked settles as "not checked"), progress, cache.
fn finish(ctx: Ctx, run: &Shared) {
    publish(ctx, run, true);
    save_cache(&run.borrow().cache);
}

/// Writes the pass's answers to storage, merged over what is there now (another pass or tab may
/// have written meanwhile). A full or blocked storage only costs the cache.
fn save_cache(cache: &AnswerCache) {
    if cache.changed() {
        let stored = AnswerCache::from_json(&boundary::storage_get(StorageArea::Local, CACHE_KEY).unwrap_or_default());
        let _ = boundary::storage_set(StorageArea::Local, CACHE_KEY, &cache.merged_over(stored).to_json());
    }
}

/// `GET {base}/models`: the model ids, `None` when superseded.
async fn first_model(base: &str, key: Option<&str>, group: &AbortGroup) -> Option<Result<Vec<String>, LlmError>> {
    let url = format!("{base}/models");
    let result = match boundary::http_json(&url, None, key, 15_000, group).await {
        HttpOutcome::Aborted => return None,
        HttpOutcome::Response { status, body, .. } if (200..300).contains(&status) => parse_model_list(&body),
        HttpOutcome::Response { status, body, .. } => Err(LlmError::from_status(status, &body)),
        HttpOutcome::Timeout => Err(LlmError::Timeout { seconds: 15 }),
        HttpOutcome::Failed(message) => Err(LlmError::Transport { message }),
    };
    Some(result.map_err(|e| redact_error(e, key)))
}

/// "Test connection": lists the endpoint's models (`GET {base}/models`); when that is not
/// available, sends a tiny chat request. The text says what worked, or why not (key redacted).
pub async fn test_connection(config: &LlmConfig) -> Result<(String, Option<String>), String> {
    let base = config.endpoint()?.ok_or("set a base URL first")?;
    let key = config.bearer();
    let group = AbortGroup::new();
    let models_error = match first_model(&base, key, &group).await {
        Some(Ok(ids)) => {
            let shown = ids.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
            let more = if ids.len() > 5 { format!(" and {} more", ids.len() - 5) } else { String::new() };
            return Ok((format!("Connected to {base}: it serves {shown}{more}."), Some(ids[0].clone())));
        }
        Some(Err(e)) => e,
        None => return Err("cancelled".into()),
    };
    // Some servers have no /models: a one-word chat answer proves the endpoint as well.
    let model = if config.model.trim().is_empty() { "default" } else { config.model.trim() };
    let body = serde_json::json!({
        "model": model,
        "messages": [{"role": "user", "content": "Reply with the word OK."}],
        "max_tokens": 4,
        "temperature": 0,
        "stream": false,
    })
    .to_string();
    let url = format!("{base}/chat/completions");
    let chat = match boundary::http_json(&url, Some(&body), key, 60_000, &group).await {
        HttpOutcome::Response { status, body, .. } if (200..300).contains(&status) => match crate::llm::response::parse_completion(&body) {
            Ok(_) => return Ok((format!("Connected to {base}: a test chat request with model “{model}” was answered."), None)),
            Err(e) => e,
        },
        HttpOutcome::Response { status, body, .. } => LlmError::from_status(status, &body),
        HttpOutcome::Timeout => LlmError::Timeout { seconds: 60 },
        HttpOutcome::Failed(message) => LlmError::Transport { message },
        HttpOutcome::Aborted => return Err("cancelled".into()),
    };
    let chat = redact_error(chat, key);
    Err(format!("Could not use {base}. Listing models: {models_error}. A test chat request: {chat}."))
}

/// The settings as stored in the browser (key from the storage its "remember" choice says).
pub fn load_config() -> LlmConfig {
    let mut config = boundary::storage_get(StorageArea::Local, super::llm_state::SETTINGS_KEY)
        .map(|t| LlmConfig::from_storage_json(&t))
        .unwrap_or_default();
    let area = if config.remember_key { StorageArea::Local } else { StorageArea::Session };
    config.api_key = boundary::storage_get(area, super::llm_state::API_KEY_KEY).unwrap_or_default();
    config
}

/// Stores the settings, and the key only where its "remember" choice says (removed elsewhere).
pub fn save_config(config: &LlmConfig) -> Result<(), String> {
    use super::llm_state::{API_KEY_KEY, SETTINGS_KEY};
    boundary::storage_set(StorageArea::Local, SETTINGS_KEY, &config.to_storage_json())?;
    let (keep, other) =
        if config.remember_key { (StorageArea::Local, StorageArea::Session) } else { (StorageArea::Session, StorageArea::Local) };
    boundary::storage_remove(other, API_KEY_KEY);
    match config.bearer() {
        Some(key) => boundary::storage_set(keep, API_KEY_KEY, key),
        None => {
            boundary::storage_remove(keep, API_KEY_KEY);
            Ok(())
        }
    }
}

/// Removes the key from both storages.
pub fn forget_key() {
    boundary::storage_remove(StorageArea::Session, super::llm_state::API_KEY_KEY);
    boundary::storage_remove(StorageArea::Local, super::llm_state::API_KEY_KEY);
}

/// Removes every cached answer.
pub fn clear_cache() {
    boundary::storage_remove(StorageArea::Local, CACHE_KEY);
}
