//! One call's conversation with the endpoint, as a pure state machine: the transport sends
//! [`CallExchange::body`], reports what came back, and is told what to do next. Retries, backoff,
//! `Retry-After` and the response-format fallback chain are decided here, identically for the
//! native client and the browser.
//!
//! ```text
//! let mut ex = CallExchange::new(&call.request, start_mode, policy);
//! loop {
//!     let outcome = POST(ex.body());                       // transport-specific
//!     let next = match outcome {
//!         Ok((status, retry_after, body)) => ex.on_response(status, retry_after, &body, now),
//!         Err(TimedOut)                   => ex.on_failure(Failure::Timeout, "…", now),
//!         Err(other)                      => ex.on_failure(Failure::Connect, &msg, now),
//!     };
//!     match next {
//!         Next::Send => continue,                          // format fallback: resend at once
//!         Next::Wait { delay_ms } => sleep(delay_ms),      // then resend
//!         Next::Done(result) => break result,              // Result<Completion, LlmError>
//!     }
//! }
//! ```

use super::policy::{format_fallback, Decision, Failure, RetryPolicy};
use super::request::{ChatRequest, ResponseMode};
use super::response::{error_message, parse_completion, Completion, LlmError};

/// What the transport should do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Send [`CallExchange::body`] again now (the response format changed).
    Send,
    /// Wait, then send [`CallExchange::body`] again.
    Wait { delay_ms: u64 },
    /// Finished: the completion, or why there is none.
    Done(Result<Completion, LlmError>),
}

/// The state of one call.
#[derive(Clone, Debug)]
pub struct CallExchange<'a> {
    request: &'a ChatRequest,
    policy: RetryPolicy,
    mode: ResponseMode,
    /// HTTP attempts made (format fallbacks don't count).
    attempts: u32,
    timeouts: u32,
    /// The failure that ended the call, when it ended on a give-up (for circuit breakers).
    gave_up_on: Option<Failure>,
}

impl<'a> CallExchange<'a> {
    pub fn new(request: &'a ChatRequest, start_mode: ResponseMode, policy: RetryPolicy) -> CallExchange<'a> {
        CallExchange { request, policy, mode: start_mode, attempts: 0, timeouts: 0, gave_up_on: None }
    }

    /// The body to POST now (counts as an attempt).
    pub fn body(&mut self) -> String {
        self.attempts += 1;
        self.request.body_json(self.mode)
    }

    /// The response format of the current body.
    pub fn mode(&self) -> ResponseMode {
        self.mode
    }

    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Set when the call gave up after a failure (not on a parse error).
    pub fn gave_up_on(&self) -> Option<&Failure> {
        self.gave_up_on.as_ref()
    }

    /// Whether the endpoint looks unusable as a whole after this call (unreachable, timing out,
    /// auth refused, missing, broken): the remaining calls of a run may fail fast.
    pub fn endpoint_unusable(&self) -> bool {
        match &self.gave_up_on {
            Some(Failure::Connect | Failure::Timeout) => true,
            Some(Failure::Status(s)) => matches!(s, 401 | 403 | 404) || *s >= 500,
            None => false,
        }
    }

    /// A response arrived (any status).
    pub fn on_response(&mut self, status: u16, retry_after: Option<&str>, body: &str, now_unix_secs: u64) -> Next {
        if (200..300).contains(&status) {
            return Next::Done(parse_completion(body));
        }
        if let Some(next) = format_fallback(self.mode, status, body) {
            self.mode = next;
            self.attempts -= 1; // a format fallback is not a retry
            return Next::Send;
        }
        if self.mode == ResponseMode::Plain && format_fallback(ResponseMode::JsonObject, status, body).is_some() {
            self.gave_up_on = Some(Failure::Status(status));
            return Next::Done(Err(LlmError::FormatRejected { message: error_message(body) }));
        }
        self.decide(Failure::Status(status), retry_after, now_unix_secs, LlmError::from_status(status, body))
    }

    /// Nothing (complete) came back: `Failure::Connect` or `Failure::Timeout`.
    pub fn on_failure(&mut self, failure: Failure, message: &str, now_unix_secs: u64) -> Next {
        let error = match failure {
            Failure::Timeout => {
                self.timeouts += 1;
                LlmError::Timeout { seconds: self.policy.request_timeout_ms.div_ceil(1000) }
            }
            _ => LlmError::Transport { message: message.to_string() },
        };
        self.decide(failure, None, now_unix_secs, error)
    }

    fn decide(&mut self, failure: Failure, retry_after: Option<&str>, now: u64, error: LlmError) -> Next {
        match self.policy.decide(self.attempts, &failure, self.timeouts, retry_after, now) {
            Decision::RetryAfter { delay_ms } => Next::Wait { delay_ms },
            Decision::GiveUp { .. } => {
                self.gave_up_on = Some(failure);
                Next::Done(Err(error))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::request::{ChatMessage, GenerationParams, Role};
    use crate::llm::schema::verdict_schema;

    fn request() -> ChatRequest {
        ChatRequest {
            messages: vec![ChatMessage { role: Role::System, content: "s".into() }, ChatMessage { role: Role::User, content: "u".into() }],
            schema: verdict_schema(),
            params: GenerationParams::new("m"),
        }
    }

    const OK: &str = r#"{"choices": [{"message": {"content": "{\"reason\": \"r\", \"verdict\": \"unknown\"}"}}]}"#;

    #[test]
    fn success_on_first_attempt() {
        let r = request();
        let mut ex = CallExchange::new(&r, ResponseMode::JsonSchema, RetryPolicy::default());
        assert!(ex.body().contains("json_schema"));
        let Next::Done(Ok(c)) = ex.on_response(200, None, OK, 0) else { panic!() };
        assert!(c.content.contains("unknown"));
        assert_eq!(ex.attempts(), 1);
        assert!(!ex.endpoint_unusable());
    }

    #[test]
    fn format_fallbacks_resend_without_counting_as_retries() {
        let r = request();
        let mut ex = CallExchange::new(&r, ResponseMode::JsonSchema, RetryPolicy { max_attempts: 1, ..RetryPolicy::default() });
        ex.body();
        assert_eq!(ex.on_response(500, None, "response_format json_schema unsupported", 0), Next::Send);
        assert_eq!(ex.mode(), ResponseMode::JsonObject);
        assert!(ex.body().contains("json_object"));
        assert_eq!(ex.on_response(400, None, "bad response_format", 0), Next::Send);
        assert_eq!(ex.mode(), ResponseMode::Plain);
        assert!(!ex.body().contains("response_format"));
        assert_eq!(ex.attempts(), 1);
        let Next::Done(Err(e)) = ex.on_response(400, None, "response_format required", 0) else { panic!() };
        assert!(matches!(e, LlmError::FormatRejected { .. }), "{e}");
    }

    #[test]
    fn retries_wait_then_give_up_with_the_last_error() {
        let r = request();
        let p = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
        let mut ex = CallExchange::new(&r, ResponseMode::JsonSchema, p);
        ex.body();
        assert_eq!(ex.on_response(429, Some("2"), "slow down", 0), Next::Wait { delay_ms: 2000 });
        ex.body();
        assert_eq!(ex.on_failure(Failure::Connect, "refused", 0), Next::Wait { delay_ms: 1000 });
        ex.body();
        let Next::Done(Err(e)) = ex.on_response(503, None, r#"{"error": {"message": "busy"}}"#, 0) else { panic!() };
        assert_eq!(e, LlmError::Http { status: 503, message: "busy".into() });
        assert_eq!(ex.gave_up_on(), Some(&Failure::Status(503)));
        assert!(ex.endpoint_unusable());
    }

    #[test]
    fn timeouts_and_client_errors() {
        let r = request();
        let p = RetryPolicy { timeout_retries: 0, request_timeout_ms: 1500, ..RetryPolicy::default() };
        let mut ex = CallExchange::new(&r, ResponseMode::JsonSchema, p.clone());
        ex.body();
        assert_eq!(ex.on_failure(Failure::Timeout, "", 0), Next::Done(Err(LlmError::Timeout { seconds: 2 })));
        assert!(ex.endpoint_unusable());
        let mut ex = CallExchange::new(&r, ResponseMode::JsonSchema, p);
        ex.body();
        let Next::Done(Err(e)) = ex.on_response(400, None, "context length exceeded", 0) else { panic!() };
        assert!(matches!(e, LlmError::Http { status: 400, .. }));
        assert!(!ex.endpoint_unusable(), "a 400 is about this request, not the endpoint");
    }
}
