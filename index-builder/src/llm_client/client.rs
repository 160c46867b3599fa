//! One endpoint, one [`LlmClient`]: POSTs chat-completion bodies over ureq. Everything else —
//! the base-URL check, redaction, fail-fast, the response-format fallback, the model list, the
//! time budget of reading an answer — is the engine's [`Session`], shared with the browser.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ptmpicker::llm::exchange::Next;
use ptmpicker::llm::policy::{Failure, RetryPolicy};
use ptmpicker::llm::request::{ChatRequest, ResponseMode};
use ptmpicker::llm::response::{Completion, LlmAnswer, LlmError, Usage, MAX_BODY_BYTES};
use ptmpicker::llm::session::{Endpoint, REDACTED};
use ptmpicker::llm::verdicts::PreparedCall;
use ptmpicker::llm::Session;

/// The environment variable holding the API key (optional: local servers need none).
pub const API_KEY_ENV: &str = "PTMPICKER_LLM_API_KEY";

/// An API key. `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Option<ApiKey> {
        let key = key.into().trim().to_string();
        (!key.is_empty()).then_some(ApiKey(key))
    }

    /// Reads [`API_KEY_ENV`]; unset or blank → `None`.
    pub fn from_env() -> Option<ApiKey> {
        std::env::var(API_KEY_ENV).ok().and_then(ApiKey::new)
    }

    fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl std::fmt::Display for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(REDACTED)
    }
}

#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Base URL up to the API version as given, e.g. `http://127.0.0.1:8090/v1` (checked by
    /// [`Endpoint::parse`]; `/chat/completions` and `/models` are appended).
    pub base_url: String,
    pub api_key: Option<ApiKey>,
    pub policy: RetryPolicy,
}

impl ClientConfig {
    pub fn new(base_url: impl Into<String>) -> ClientConfig {
        ClientConfig { base_url: base_url.into(), api_key: None, policy: RetryPolicy::default() }
    }
}

/// What one check cost and gave.
#[derive(Clone, Debug)]
pub struct CallReport {
    pub result: Result<LlmAnswer, LlmError>,
    /// HTTP attempts made (0 for a cache hit or a fail-fast).
    pub attempts: u32,
    /// The response format of the last attempt.
    pub mode: ResponseMode,
    pub elapsed: Duration,
    pub usage: Option<Usage>,
    pub from_cache: bool,
}

/// A client for one endpoint. Shareable across threads (the session is locked only between
/// HTTP exchanges).
pub struct LlmClient {
    agent: ureq::Agent,
    endpoint: Endpoint,
    key: Option<ApiKey>,
    session: Mutex<Session>,
    /// Milliseconds on this client's clock (for the session's time budget).
    clock: Instant,
}

/// What one HTTP exchange gave.
enum Exchange {
    Response { status: u16, retry_after: Option<String>, body: String },
    Failed(Failure, String),
}

impl LlmClient {
    pub fn new(config: ClientConfig) -> Result<LlmClient, LlmError> {
        let key = config.api_key.as_ref().map(ApiKey::expose);
        let session = Session::open(&config.base_url, key, config.policy.clone())?;
        let endpoint = session.endpoint().clone();
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_millis(config.policy.connect_timeout_ms)))
            .timeout_global(Some(Duration::from_millis(config.policy.request_timeout_ms)))
            .user_agent(concat!("ptmpicker-index-builder/", env!("CARGO_PKG_VERSION")));
        if endpoint.is_loopback() {
            builder = builder.proxy(None);
        }
        Ok(LlmClient { agent: builder.build().into(), endpoint, key: config.api_key, session: Mutex::new(session), clock: Instant::now() })
    }

    /// The checked base URL (it can hold no user name or password: [`Endpoint::parse`] refuses them).
    pub fn base_url_for_display(&self) -> String {
        self.endpoint.base().to_string()
    }

    /// The endpoint (its cache identity keys every cached answer).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The engine's settings for a verdict pass with `llm_model` on this endpoint.
    pub fn settings(&self, llm_model: &str) -> ptmpicker::llm::LlmSettings {
        self.session().settings(llm_model)
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The response format calls currently start with.
    pub fn mode(&self) -> ResponseMode {
        self.session().mode()
    }

    fn now_ms(&self) -> u64 {
        self.clock.elapsed().as_millis().min(u128::from(u64::MAX)) as u64
    }

    fn exchange(&self, url: &str, body: Option<&str>) -> Exchange {
        let result = match body {
            Some(b) => {
                let mut req = self.agent.post(url).header("Content-Type", "application/json").header("Accept", "application/json");
                if let Some(key) = &self.key {
                    req = req.header("Authorization", format!("Bearer {}", key.expose()));
                }
                req.send(b.as_bytes())
            }
            None => {
                let mut req = self.agent.get(url).header("Accept", "application/json");
                if let Some(key) = &self.key {
                    req = req.header("Authorization", format!("Bearer {}", key.expose()));
                }
                req.call()
            }
        };
        let mut response = match result {
            Ok(r) => r,
            Err(e) => return classify_error(&e),
        };
        let status = response.status().as_u16();
        let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_string);
        // One byte over the engine's cap, so an oversized body is refused by the engine with a
        // clear message (reading stops there; the global timeout covers the read).
        match response.body_mut().with_config().limit(MAX_BODY_BYTES as u64 + 1).read_to_string() {
            Ok(body) => Exchange::Response { status, retry_after, body },
            Err(ureq::Error::BodyExceedsLimit(_)) => Exchange::Response { status, retry_after, body: " ".repeat(MAX_BODY_BYTES + 1) },
            Err(e) => classify_error(&e),
        }
    }

    /// POSTs `request` with retries and format fallback (the engine's session and exchange
    /// decide); returns the redacted completion, the format that produced it, the attempts made
    /// and when the last attempt started (for the time budget).
    fn chat_timed(&self, request: &ChatRequest) -> (Result<Completion, LlmError>, ResponseMode, u32, u64) {
        // (The session is locked for this statement only: `mode()` below locks it again.)
        let begun = self.session().begin(request);
        let mut ex = match begun {
            Ok(ex) => ex,
            Err(down) => return (Err(down), self.mode(), 0, self.now_ms()),
        };
        let url = self.endpoint.chat_url();
        let (result, started) = loop {
            let body = ex.body();
            let started = self.now_ms();
            let next = match self.exchange(&url, Some(&body)) {
                Exchange::Response { status, retry_after, body } => ex.on_response(status, retry_after.as_deref(), &body, unix_now()),
                Exchange::Failed(failure, message) => ex.on_failure(failure, &message, unix_now()),
            };
            self.session().note_mode(ex.mode());
            match next {
                Next::Send => continue,
                Next::Wait { delay_ms } => std::thread::sleep(Duration::from_millis(delay_ms)),
                Next::Done(result) => break (result, started),
            }
        };
        let result = self.session().end(&ex, result);
        (result, ex.mode(), ex.attempts(), started)
    }

    /// [`LlmClient::chat_timed`] for prompts other than verdicts (extraction, synthesis).
    pub fn chat(&self, request: &ChatRequest) -> (Result<(Completion, ResponseMode), LlmError>, u32) {
        let (result, mode, attempts, _) = self.chat_timed(request);
        (result.map(|c| (c, mode)), attempts)
    }

    /// Runs one prepared verdict check over HTTP (no cache; see [`crate::llm_client::LlmRunner`]).
    pub fn check(&self, call: &PreparedCall) -> CallReport {
        let started = Instant::now();
        let (completion, mode, attempts, attempt_started) = self.chat_timed(&call.request);
        let usage = completion.as_ref().ok().and_then(|c| c.usage);
        let result = self.session().read_verdict(completion, mode, attempt_started, || self.now_ms());
        CallReport { result, attempts, mode, elapsed: started.elapsed(), usage, from_cache: false }
    }

    /// The first model id the endpoint lists (`GET {base}/models`), for a default `--llm-model`.
    pub fn first_model(&self) -> Result<String, LlmError> {
        let session = self.session().clone();
        match self.exchange(&self.endpoint.models_url(), None) {
            Exchange::Response { status, body, .. } => session.model_list(status, &body).map(|ids| ids[0].clone()),
            Exchange::Failed(failure, message) => {
                Err(session.failure(failure, &message, session.policy().request_timeout_ms.div_ceil(1000)))
            }
        }
    }
}

fn classify_error(e: &ureq::Error) -> Exchange {
    use std::io::ErrorKind;
    let failure = match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::Io(io) if matches!(io.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => Failure::Timeout,
        _ => Failure::Connect,
    };
    Exchange::Failed(failure, e.to_string())
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}
