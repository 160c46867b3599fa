//! One LLM session: the endpoint, its secrets, the defaults, and what the calls of one run learn
//! about the endpoint (the response format that works, whether it is down) — defined once here
//! and driven by both transports (the browser's `fetch` in `src/app/llm_run.rs`, the CLI's ureq
//! in `index-builder/src/llm_client`). A transport only moves bytes, sleeps and stores.
//!
//! Why in the engine: these rules decide what a user sees and what gets written (a key in a
//! cache file, a verdict from another server's cache). When each transport kept its own copy they
//! drifted apart; now a fix lands in both at once and is tested once.
//!
//! - [`Endpoint`]: the base URL, checked and normalized (`http(s)://host[:port][/path]`, no
//!   user name or password, query or fragment; a trailing `/chat/completions` or `/models` is
//!   dropped). Its [`Endpoint::cache_identity`] is part of every answer's cache key, so answers of
//!   one server are never served for another.
//! - [`Redactor`]: the API key and any URL user info, replaced by [`REDACTED`] in *everything*
//!   that comes back — error texts and successful answers alike — before anything is shown,
//!   cached or exported.
//! - [`Session`]: starts each call's [`CallExchange`], and after it ends redacts the result,
//!   remembers a response-format fallback for later calls, and fails the remaining calls fast once
//!   the endpoint proved unusable.
//! - [`parse_model_list`] (`GET {base}/models`) and [`probe_body`] ("Test connection").

use super::exchange::CallExchange;
use super::policy::{Failure, RetryPolicy};
use super::request::{ChatRequest, ResponseMode};
use super::response::{parse_verdict, Completion, LlmAnswer, LlmError};
use super::verdicts::LlmSettings;

/// Candidates checked by default (top N of the ranking), and the most allowed.
pub const DEFAULT_CANDIDATES: usize = 30;
pub const MAX_CANDIDATES: usize = 100;
/// Checks (HTTP requests) in flight at once: small local servers answer one at a time anyway.
pub const DEFAULT_CONCURRENCY: usize = 2;
/// Timeout of one HTTP request (the model's whole answer): a 1.5B model on a CPU needs seconds.
pub const DEFAULT_TIMEOUT_SECS: u64 = 120;
/// Worked examples sent with each prompt (each prompt file has 3).
pub const DEFAULT_EXAMPLES: usize = 3;
pub const MAX_EXAMPLES: usize = 3;
/// Timeout of `GET {base}/models`: a listing is quick or the server is not there.
pub const MODELS_TIMEOUT_SECS: u64 = 15;
/// Timeout of the "Test connection" chat request.
pub const PROBE_TIMEOUT_SECS: u64 = 60;

/// What replaces a secret in any text shown or stored.
pub const REDACTED: &str = "[redacted]";
/// Secrets shorter than this are not searched for: replacing them would mangle ordinary words.
const MIN_SECRET_CHARS: usize = 4;

/// A checked LLM base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
}

impl Endpoint {
    /// Checks and normalizes a base URL as typed. The error message never repeats a user name or
    /// password the text may contain.
    pub fn parse(text: &str) -> Result<Endpoint, LlmError> {
        let config = |message: &str| LlmError::Config { message: message.to_string() };
        let mut base = text.trim().trim_end_matches('/').to_string();
        for suffix in ["/chat/completions", "/models"] {
            if base.to_ascii_lowercase().ends_with(suffix) {
                base.truncate(base.len() - suffix.len());
            }
        }
        let base = base.trim_end_matches('/').to_string();
        let lower = base.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
            return Err(config("the base URL must start with http:// or https:// (for example http://127.0.0.1:8080/v1)"));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(config(
                "the base URL must not contain a user name or password (user:password@): give the key as the API key instead",
            ));
        }
        if authority.is_empty() {
            return Err(config("the base URL has no host"));
        }
        if rest.contains(['?', '#']) || base.chars().any(char::is_whitespace) {
            return Err(config("the base URL must not contain spaces, a query (?…) or a fragment (#…)"));
        }
        Ok(Endpoint { base })
    }

    /// The normalized base URL (`http://127.0.0.1:8080/v1`).
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn chat_url(&self) -> String {
        format!("{}/chat/completions", self.base)
    }

    pub fn models_url(&self) -> String {
        format!("{}/models", self.base)
    }

    /// The host (and port), for short labels.
    pub fn host(&self) -> &str {
        let rest = self.base.split_once("://").map_or(self.base.as_str(), |(_, r)| r);
        rest.split('/').next().unwrap_or(rest)
    }

    /// Whether the host is this machine (the CLI then bypasses proxies).
    pub fn is_loopback(&self) -> bool {
        let host = self.host().to_ascii_lowercase();
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")
    }

    /// What cached answers are keyed by: scheme and host lowercased, path as given.
    pub fn cache_identity(&self) -> String {
        let (scheme, rest) = self.base.split_once("://").unwrap_or(("", &self.base));
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        let path = if path.is_empty() { String::new() } else { format!("/{path}") };
        format!("{}://{}{path}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.base)
    }
}

/// Replaces secrets in text: the API key, and the user info of the base URL as typed (even
/// though [`Endpoint::parse`] refuses it, a typed URL may be echoed in a message).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

impl Redactor {
    /// `api_key` as configured (blank = none); `typed_base_url` as the user gave it.
    pub fn new(api_key: Option<&str>, typed_base_url: &str) -> Redactor {
        let mut secrets = Vec::new();
        if let Some(k) = api_key.map(str::trim) {
            secrets.push(k.to_string());
        }
        if let Some((_, rest)) = typed_base_url.trim().split_once("://") {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            if let Some((userinfo, _)) = authority.rsplit_once('@') {
                secrets.push(userinfo.to_string());
                // The password is the secret (a user name is not, and is often an ordinary word).
                if let Some((_, password)) = userinfo.split_once(':') {
                    secrets.push(password.to_string());
                }
            }
        }
        secrets.retain(|s| s.chars().count() >= MIN_SECRET_CHARS);
        // Longest first, so a secret containing another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets.dedup();
        Redactor { secrets }
    }

    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), REDACTED);
            }
        }
        out
    }

    pub fn error(&self, e: LlmError) -> LlmError {
        e.map_text(|s| self.redact(&s))
    }

    /// The completion with its content (and model name) redacted: an answer that echoes the key
    /// is cleaned before it is parsed, so no answer, cache entry, page or export can hold it.
    pub fn completion(&self, mut c: Completion) -> Completion {
        c.content = self.redact(&c.content);
        c.model = c.model.map(|m| self.redact(&m));
        c.finish_reason = c.finish_reason.map(|m| self.redact(&m));
        c
    }

    pub fn answer(&self, mut a: LlmAnswer) -> LlmAnswer {
        a.reason = self.redact(&a.reason);
        a.evidence = self.redact(&a.evidence);
        a
    }
}

/// The model ids a `GET {base}/models` answer lists (`{"data": [{"id": …}, …]}`).
pub fn parse_model_list(body: &str) -> Result<Vec<String>, LlmError> {
    if body.len() > super::response::MAX_BODY_BYTES {
        return Err(LlmError::TooLarge { what: "model list".into(), bytes: body.len(), limit: super::response::MAX_BODY_BYTES });
    }
    let v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| LlmError::InvalidResponse { message: format!("the /models answer is not JSON ({e})") })?;
    let ids: Vec<String> = v
        .get("data")
        .and_then(|d| d.as_array())
        .map(|d| d.iter().filter_map(|m| m.get("id").and_then(|id| id.as_str())).map(str::to_string).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(LlmError::InvalidResponse { message: "the /models answer lists no model (data[].id)".into() });
    }
    Ok(ids)
}

/// The body of the "Test connection" chat request (for endpoints without `/models`).
pub fn probe_body(model: &str) -> String {
    serde_json::json!({
        "model": model,
        "messages": [{"role": "user", "content": "Reply with the word OK."}],
        "max_tokens": 4,
        "temperature": 0,
        "stream": false,
    })
    .to_string()
}

/// The same error, marked as not retried because an earlier call showed the endpoint unusable.
pub fn fail_fast(e: &LlmError) -> LlmError {
    let note = " (an earlier check already failed this way; not retried)";
    match e {
        LlmError::Transport { message } => LlmError::Transport { message: format!("{message}{note}") },
        LlmError::Http { status, message } => LlmError::Http { status: *status, message: format!("{message}{note}") },
        other => other.clone(),
    }
}

/// The endpoint, its secrets and what a run's calls have learnt about it.
#[derive(Clone, Debug)]
pub struct Session {
    endpoint: Endpoint,
    redactor: Redactor,
    policy: RetryPolicy,
    /// The response format that works (only moves down the fallback chain).
    mode: ResponseMode,
    /// Set once the endpoint proved unusable: later calls fail at once with this error.
    down: Option<LlmError>,
}

impl Session {
    /// A session for the base URL as typed and the key (blank = none). The error is redacted.
    pub fn open(typed_base_url: &str, api_key: Option<&str>, policy: RetryPolicy) -> Result<Session, LlmError> {
        let redactor = Redactor::new(api_key, typed_base_url);
        let endpoint = Endpoint::parse(typed_base_url).map_err(|e| redactor.error(e))?;
        Ok(Session { endpoint, redactor, policy, mode: ResponseMode::JsonSchema, down: None })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The response format calls start with now.
    pub fn mode(&self) -> ResponseMode {
        self.mode
    }

    /// The engine's settings for a verdict pass with `llm_model` on this endpoint (the rest
    /// default; callers set `candidates`, `want`, `examples`).
    pub fn settings(&self, llm_model: &str) -> LlmSettings {
        LlmSettings { llm_model: llm_model.to_string(), endpoint: self.endpoint.cache_identity(), ..LlmSettings::default() }
    }

    /// Starts a call: its exchange, or at once the error that showed the endpoint unusable.
    pub fn begin<'a>(&self, request: &'a ChatRequest) -> Result<CallExchange<'a>, LlmError> {
        match &self.down {
            Some(e) => Err(e.clone()),
            None => Ok(CallExchange::new(request, self.mode, self.policy.clone())),
        }
    }

    /// After any answer of an exchange: a format fallback is kept for later calls.
    pub fn note_mode(&mut self, mode: ResponseMode) {
        self.mode = self.mode.max(mode);
    }

    /// The exchange is done (`Next::Done(result)`): the result redacted; an unusable endpoint is
    /// remembered so the remaining calls fail fast.
    pub fn end(&mut self, ex: &CallExchange<'_>, result: Result<Completion, LlmError>) -> Result<Completion, LlmError> {
        self.note_mode(ex.mode());
        let result = result.map(|c| self.redactor.completion(c)).map_err(|e| self.redactor.error(e));
        if let Err(e) = &result {
            if ex.endpoint_unusable() && self.down.is_none() {
                self.down = Some(fail_fast(e));
            }
        }
        result
    }

    /// A transport failure (nothing came back) as a redacted error, for calls outside an exchange
    /// (the model list, the connection test).
    pub fn failure(&self, failure: Failure, message: &str, timeout_secs: u64) -> LlmError {
        match failure {
            Failure::Timeout => LlmError::Timeout { seconds: timeout_secs },
            _ => LlmError::Transport { message: self.redactor.redact(message) },
        }
    }

    /// A `GET {base}/models` response as the model ids (redacted errors).
    pub fn model_list(&self, status: u16, body: &str) -> Result<Vec<String>, LlmError> {
        let result = if (200..300).contains(&status) { parse_model_list(body) } else { Err(LlmError::from_status(status, body)) };
        result.map_err(|e| self.redactor.error(e))
    }

    /// Reads the verdict of a finished call (see [`Session::end`]). The call's time budget
    /// covers the reading too: `attempt_started_ms` is when the last attempt was sent and `now_ms`
    /// the clock after reading (both from the transport's clock); past
    /// `policy.request_timeout_ms` the answer counts as timed out. Reading is linear in the
    /// (capped) answer, so this only fires on a machine that is far too slow anyway.
    pub fn read_verdict(
        &self,
        completion: Result<Completion, LlmError>,
        mode: ResponseMode,
        attempt_started_ms: u64,
        now_ms: impl Fn() -> u64,
    ) -> Result<LlmAnswer, LlmError> {
        let result = completion.and_then(|c| {
            parse_verdict(&c.content, mode).map_err(|e| match e {
                LlmError::NotJson { snippet, .. } => LlmError::NotJson { snippet, finish_reason: c.finish_reason.clone() },
                other => other,
            })
        });
        if now_ms().saturating_sub(attempt_started_ms) > self.policy.request_timeout_ms {
            return Err(LlmError::Timeout { seconds: self.policy.request_timeout_ms.div_ceil(1000) });
        }
        result.map(|a| self.redactor.answer(a)).map_err(|e| self.redactor.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::exchange::Next;
    use crate::llm::request::{ChatMessage, GenerationParams, Role};
    use crate::llm::schema::verdict_schema;

    #[test]
    fn base_urls_are_checked_and_normalized() {
        let ok = |t: &str| Endpoint::parse(t).unwrap().base().to_string();
        assert_eq!(ok(" http://127.0.0.1:8080/v1/ "), "http://127.0.0.1:8080/v1");
        assert_eq!(ok("https://api.openai.com/v1/chat/completions"), "https://api.openai.com/v1");
        assert_eq!(ok("HTTP://localhost:11434/v1/models"), "HTTP://localhost:11434/v1");
        for bad in ["", "127.0.0.1:8080", "ftp://x/v1", "http://", "http:///v1", "http://h/v1?key=1", "http://h/v1#x", "http://h /v1"] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
        let e = Endpoint::parse("http://127.0.0.1:8080/v1").unwrap();
        assert_eq!((e.host(), e.chat_url().as_str()), ("127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"));
        assert!(e.is_loopback());
        assert_eq!(e.models_url(), "http://127.0.0.1:8080/v1/models");
        assert_eq!(Endpoint::parse("HTTP://LocalHost:1/V1").unwrap().cache_identity(), "http://localhost:1/V1");
        assert_ne!(Endpoint::parse("http://a:1/v1").unwrap().cache_identity(), Endpoint::parse("http://a:2/v1").unwrap().cache_identity());
    }

    #[test]
    fn user_info_is_refused_without_being_repeated() {
        let e = Session::open("http://user:hunter2secret@host/v1", None, RetryPolicy::default()).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("user name or password"), "{text}");
        assert!(!text.contains("hunter2secret"), "{text}");
        let r = Redactor::new(Some("sk-abcdef"), "http://alice:hunter2secret@host/v1");
        assert_eq!(r.redact("GET http://alice:hunter2secret@host with sk-abcdef"), "GET http://[redacted]@host with [redacted]");
        assert_eq!(r.redact("pw hunter2secret, user alice"), "pw [redacted], user alice");
        assert_eq!(Redactor::new(Some("abc"), "").redact("abc"), "abc", "too short to search for");
    }

    proptest::proptest! {
        /// Whatever surrounds or repeats it (overlapping copies, halves, the marker itself), a key
        /// never survives redaction.
        #[test]
        fn no_key_survives_redaction(
            key in "[A-Za-z0-9_-]{4,24}",
            pieces in proptest::collection::vec(0usize..5, 0..40),
        ) {
            let half = &key[..key.len() / 2];
            let text: String = pieces
                .iter()
                .map(|p| match p {
                    0 => key.as_str(),
                    1 => half,
                    2 => REDACTED,
                    3 => " ",
                    _ => "x",
                })
                .collect();
            let out = Redactor::new(Some(&key), "http://h/v1").redact(&text);
            let inside_marker = REDACTED.contains(key.as_str());
            proptest::prop_assert!(inside_marker || !out.contains(key.as_str()), "{} in {}", key, out);
        }
    }

    #[test]
    fn the_model_list_is_read_and_errors_are_redacted() {
        assert_eq!(parse_model_list(r#"{"object":"list","data":[{"id":"smollm2"},{"id":"b"}]}"#).unwrap(), vec!["smollm2", "b"]);
        assert!(parse_model_list(r#"{"data":[]}"#).is_err());
        assert!(parse_model_list("<html>").is_err());
        let s = Session::open("http://h/v1", Some("sk-abcdef"), RetryPolicy::default()).unwrap();
        let e = s.model_list(401, r#"{"error": "bad key sk-abcdef"}"#).unwrap_err();
        assert_eq!(e.to_string(), "LLM endpoint answered HTTP 401: bad key [redacted]");
        assert!(s.failure(Failure::Connect, "refused sk-abcdef", 5).to_string().contains("[redacted]"));
        assert_eq!(s.failure(Failure::Timeout, "", 5), LlmError::Timeout { seconds: 5 });
    }

    fn request() -> ChatRequest {
        ChatRequest {
            messages: vec![ChatMessage { role: Role::User, content: "u".into() }],
            schema: verdict_schema(),
            params: GenerationParams::new("m"),
        }
    }

    fn ok_body(content: &str) -> String {
        serde_json::json!({"choices": [{"message": {"content": content}}]}).to_string()
    }

    #[test]
    fn a_successful_answer_that_echoes_the_key_is_redacted() {
        let mut s = Session::open("http://h/v1", Some("sk-TOPSECRET-1"), RetryPolicy::default()).unwrap();
        let r = request();
        let mut ex = s.begin(&r).unwrap();
        ex.body();
        let content = r#"{"reason": "key sk-TOPSECRET-1 seen", "evidence": "sk-TOPSECRET-1 here", "verdict": "satisfied"}"#;
        let Next::Done(result) = ex.on_response(200, None, &ok_body(content), 0) else { panic!() };
        let done = s.end(&ex, result);
        assert!(!done.as_ref().unwrap().content.contains("TOPSECRET"));
        let a = s.read_verdict(done, ex.mode(), 0, || 0).unwrap();
        assert_eq!((a.reason.as_str(), a.evidence.as_str()), ("key [redacted] seen", "[redacted] here"));
    }

    #[test]
    fn an_unusable_endpoint_fails_the_next_calls_fast_and_fallbacks_are_kept() {
        let policy = RetryPolicy { max_attempts: 1, ..RetryPolicy::default() };
        let mut s = Session::open("http://h/v1", Some("sk-abcdef"), policy).unwrap();
        let r = request();
        let mut ex = s.begin(&r).unwrap();
        ex.body();
        assert_eq!(ex.on_response(400, None, "json_schema unsupported", 0), Next::Send);
        s.note_mode(ex.mode());
        assert_eq!(s.mode(), ResponseMode::JsonObject);
        ex.body();
        let Next::Done(result) = ex.on_response(401, None, "bad key sk-abcdef", 0) else { panic!() };
        let e = s.end(&ex, result).unwrap_err();
        assert!(e.to_string().contains("[redacted]"), "{e}");
        let again = s.begin(&r).unwrap_err();
        assert!(again.to_string().contains("not retried") && !again.to_string().contains("sk-abcdef"), "{again}");
        // A later session starts in the remembered format.
        assert_eq!(s.mode(), ResponseMode::JsonObject);
    }

    #[test]
    fn the_time_budget_covers_reading_the_answer() {
        let policy = RetryPolicy { request_timeout_ms: 1000, ..RetryPolicy::default() };
        let s = Session::open("http://h/v1", None, policy).unwrap();
        let c = Completion {
            content: r#"{"reason": "r", "evidence": "", "verdict": "unknown"}"#.into(),
            finish_reason: None,
            model: None,
            usage: None,
        };
        assert!(s.read_verdict(Ok(c.clone()), ResponseMode::JsonSchema, 5_000, || 5_900).is_ok());
        assert_eq!(s.read_verdict(Ok(c), ResponseMode::JsonSchema, 5_000, || 6_001), Err(LlmError::Timeout { seconds: 1 }));
    }

    #[test]
    fn settings_carry_the_endpoint_for_cache_keys() {
        let s = Session::open("http://H:1/v1/", None, RetryPolicy::default()).unwrap();
        let settings = s.settings("m");
        assert_eq!((settings.endpoint.as_str(), settings.llm_model.as_str()), ("http://h:1/v1", "m"));
        assert!(probe_body("m").contains("\"model\":\"m\""));
    }
}
