//! One endpoint, one [`LlmClient`]: POSTs chat-completion bodies with retries and format fallback.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ptmpicker::llm::exchange::{CallExchange, Next};
use ptmpicker::llm::policy::{Failure, RetryPolicy};
use ptmpicker::llm::request::{ChatRequest, ResponseMode};
use ptmpicker::llm::response::{self, Completion, LlmAnswer, LlmError, Usage};
use ptmpicker::llm::verdicts::PreparedCall;

/// The environment variable holding the API key (optional: local servers need none).
pub const API_KEY_ENV: &str = "PTMPICKER_LLM_API_KEY";

const REDACTED: &str = "[redacted]";

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
    /// Base URL up to the API version, e.g. `http://127.0.0.1:8090/v1` (`/chat/completions` and
    /// `/models` are appended).
    pub base_url: String,
    pub api_key: Option<ApiKey>,
    pub policy: RetryPolicy,
    /// The first response format to try.
    pub start_mode: ResponseMode,
}

impl ClientConfig {
    pub fn new(base_url: impl Into<String>) -> ClientConfig {
        ClientConfig { base_url: base_url.into(), api_key: None, policy: RetryPolicy::default(), start_mode: ResponseMode::JsonSchema }
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

/// A client for one endpoint. Shareable across threads.
pub struct LlmClient {
    agent: ureq::Agent,
    base: String,
    key: Option<ApiKey>,
    policy: RetryPolicy,
    /// The response format that works (only ever moves down the fallback chain).
    mode: AtomicU8,
    /// Set when the endpoint is known to be unusable (unreachable, timing out, auth refused): the
    /// remaining calls fail fast with this error instead of each waiting out its retries.
    down: Mutex<Option<LlmError>>,
}

/// What one HTTP exchange gave.
enum Exchange {
    Response { status: u16, retry_after: Option<String>, body: String },
    Failed(Failure, String),
}

impl LlmClient {
    pub fn new(config: ClientConfig) -> Result<LlmClient, LlmError> {
        let base = config.base_url.trim().trim_end_matches('/').to_string();
        let lower = base.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) || base.len() <= "https://".len() {
            return Err(LlmError::Config {
                message: format!("the LLM base URL must start with http:// or https:// (got {:?})", strip_userinfo(&base)),
            });
        }
        let loopback = ["http://127.", "http://localhost", "http://[::1]", "https://127.", "https://localhost", "https://[::1]"]
            .iter()
            .any(|p| lower.starts_with(p));
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_millis(config.policy.connect_timeout_ms)))
            .timeout_global(Some(Duration::from_millis(config.policy.request_timeout_ms)))
            .user_agent(concat!("ptmpicker-index-builder/", env!("CARGO_PKG_VERSION")));
        if loopback {
            builder = builder.proxy(None);
        }
        Ok(LlmClient {
            agent: builder.build().into(),
            base,
            key: config.api_key,
            policy: config.policy,
            mode: AtomicU8::new(config.start_mode.code()),
            down: Mutex::new(None),
        })
    }

    /// The base URL without any `user:password@` part (safe to print).
    pub fn base_url_for_display(&self) -> String {
        self.redact(&strip_userinfo(&self.base))
    }

    /// The response format calls currently start with.
    pub fn mode(&self) -> ResponseMode {
        ResponseMode::from_code(self.mode.load(Ordering::Relaxed)).unwrap_or(ResponseMode::Plain)
    }

    /// Replaces the API key (and a URL's password) wherever it appears in `text`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        if let Some(key) = &self.key {
            if key.expose().len() >= 4 {
                out = out.replace(key.expose(), REDACTED);
            }
        }
        out
    }

    fn redact_error(&self, e: LlmError) -> LlmError {
        e.map_text(|s| self.redact(&s))
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
        match response.body_mut().with_config().limit(8 << 20).read_to_string() {
            Ok(body) => Exchange::Response { status, retry_after, body },
            Err(e) => classify_error(&e),
        }
    }

    /// POSTs `request` with retries and format fallback (the engine's [`CallExchange`] decides);
    /// returns the completion and the format that produced it, and the attempts made.
    pub fn chat(&self, request: &ChatRequest) -> (Result<(Completion, ResponseMode), LlmError>, u32) {
        if let Some(e) = self.down.lock().expect("lock").clone() {
            return (Err(e), 0);
        }
        let url = format!("{}/chat/completions", self.base);
        let mut ex = CallExchange::new(request, self.mode(), self.policy.clone());
        let result = loop {
            let body = ex.body();
            let next = match self.exchange(&url, Some(&body)) {
                Exchange::Response { status, retry_after, body } => ex.on_response(status, retry_after.as_deref(), &body, unix_now()),
                Exchange::Failed(failure, message) => ex.on_failure(failure, &message, unix_now()),
            };
            // Remember a fallback for later calls, never moving back up the chain.
            self.mode.fetch_max(ex.mode().code(), Ordering::Relaxed);
            match next {
                Next::Send => continue,
                Next::Wait { delay_ms } => std::thread::sleep(Duration::from_millis(delay_ms)),
                Next::Done(result) => break result.map(|c| (c, ex.mode())).map_err(|e| self.redact_error(e)),
            }
        };
        if let (Err(error), true) = (&result, ex.endpoint_unusable()) {
            let mut down = self.down.lock().expect("lock");
            if down.is_none() {
                *down = Some(fail_fast(error));
            }
        }
        (result, ex.attempts())
    }

    /// Runs one prepared verdict check over HTTP (no cache; see [`crate::llm_client::LlmRunner`]).
    pub fn check(&self, call: &PreparedCall) -> CallReport {
        let started = Instant::now();
        let (result, attempts) = self.chat(&call.request);
        let (result, mode, usage) = match result {
            Ok((completion, mode)) => {
                let parsed = response::parse_verdict(&completion.content, mode).map_err(|e| match e {
                    LlmError::NotJson { snippet, .. } => LlmError::NotJson { snippet, finish_reason: completion.finish_reason.clone() },
                    other => other,
                });
                (parsed.map_err(|e| self.redact_error(e)), mode, completion.usage)
            }
            Err(e) => (Err(e), self.mode(), None),
        };
        CallReport { result, attempts, mode, elapsed: started.elapsed(), usage, from_cache: false }
    }

    /// The first model id the endpoint lists (`GET {base}/models`), for a default `--llm-model`.
    pub fn first_model(&self) -> Result<String, LlmError> {
        let url = format!("{}/models", self.base);
        match self.exchange(&url, None) {
            Exchange::Response { status, body, .. } if (200..300).contains(&status) => {
                let v: serde_json::Value =
                    serde_json::from_str(&body).map_err(|e| LlmError::InvalidResponse { message: format!("/models is not JSON: {e}") })?;
                v.get("data")
                    .and_then(|d| d.as_array())
                    .and_then(|d| d.first())
                    .and_then(|m| m.get("id"))
                    .and_then(|id| id.as_str())
                    .map(str::to_string)
                    .ok_or_else(|| LlmError::InvalidResponse { message: "/models lists no model (data[0].id)".into() })
            }
            Exchange::Response { status, body, .. } => Err(self.redact_error(LlmError::from_status(status, &body))),
            Exchange::Failed(Failure::Timeout, _) => Err(LlmError::Timeout { seconds: self.policy.request_timeout_ms.div_ceil(1000) }),
            Exchange::Failed(_, message) => Err(self.redact_error(LlmError::Transport { message })),
        }
    }
}

fn fail_fast(e: &LlmError) -> LlmError {
    let note = " (an earlier call already failed this way; not retried)";
    match e {
        LlmError::Transport { message } => LlmError::Transport { message: format!("{message}{note}") },
        LlmError::Http { status, message } => LlmError::Http { status: *status, message: format!("{message}{note}") },
        other => other.clone(),
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

/// `https://user:pass@host/v1` → `https://host/v1`.
pub fn strip_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else { return url.to_string() };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..scheme_end + 3], &rest[at + 1..]),
        None => url.to_string(),
    }
}
