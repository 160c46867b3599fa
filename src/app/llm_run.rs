//! The LLM pass of a search, in the browser: the engine's [`LlmPlan`] and [`Session`] driven over
//! `fetch` (through [`boundary::http_json`]) with a concurrency limit, the answer cache in
//! `localStorage`, progress in `#llm-status`, and cancellation when a newer search starts or the
//! user presses "Stop LLM checks". Endpoint checks, redaction, fail-fast, the model list and cache
//! keys are the engine's ([`crate::llm::session`]), shared with the CLI.
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

use crate::llm::session::{probe_body, MODELS_TIMEOUT_SECS, PROBE_TIMEOUT_SECS};
use crate::llm::verdicts::{needs_llm, LlmPlan, PreparedCall};
use crate::llm::{Failure, LlmAnswer, LlmError, Next, Session};
use crate::select::{Engine, Selection};
use crate::template::Template;

use super::boundary::{self, AbortGroup, HttpOutcome, StorageArea};
use super::llm_state::{
    candidate_pool, pending_count, settle_pending, AnswerCache, LlmConfig, LlmProgress, RunState, CACHE_KEY, CONCURRENCY,
    NOT_REACHED_REASON, NO_ENDPOINT_REASON, STOPPED_REASON,
};
use super::view_model::{self, ResultsView};
use super::{Ctx, TOP};

/// What a search hands to the LLM pass.
pub struct Pass {
    session: Session,
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
    let session = config.session();
    if !needs_any(&selection) {
        let progress = match session {
            Ok(Some(s)) => LlmProgress { state: RunState::Done, host: s.endpoint().host().to_string(), ..Default::default() },
            _ => LlmProgress::default(),
        };
        return (view_model::build(engine, request, selection, elapsed_ms), progress, None);
    }
    match session {
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
        Ok(Some(session)) => {
            let n = config.candidates.max(1);
            let wider = if n > selection.results.len() { engine.select(request, n) } else { Selection::default() };
            let pool = candidate_pool(&selection, wider, n);
            let progress = LlmProgress { state: RunState::Running, host: session.endpoint().host().to_string(), ..Default::default() };
            let view = view_model::build(engine, request, selection.clone(), elapsed_ms);
            let pass = Pass { session, config: config.clone(), request: request.clone(), shown: selection, pool, elapsed_ms };
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
    last_error: Option<String>,
    group: AbortGroup,
    finished: bool,
}

type Shared = Rc<RefCell<Run>>;

fn current(ctx: Ctx, seq: u64) -> bool {
    ctx.seq.try_get_value() == Some(seq)
}

thread_local! {
    /// The latest pass (the page runs one at a time), so "Stop" can settle it at once even while
    /// its checks wait out a retry delay.
    static LATEST: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// "Stop LLM checks": cancels the running pass (its requests are aborted); what is answered
/// stays, the rest shows as "not checked", and the progress line says it was stopped.
pub fn stop(ctx: Ctx) {
    ctx.llm_abort.with_value(|g| g.abort());
    if let Some(run) = LATEST.with(|l| l.borrow().clone()) {
        pump(ctx, run);
    }
}

/// Starts the pass of search `seq` (a newer search aborts it through `ctx.llm_abort`).
pub fn start(ctx: Ctx, seq: u64, pass: Pass) {
    let group = AbortGroup::new();
    if ctx.llm_abort.try_update_value(|g| *g = group.clone()).is_none() {
        return;
    }
    leptos::task::spawn_local(async move {
        let model = match pass.config.model.trim() {
            "" => match first_model(&pass.session, pass.config.bearer(), &group).await {
                Some(Ok(ids)) => ids[0].clone(),
                Some(Err(e)) => {
                    if current(ctx, seq) {
                        fail_pass(ctx, &pass, &format!("no model name is set and the endpoint's model list could not be read: {e}"));
                    }
                    return;
                }
                None => {
                    if current(ctx, seq) {
                        stopped_before_start(ctx, &pass);
                    }
                    return;
                }
            },
            m => m.to_string(),
        };
        if !current(ctx, seq) {
            return;
        }
        let settings = pass.config.settings(&pass.session, &model, TOP);
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
            last_error: None,
            group,
            finished: false,
        }));
        LATEST.with(|l| *l.borrow_mut() = Some(run.clone()));
        pump(ctx, run.clone());
        if !run.borrow().finished {
            publish(ctx, &run, Ending::NotYet);
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

/// Stopped by the user before the pass had a plan: every LLM verdict is "not checked".
fn stopped_before_start(ctx: Ctx, pass: &Pass) {
    let mut selection = pass.shown.clone();
    settle_pending(&mut selection, STOPPED_REASON);
    publish_selection(ctx, pass, selection);
    ctx.llm_progress.try_set(LlmProgress {
        state: RunState::Stopped,
        host: pass.session.endpoint().host().to_string(),
        ..Default::default()
    });
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
            if r.group.is_aborted() {
                // Stopped by the user: show what was answered, the rest as "not checked".
                r.finished = true;
                drop(r);
                publish(ctx, &run, Ending::Stopped);
                save_cache(&run.borrow().cache);
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
            publish(ctx, &run, Ending::NotYet);
            pump(ctx, run);
        });
    }
}

/// One check: the cached answer, or HTTP with retries and format fallback (the engine's
/// [`Session`] and `CallExchange` decide; this only sends, waits and reports). `None` when
/// superseded or stopped.
async fn resolve(ctx: Ctx, run: &Shared, call: &PreparedCall) -> Option<(Result<LlmAnswer, LlmError>, bool)> {
    let storage_key = call.cache_key.to_string();
    let (url, key, group, seq, mut ex) = {
        let mut r = run.borrow_mut();
        if let Some(answer) = r.cache.get(&storage_key) {
            return Some((Ok(answer), true));
        }
        let ex = match r.pass.session.begin(&call.request) {
            Ok(ex) => ex,
            Err(down) => return Some((Err(down), false)),
        };
        (r.pass.session.endpoint().chat_url(), r.pass.config.bearer().map(str::to_string), r.group.clone(), r.seq, ex)
    };
    let timeout_ms = ex_timeout(run);
    let (completion, attempt_started) = loop {
        let body = ex.body();
        let attempt_started = boundary::now_ms();
        let next = match boundary::http_json(&url, Some(&body), key.as_deref(), timeout_ms, &group).await {
            HttpOutcome::Aborted => return None,
            HttpOutcome::Response { status, retry_after, body } => {
                ex.on_response(status, retry_after.as_deref(), &body, boundary::unix_now_secs())
            }
            HttpOutcome::Timeout => ex.on_failure(Failure::Timeout, "", boundary::unix_now_secs()),
            HttpOutcome::Failed(message) => ex.on_failure(Failure::Connect, &message, boundary::unix_now_secs()),
        };
        run.borrow_mut().pass.session.note_mode(ex.mode());
        match next {
            Next::Send => {}
            Next::Wait { delay_ms } => {
                boundary::sleep(delay_ms.min(i32::MAX as u64) as i32).await;
                if group.is_aborted() || !current(ctx, seq) {
                    return None;
                }
            }
            Next::Done(result) => break (result, attempt_started),
        }
    };
    let mut r = run.borrow_mut();
    let completion = r.pass.session.end(&ex, completion);
    let now = || boundary::now_ms().max(0.0) as u64;
    let result = r.pass.session.read_verdict(completion, ex.mode(), attempt_started.max(0.0) as u64, now);
    match &result {
        Ok(answer) => r.cache.put(&storage_key, answer),
        Err(e) => r.last_error = Some(e.to_string()),
    }
    Some((result, false))
}

/// The request timeout of the pass's session, in milliseconds.
fn ex_timeout(run: &Shared) -> u64 {
    run.borrow().pass.session.policy().request_timeout_ms
}

/// How far a pass is when its state is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    NotYet,
    Done,
    Stopped,
}

/// Shows the pass's current state: the merged list and the progress line.
fn publish(ctx: Ctx, run: &Shared, ending: Ending) {
    let r = run.borrow();
    if !current(ctx, r.seq) {
        return;
    }
    let mut selection = r.pass.pool.clone();
    let dropped = r.plan.apply_to_selection(&mut selection, TOP);
    match ending {
        Ending::NotYet => {}
        Ending::Done => settle_pending(&mut selection, NOT_REACHED_REASON),
        Ending::Stopped => settle_pending(&mut selection, STOPPED_REASON),
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
        ungrounded: stats.calls_ungrounded,
        passed: stats.passed,
        dropped: stats.failed,
        host: r.pass.session.endpoint().host().to_string(),
        message: String::new(),
    };
    if ending == Ending::Stopped {
        progress.state = RunState::Stopped;
    } else if ending == Ending::Done {
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
    publish(ctx, run, Ending::Done);
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

/// `GET {base}/models`: the model ids, `None` when superseded or stopped.
pub(super) async fn first_model(session: &Session, key: Option<&str>, group: &AbortGroup) -> Option<Result<Vec<String>, LlmError>> {
    let url = session.endpoint().models_url();
    Some(match boundary::http_json(&url, None, key, MODELS_TIMEOUT_SECS * 1000, group).await {
        HttpOutcome::Aborted => return None,
        HttpOutcome::Response { status, body, .. } => session.model_list(status, &body),
        HttpOutcome::Timeout => Err(session.failure(Failure::Timeout, "", MODELS_TIMEOUT_SECS)),
        HttpOutcome::Failed(message) => Err(session.failure(Failure::Connect, &message, MODELS_TIMEOUT_SECS)),
    })
}

/// "Test connection": lists the endpoint's models (`GET {base}/models`); when that is not
/// available, sends a tiny chat request. The text says what worked, or why not (key redacted).
pub async fn test_connection(config: &LlmConfig) -> Result<(String, Option<String>), String> {
    let session = config.session()?.ok_or("set a base URL first")?;
    let base = session.endpoint().base().to_string();
    let key = config.bearer();
    let group = AbortGroup::new();
    let models_error = match first_model(&session, key, &group).await {
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
    let url = session.endpoint().chat_url();
    let chat = match boundary::http_json(&url, Some(&probe_body(model)), key, PROBE_TIMEOUT_SECS * 1000, &group).await {
        HttpOutcome::Response { status, body, .. } if (200..300).contains(&status) => match crate::llm::response::parse_completion(&body) {
            Ok(_) => return Ok((format!("Connected to {base}: a test chat request with model “{model}” was answered."), None)),
            Err(e) => e,
        },
        HttpOutcome::Response { status, body, .. } => LlmError::from_status(status, &body),
        HttpOutcome::Timeout => session.failure(Failure::Timeout, "", PROBE_TIMEOUT_SECS),
        HttpOutcome::Failed(message) => session.failure(Failure::Connect, &message, PROBE_TIMEOUT_SECS),
        HttpOutcome::Aborted => return Err("cancelled".into()),
    };
    let chat = session.redactor().error(chat);
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
