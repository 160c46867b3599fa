//! Drives an engine [`LlmPlan`] over the client: cache first, then HTTP with a concurrency limit,
//! round after round until enough candidates pass.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ptmpicker::llm::verdicts::{LlmPlan, LlmSettings, PreparedCall};
use ptmpicker::select::{Engine, Selection};
use ptmpicker::template::Template;

use super::cache::{CacheEntry, DiskCache};
use super::client::{CallReport, LlmClient};
use super::pool::run_bounded;

/// What an LLM pass cost.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    pub checks: usize,
    pub cache_hits: usize,
    pub http_checks: usize,
    pub failures: usize,
    /// Answers not used: not grounded in the card or facts sent.
    pub ungrounded: usize,
    pub attempts: u32,
    /// Wall time of each HTTP check (retries included).
    pub latencies: Vec<Duration>,
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub candidates_checked: usize,
    pub passed: usize,
    pub dropped: usize,
    pub elapsed: Duration,
}

impl RunStats {
    /// One line for stderr.
    pub fn summary(&self) -> String {
        let mean = if self.latencies.is_empty() {
            0.0
        } else {
            self.latencies.iter().map(Duration::as_secs_f64).sum::<f64>() / self.latencies.len() as f64
        };
        format!(
            "{} checks ({} cached, {} over HTTP in {} attempts, {} failed; {} not grounded; {:.2} s mean per HTTP check; {} prompt + {} completion tokens) on {} candidates: {} passed, {} dropped as violating; {:.2} s",
            self.checks,
            self.cache_hits,
            self.http_checks,
            self.attempts,
            self.failures,
            self.ungrounded,
            mean,
            self.prompt_tokens,
            self.completion_tokens,
            self.candidates_checked,
            self.passed,
            self.dropped,
            self.elapsed.as_secs_f64()
        )
    }
}

pub struct LlmRunner {
    pub client: LlmClient,
    pub cache: Option<DiskCache>,
    pub concurrency: usize,
    pub settings: LlmSettings,
    cache_warned: AtomicBool,
}

impl LlmRunner {
    pub fn new(client: LlmClient, cache: Option<DiskCache>, concurrency: usize, settings: LlmSettings) -> LlmRunner {
        LlmRunner { client, cache, concurrency: concurrency.max(1), settings, cache_warned: AtomicBool::new(false) }
    }

    /// One check: the cached answer, or an HTTP call whose answer is then cached.
    pub fn resolve(&self, call: &PreparedCall) -> CallReport {
        if let Some(entry) = self.cache.as_ref().and_then(|c| c.get(call.cache_key)) {
            return CallReport {
                result: Ok(entry.answer),
                attempts: 0,
                mode: ptmpicker::llm::ResponseMode::from_name(&entry.mode).unwrap_or(ptmpicker::llm::ResponseMode::JsonSchema),
                elapsed: Duration::ZERO,
                usage: None,
                from_cache: true,
            };
        }
        let report = self.client.check(call);
        if let (Some(cache), Ok(answer)) = (&self.cache, &report.result) {
            let endpoint = self.client.endpoint().cache_identity();
            if let Err(e) = cache.put(&CacheEntry::new(call, &endpoint, answer, report.mode.name())) {
                if !self.cache_warned.swap(true, Ordering::Relaxed) {
                    eprintln!("llm: warning: cannot write the cache in {}: {e}", cache.dir().display());
                }
            }
        }
        report
    }

    /// Runs the plan to completion.
    pub fn run_plan(&self, plan: &mut LlmPlan) -> RunStats {
        let started = Instant::now();
        let mut stats = RunStats::default();
        loop {
            let calls = plan.next_calls();
            if calls.is_empty() {
                break;
            }
            let reports = run_bounded(&calls, self.concurrency, |call| self.resolve(call));
            for (call, report) in calls.iter().zip(reports) {
                stats.checks += 1;
                stats.attempts += report.attempts;
                if report.from_cache {
                    stats.cache_hits += 1;
                } else if report.attempts > 0 {
                    stats.http_checks += 1;
                    stats.latencies.push(report.elapsed);
                }
                if report.result.is_err() {
                    stats.failures += 1;
                }
                if let Some(u) = report.usage {
                    stats.prompt_tokens += u.prompt_tokens;
                    stats.completion_tokens += u.completion_tokens;
                }
                plan.apply_answer(call.id, report.result);
            }
        }
        let s = plan.stats();
        stats.candidates_checked = s.started;
        stats.ungrounded = s.calls_ungrounded;
        stats.passed = s.passed;
        stats.elapsed = started.elapsed();
        stats
    }

    /// `engine.select` over the top `settings.candidates` (at least `top`), the LLM pass until `top`
    /// pass, merged verdicts, violating results dropped, `top` kept.
    pub fn select(&self, engine: &mut Engine, request: &Template, top: usize) -> Result<(Selection, RunStats), String> {
        let settings = LlmSettings { want: top, candidates: self.settings.candidates.max(top), ..self.settings.clone() };
        let mut selection = engine.select(request, settings.candidates);
        let mut plan = LlmPlan::from_selection(&engine.index, &selection, &settings).map_err(|e| e.to_string())?;
        let mut stats = self.run_plan(&mut plan);
        stats.dropped = plan.apply_to_selection(&mut selection, top);
        Ok((selection, stats))
    }
}
