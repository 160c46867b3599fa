//! The app side of the LLM checks as plain data: the settings form's values (and where the key is
//! stored), the progress shown in `#llm-status`, the answer cache kept in browser storage, and how
//! LLM answers are merged into the list on the page. No browser or Leptos imports, so all of it is
//! unit-tested natively (and again in the browser by `tests/web.rs`).
//!
//! The network and timers live in `llm_run.rs` (through `boundary.rs`); the engine's
//! [`crate::llm`] decides prompts, retries and merging (rules first, and rules win), and its
//! [`Session`] the endpoint checks, defaults, redaction, fail-fast and cache keys (shared with the
//! CLI).

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::constraints::{DecidedBy, Status, Verdict};
use crate::llm::session::{DEFAULT_CANDIDATES, DEFAULT_EXAMPLES, DEFAULT_TIMEOUT_SECS, MAX_EXAMPLES};
use crate::llm::{AnswerVerdict, Endpoint, LlmAnswer, LlmError, LlmSettings, RetryPolicy, Session};
use crate::select::Selection;

pub use crate::llm::session::{DEFAULT_CONCURRENCY as CONCURRENCY, MAX_CANDIDATES, REDACTED};

/// `localStorage` key of the settings (never the API key).
pub const SETTINGS_KEY: &str = "ptmpicker.llm.settings";
/// Storage key of the API key (`sessionStorage`, or `localStorage` when remembered).
pub const API_KEY_KEY: &str = "ptmpicker.llm.key";
/// `localStorage` key of the answer cache.
pub const CACHE_KEY: &str = "ptmpicker.llm.cache";

/// The LLM endpoint settings. The API key is held here in memory; serialization leaves it out
/// (it is stored on its own, see [`KeyStore`]).
#[derive(Clone, PartialEq)]
pub struct LlmConfig {
    /// As typed, e.g. `http://127.0.0.1:8080/v1` (blank = LLM checks off).
    pub base_url: String,
    /// The `model` sent to the endpoint; blank = the first one its `/models` lists.
    pub model: String,
    pub api_key: String,
    /// Keep the key in `localStorage` (this device) instead of `sessionStorage` (this tab).
    pub remember_key: bool,
    /// How many of the ranked models may be checked.
    pub candidates: usize,
    /// Worked examples sent with each prompt (0–3; fewer is faster on small local models).
    pub examples: usize,
}

impl Default for LlmConfig {
    fn default() -> Self {
        LlmConfig {
            base_url: String::new(),
            model: String::new(),
            api_key: String::new(),
            remember_key: false,
            candidates: DEFAULT_CANDIDATES,
            examples: DEFAULT_EXAMPLES,
        }
    }
}

impl std::fmt::Debug for LlmConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field("api_key", &if self.api_key.is_empty() { "" } else { REDACTED })
            .field("remember_key", &self.remember_key)
            .field("candidates", &self.candidates)
            .field("examples", &self.examples)
            .finish()
    }
}

/// Where the API key is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStore {
    /// `sessionStorage`: this tab only, gone when it closes (the default).
    Session,
    /// `localStorage`: this browser, until the user forgets it.
    Local,
}

impl LlmConfig {
    /// The endpoint to use: `Ok(None)` when no base URL is set (checks off), `Err` with a message
    /// for the page when it is not usable (never repeating a key or password).
    pub fn endpoint(&self) -> Result<Option<Endpoint>, String> {
        Ok(self.session()?.map(|s| s.endpoint().clone()))
    }

    /// The LLM session of these settings (see [`Session`]); `Ok(None)` when checks are off.
    pub fn session(&self) -> Result<Option<Session>, String> {
        if self.base_url.trim().is_empty() {
            return Ok(None);
        }
        let policy = RetryPolicy { request_timeout_ms: DEFAULT_TIMEOUT_SECS * 1000, ..RetryPolicy::default() };
        Session::open(&self.base_url, self.bearer(), policy).map(Some).map_err(|e| match e {
            LlmError::Config { message } => message,
            other => other.to_string(),
        })
    }

    /// The key to send, if any (blank = none: no `Authorization` header at all).
    pub fn bearer(&self) -> Option<&str> {
        let k = self.api_key.trim();
        (!k.is_empty()).then_some(k)
    }

    pub fn key_store(&self) -> KeyStore {
        if self.remember_key {
            KeyStore::Local
        } else {
            KeyStore::Session
        }
    }

    /// The settings as stored (without the key). (Written out by hand rather than derived: serde
    /// derives cost the wasm several KB.)
    pub fn to_storage_json(&self) -> String {
        json!({
            "base_url": self.base_url,
            "model": self.model,
            "remember_key": self.remember_key,
            "candidates": self.candidates,
            "examples": self.examples,
        })
        .to_string()
    }

    /// Reads stored settings; anything unreadable gives the defaults, numbers are clamped.
    pub fn from_storage_json(text: &str) -> LlmConfig {
        let d = LlmConfig::default();
        let Ok(Value::Object(v)) = serde_json::from_str::<Value>(text) else { return d };
        let text = |k: &str, default: String| v.get(k).and_then(Value::as_str).map_or(default, str::to_string);
        let number = |k: &str, default: usize| v.get(k).and_then(Value::as_u64).map_or(default, |n| n.min(usize::MAX as u64) as usize);
        LlmConfig {
            base_url: text("base_url", d.base_url),
            model: text("model", d.model),
            api_key: String::new(),
            remember_key: v.get("remember_key").and_then(Value::as_bool).unwrap_or(d.remember_key),
            candidates: number("candidates", d.candidates),
            examples: number("examples", d.examples),
        }
        .clamped()
    }

    /// The numbers within their ranges.
    pub fn clamped(mut self) -> LlmConfig {
        self.candidates = self.candidates.clamp(1, MAX_CANDIDATES);
        self.examples = self.examples.min(MAX_EXAMPLES);
        self.base_url = self.base_url.trim().to_string();
        self.model = self.model.trim().to_string();
        self
    }

    /// The engine's settings for a pass on `session` (`top` results wanted; at most `candidates`
    /// checked, even when that is fewer than are shown: the others show as "not checked").
    pub fn settings(&self, session: &Session, llm_model: &str, top: usize) -> LlmSettings {
        LlmSettings { candidates: self.candidates.max(1), want: top, examples: self.examples, ..session.settings(llm_model) }
    }

    /// What is sent where, and where the key lives (shown next to the settings).
    pub fn data_flow_text(&self) -> String {
        let target = match self.endpoint() {
            Ok(Some(endpoint)) => endpoint.base().to_string(),
            _ => "the base URL you set".to_string(),
        };
        let key = match (self.bearer().is_some(), self.remember_key) {
            (false, _) => "No API key is set, so none is sent.".to_string(),
            (true, false) => format!(
                "The API key is sent only to {target} (as an Authorization header) and is kept in this tab's session storage: it is gone when the tab closes."
            ),
            (true, true) => format!(
                "The API key is sent only to {target} (as an Authorization header) and is kept in this browser's local storage until you press “Forget key”."
            ),
        };
        format!(
            "For each requirement only an LLM can judge, the requirement's text and the checked model's id, facts and model-card text are sent to {target}; nothing else (no other part of your request, nothing about you). {key} Answers are cached in this browser's local storage."
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Progress.

/// The state of the LLM pass of the current results (`#llm-status[data-state]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RunState {
    /// No pass: no endpoint set, or no search yet.
    #[default]
    Idle,
    Running,
    /// The pass finished (checks that failed show as "not checked").
    Done,
    /// The pass could not run, or every check failed.
    Error,
    /// The user stopped the pass ("Stop LLM checks").
    Stopped,
}

impl RunState {
    pub fn data_state(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Done => "done",
            RunState::Error => "error",
            RunState::Stopped => "stopped",
        }
    }
}

/// What `#llm-status` shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LlmProgress {
    pub state: RunState,
    /// Checks planned so far (it grows as models are dropped and later ones are needed).
    pub planned: usize,
    /// Checks answered (from the cache, or over HTTP), failed ones included.
    pub answered: usize,
    pub cached: usize,
    pub failed: usize,
    /// Answers not used because they were not grounded in the card (see `crate::llm::grounding`).
    pub ungrounded: usize,
    /// Models passed (no requirement violated) and dropped (one violated), of those checked.
    pub passed: usize,
    pub dropped: usize,
    /// The endpoint's host (for the text).
    pub host: String,
    /// For Idle / Error: what to tell the user.
    pub message: String,
}

impl LlmProgress {
    pub fn idle(message: impl Into<String>) -> LlmProgress {
        LlmProgress { message: message.into(), ..Default::default() }
    }

    pub fn error(message: impl Into<String>) -> LlmProgress {
        LlmProgress { state: RunState::Error, message: message.into(), ..Default::default() }
    }

    /// 0–1 while running.
    pub fn fraction(&self) -> Option<f64> {
        (self.state == RunState::Running && self.planned > 0).then(|| (self.answered as f64 / self.planned as f64).min(1.0))
    }

    /// One line for the page.
    pub fn describe(&self) -> String {
        let counts = || {
            let mut s = format!("{} of {} checks answered", self.answered, self.planned);
            let mut extra = Vec::new();
            if self.cached > 0 {
                extra.push(format!("{} from the cache", self.cached));
            }
            if self.failed > 0 {
                extra.push(format!("{} failed and show as “not checked”", self.failed));
            }
            if self.ungrounded > 0 {
                extra.push(format!("{} not used: not grounded in the card", self.ungrounded));
            }
            if !extra.is_empty() {
                s.push_str(&format!(" ({})", extra.join(", ")));
            }
            s.push_str(&format!(" · {} models kept", self.passed));
            if self.dropped > 0 {
                s.push_str(&format!(", {} dropped for violating a requirement", self.dropped));
            }
            s
        };
        match self.state {
            RunState::Idle | RunState::Error if !self.message.is_empty() => self.message.clone(),
            RunState::Idle => String::new(),
            RunState::Error => "LLM checks failed.".into(),
            RunState::Running => format!("Checking with the LLM at {}… {}", self.host, counts()),
            RunState::Done if self.planned == 0 => format!("LLM checks done: nothing needed the LLM at {}.", self.host),
            RunState::Done => format!("LLM checks done at {}: {}.", self.host, counts()),
            RunState::Stopped => format!("LLM checks stopped at {}: {}; the rest show as “not checked”.", self.host, counts()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The answer cache (browser storage, JSON, bounded).

/// Most answers kept, and the most bytes of JSON stored (oldest go first).
pub const CACHE_MAX_ENTRIES: usize = 1000;
pub const CACHE_MAX_BYTES: usize = 256 * 1024;
/// Reasons are cut to this many characters in the cache.
const CACHE_REASON_CHARS: usize = 300;

/// Format version of the stored cache (2: entries carry the evidence quote).
const CACHE_VERSION: u64 = 2;

#[derive(Clone, Debug, PartialEq, Eq)]
struct CacheEntry {
    /// Storage key: the engine's cache key (endpoint and LLM model included).
    k: String,
    v: AnswerVerdict,
    r: String,
    e: String,
}

impl CacheEntry {
    fn new(key: &str, answer: &LlmAnswer) -> CacheEntry {
        CacheEntry {
            k: key.to_string(),
            v: answer.verdict,
            r: answer.reason.chars().take(CACHE_REASON_CHARS).collect(),
            e: answer.evidence.chars().take(CACHE_REASON_CHARS).collect(),
        }
    }

    fn answer(&self) -> LlmAnswer {
        LlmAnswer { verdict: self.v, reason: self.r.clone(), evidence: self.e.clone() }
    }

    fn to_json(&self) -> Value {
        json!([self.k, self.v.name(), self.r, self.e])
    }

    fn from_json(v: &Value) -> Option<CacheEntry> {
        let [k, verdict, r, e] = v.as_array()?.as_slice() else { return None };
        let v = match verdict.as_str()? {
            "satisfied" => AnswerVerdict::Satisfied,
            "violated" => AnswerVerdict::Violated,
            "unknown" => AnswerVerdict::Unknown,
            _ => return None,
        };
        Some(CacheEntry { k: k.as_str()?.to_string(), v, r: r.as_str()?.to_string(), e: e.as_str()?.to_string() })
    }
}

/// LLM answers by key, least recently used first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerCache {
    entries: Vec<CacheEntry>,
    changed: bool,
}

impl AnswerCache {
    /// Reads the stored JSON (`{"v": 2, "entries": [[key, verdict, reason, evidence], …]}`); anything
    /// unreadable (or another version) is an empty cache, a damaged entry is skipped.
    pub fn from_json(text: &str) -> AnswerCache {
        let Ok(file) = serde_json::from_str::<Value>(text) else { return AnswerCache::default() };
        if file.get("v").and_then(Value::as_u64) != Some(CACHE_VERSION) {
            return AnswerCache::default();
        }
        let entries =
            file.get("entries").and_then(Value::as_array).map(|e| e.iter().filter_map(CacheEntry::from_json).collect()).unwrap_or_default();
        AnswerCache { entries, changed: false }
    }

    /// The JSON to store: the most recent entries that fit [`CACHE_MAX_ENTRIES`] and
    /// [`CACHE_MAX_BYTES`].
    pub fn to_json(&self) -> String {
        let mut keep = self.entries.len().min(CACHE_MAX_ENTRIES);
        loop {
            let entries: Vec<Value> = self.entries[self.entries.len() - keep..].iter().map(CacheEntry::to_json).collect();
            let text = json!({"v": CACHE_VERSION, "entries": entries}).to_string();
            if text.len() <= CACHE_MAX_BYTES || keep == 0 {
                return text;
            }
            // Drop a share proportional to the excess (at least one), then measure again.
            let excess = (text.len() - CACHE_MAX_BYTES) as f64 / text.len() as f64;
            keep -= ((keep as f64 * excess).ceil() as usize).clamp(1, keep);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether [`AnswerCache::put`] or a hit changed it since it was read.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The answer for `key` (and marks it recently used).
    pub fn get(&mut self, key: &str) -> Option<LlmAnswer> {
        let pos = self.entries.iter().position(|e| e.k == key)?;
        let e = self.entries.remove(pos);
        let answer = e.answer();
        self.entries.push(e);
        self.changed = true;
        Some(answer)
    }

    /// This cache's entries put over `stored` (what storage holds now, which another pass may
    /// have written meanwhile): nothing either side learnt is lost, this side's order wins.
    pub fn merged_over(&self, mut stored: AnswerCache) -> AnswerCache {
        for e in &self.entries {
            stored.put(&e.k, &e.answer());
        }
        stored
    }

    /// Stores an answer (replacing one with the same key); the oldest entries go past the limit.
    pub fn put(&mut self, key: &str, answer: &LlmAnswer) {
        self.entries.retain(|e| e.k != key);
        self.entries.push(CacheEntry::new(key, answer));
        if self.entries.len() > CACHE_MAX_ENTRIES {
            let excess = self.entries.len() - CACHE_MAX_ENTRIES;
            self.entries.drain(..excess);
        }
        self.changed = true;
    }
}

// ---------------------------------------------------------------------------------------------
// Merging LLM answers into the list on the page.

/// The candidates of the LLM pass: the shown results first, in their order, then the next ones of
/// a wider ranking (`wider`), up to `n` in all. Checking in this order keeps the list stable: an
/// LLM answer can only drop a model (and let the next one move up), never reshuffle the rest.
pub fn candidate_pool(shown: &Selection, wider: Selection, n: usize) -> Selection {
    let mut pool = shown.clone();
    let have: HashSet<u32> = pool.results.iter().map(|r| r.doc).collect();
    pool.results.extend(wider.results.into_iter().filter(|r| !have.contains(&r.doc)));
    pool.results.truncate(n.max(shown.results.len()));
    pool
}

/// Turns every verdict still waiting for the LLM into "not checked", with `reason`.
pub fn settle_pending(selection: &mut Selection, reason: &str) {
    for r in &mut selection.results {
        for v in &mut r.verdicts {
            if v.verdict.status == Status::Pending {
                v.verdict = Verdict { status: Status::NotChecked, decided_by: DecidedBy::Llm, reason: reason.to_string(), evidence: None };
            }
        }
    }
}

/// How many verdicts of `selection` wait for the LLM.
pub fn pending_count(selection: &Selection) -> usize {
    selection.results.iter().flat_map(|r| &r.verdicts).filter(|v| v.verdict.status == Status::Pending).count()
}

/// Why a verdict was not checked, when the pass never asked the LLM about it.
pub const NO_ENDPOINT_REASON: &str = "no LLM endpoint is set (open “LLM checks” above the form to set one)";
pub const NOT_REACHED_REASON: &str =
    "the LLM checks stopped before this model (enough models above it passed, or it is past the “Models to check” limit)";
pub const STOPPED_REASON: &str = "the LLM checks were stopped (“Stop LLM checks”) before this one was answered";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::FieldVerdict;
    use crate::rank::Explanation;
    use crate::select::RankedModel;
    use crate::template::Field;

    #[test]
    fn the_endpoint_comes_from_the_engine_session() {
        let c = LlmConfig { base_url: " http://127.0.0.1:8080/v1/ ".into(), ..Default::default() };
        assert_eq!(c.endpoint().unwrap().unwrap().base(), "http://127.0.0.1:8080/v1");
        assert_eq!(LlmConfig { base_url: "  ".into(), ..Default::default() }.endpoint(), Ok(None));
        let e = LlmConfig { base_url: "http://user:pw-secret@h/v1".into(), ..Default::default() }.endpoint().unwrap_err();
        assert!(e.contains("user name or password") && !e.contains("pw-secret"), "{e}");
        let session = c.session().unwrap().unwrap();
        let s = c.settings(&session, "m", 10);
        assert_eq!((s.endpoint.as_str(), s.llm_model.as_str(), s.want), ("http://127.0.0.1:8080/v1", "m", 10));
    }

    #[test]
    fn the_key_is_never_serialized_or_shown() {
        let c = LlmConfig { base_url: "http://h/v1".into(), api_key: "sk-secret-123".into(), remember_key: true, ..Default::default() };
        let json = c.to_storage_json();
        assert!(!json.contains("sk-secret"), "{json}");
        assert!(!format!("{c:?}").contains("sk-secret"));
        let back = LlmConfig::from_storage_json(&json);
        assert_eq!(back.api_key, "");
        assert_eq!(back.base_url, "http://h/v1");
        assert!(back.remember_key);
        assert_eq!(back.key_store(), KeyStore::Local);
        assert_eq!(LlmConfig::default().key_store(), KeyStore::Session);
        assert!(c.data_flow_text().contains("local storage"));
        assert!(!c.data_flow_text().contains("sk-secret"));
        assert_eq!(LlmConfig { api_key: "  ".into(), ..Default::default() }.bearer(), None);
    }

    #[test]
    fn stored_settings_are_read_forgivingly() {
        assert_eq!(LlmConfig::from_storage_json("not json"), LlmConfig::default());
        let c = LlmConfig::from_storage_json(r#"{"base_url":"http://x/v1","candidates":100000,"examples":9,"unknown":1}"#);
        assert_eq!((c.candidates, c.examples), (MAX_CANDIDATES, 3));
        assert_eq!(LlmConfig::from_storage_json(r#"{"candidates":0}"#).candidates, 1);
        let session = Session::open("http://h/v1", None, RetryPolicy::default()).unwrap();
        let s = LlmConfig::default().settings(&session, "m", 10);
        assert_eq!((s.candidates, s.want, s.llm_model.as_str()), (30, 10, "m"));
        assert_eq!(
            LlmConfig { candidates: 3, ..Default::default() }.settings(&session, "m", 10).candidates,
            3,
            "fewer than shown: the rest stay unchecked"
        );
    }

    #[test]
    fn progress_reads_well_in_each_state() {
        let p = LlmProgress { state: RunState::Running, planned: 4, answered: 1, cached: 1, host: "h:1".into(), ..Default::default() };
        assert_eq!(p.describe(), "Checking with the LLM at h:1… 1 of 4 checks answered (1 from the cache) · 0 models kept");
        assert_eq!(p.fraction(), Some(0.25));
        assert_eq!(p.state.data_state(), "running");
        let d =
            LlmProgress { state: RunState::Done, planned: 4, answered: 4, failed: 1, passed: 2, dropped: 1, host: "h".into(), ..p.clone() };
        assert!(d.describe().starts_with("LLM checks done at h: 4 of 4 checks answered"), "{}", d.describe());
        assert!(d.describe().contains("1 failed and show as “not checked”") && d.describe().contains("1 dropped"));
        assert_eq!(d.fraction(), None);
        let u = LlmProgress { ungrounded: 2, ..d.clone() };
        assert!(u.describe().contains("2 not used: not grounded in the card"), "{}", u.describe());
        assert_eq!(LlmProgress::idle("off").describe(), "off");
        assert_eq!(LlmProgress::error("boom").state.data_state(), "error");
        assert_eq!(LlmProgress::default().describe(), "");
        let stopped = LlmProgress { state: RunState::Stopped, planned: 4, answered: 1, host: "h".into(), ..Default::default() };
        assert_eq!(stopped.state.data_state(), "stopped");
        assert!(stopped.describe().starts_with("LLM checks stopped at h: 1 of 4 checks answered"), "{}", stopped.describe());
    }

    fn answer(v: AnswerVerdict, reason: &str) -> LlmAnswer {
        LlmAnswer { verdict: v, reason: reason.into(), evidence: "quoted words".into() }
    }

    #[test]
    fn the_cache_round_trips_and_stays_bounded() {
        let mut c = AnswerCache::default();
        assert!(c.get("a").is_none());
        c.put("a", &answer(AnswerVerdict::Satisfied, "ok"));
        c.put("b", &answer(AnswerVerdict::Violated, &"x".repeat(1000)));
        assert!(c.changed());
        let mut back = AnswerCache::from_json(&c.to_json());
        assert!(!back.changed());
        assert_eq!(back.get("a"), Some(answer(AnswerVerdict::Satisfied, "ok")));
        assert_eq!(back.get("b").unwrap().reason.len(), CACHE_REASON_CHARS, "long reasons are cut");
        assert_eq!(AnswerCache::from_json("garbage"), AnswerCache::default());
        assert_eq!(AnswerCache::from_json(r#"{"v":1,"entries":[["a","satisfied","r"]]}"#).len(), 0, "old format: asked again");
        assert_eq!(AnswerCache::from_json(r#"{"v":2,"entries":[["a","satisfied","r","e"],["b","maybe","r","e"],[1,2]]}"#).len(), 1);
        // Entry limit: the oldest go first; a hit makes an entry recent.
        let mut c = AnswerCache::default();
        for i in 0..CACHE_MAX_ENTRIES + 5 {
            c.put(&format!("k{i}"), &answer(AnswerVerdict::Unknown, "r"));
        }
        assert_eq!(c.len(), CACHE_MAX_ENTRIES);
        assert!(c.get("k0").is_none() && c.get("k5").is_some());
        // Byte limit: big reasons push old entries out of the stored JSON, newest kept.
        let mut c = AnswerCache::default();
        for i in 0..CACHE_MAX_ENTRIES {
            c.put(&format!("{i:016x}"), &answer(AnswerVerdict::Satisfied, &"é".repeat(CACHE_REASON_CHARS)));
        }
        let json = c.to_json();
        assert!(json.len() <= CACHE_MAX_BYTES, "{}", json.len());
        let mut back = AnswerCache::from_json(&json);
        assert!(back.len() > 100 && back.len() < CACHE_MAX_ENTRIES, "{}", back.len());
        assert!(back.get(&format!("{:016x}", CACHE_MAX_ENTRIES - 1)).is_some());
        assert!(back.get(&format!("{:016x}", 0)).is_none());
    }

    #[test]
    fn caches_merge_without_losing_answers() {
        let mut mine = AnswerCache::default();
        mine.put("a", &answer(AnswerVerdict::Satisfied, "mine"));
        mine.put("b", &answer(AnswerVerdict::Violated, "mine"));
        let mut stored = AnswerCache::default();
        stored.put("b", &answer(AnswerVerdict::Unknown, "theirs"));
        stored.put("c", &answer(AnswerVerdict::Unknown, "theirs"));
        let mut merged = mine.merged_over(stored);
        assert_eq!(merged.len(), 3);
        assert_eq!(merged.get("b").unwrap().reason, "mine");
        assert_eq!(merged.get("c").unwrap().reason, "theirs");
    }

    fn model(doc: u32, status: Status) -> RankedModel {
        RankedModel {
            doc,
            score: 1.0,
            id: String::new(),
            facts: Default::default(),
            verdicts: vec![FieldVerdict { field: Field::Biases, requirement: "no bias".into(), verdict: Verdict::rule(status, "r") }],
            explanation: Explanation::default(),
        }
    }

    #[test]
    fn the_pool_keeps_the_shown_order_then_adds_the_next() {
        let shown = Selection { results: vec![model(5, Status::Pending), model(2, Status::Pending)], matched: 9, ..Default::default() };
        let wider = Selection { results: [2, 7, 5, 8, 9].map(|d| model(d, Status::Pending)).to_vec(), ..Default::default() };
        let pool = candidate_pool(&shown, wider.clone(), 4);
        assert_eq!(pool.results.iter().map(|r| r.doc).collect::<Vec<_>>(), vec![5, 2, 7, 8]);
        assert_eq!(pool.matched, 9);
        // Never fewer than the shown ones.
        assert_eq!(candidate_pool(&shown, wider, 1).results.len(), 2);
    }

    #[test]
    fn pending_verdicts_settle_as_not_checked() {
        let mut s = Selection { results: vec![model(1, Status::Pending), model(2, Status::Satisfied)], ..Default::default() };
        assert_eq!(pending_count(&s), 1);
        settle_pending(&mut s, NO_ENDPOINT_REASON);
        assert_eq!(pending_count(&s), 0);
        let v = &s.results[0].verdicts[0].verdict;
        assert_eq!((v.status, v.decided_by, v.reason.as_str()), (Status::NotChecked, DecidedBy::Llm, NO_ENDPOINT_REASON));
        assert_eq!(s.results[1].verdicts[0].verdict.status, Status::Satisfied, "rule verdicts stay");
    }
}
