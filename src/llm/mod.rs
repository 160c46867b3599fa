//! The LLM part of the engine: prompts, request bodies, response parsing, cache keys, the retry
//! policy and the merge of LLM answers into rule verdicts. Pure Rust with no IO: the native CLI
//! (`index-builder/src/llm_client`, ureq) and the browser app (fetch) are thin transports.
//!
//! A transport's whole job, for any OpenAI-compatible endpoint (the rules — base-URL checks,
//! redaction, fail-fast, format fallback, cache keys, grounding — are all here):
//!
//! ```text
//! let mut session = Session::open(base_url_as_typed, api_key, policy)?;   // checked, redacting
//! let settings = LlmSettings { want, candidates, ..session.settings(&model) };   // keys by endpoint
//! let mut plan = LlmPlan::from_selection(&engine.index, &selection, &settings)?;
//! while !plan.is_done() {
//!     for call in plan.next_calls() {                      // PreparedCall { cache_key, request, .. }
//!         // cache hit?  -> plan.apply_answer(call.id, Ok(answer)); continue
//!         let mut ex = session.begin(&call.request)?;      // Err: the endpoint is down, fail fast
//!         let completion = loop {
//!             // POST session.endpoint().chat_url() with ex.body(); then
//!             match ex.on_response(status, retry_after, &body, now_unix_secs) {   // or ex.on_failure(..)
//!                 Next::Send => continue,
//!                 Next::Wait { delay_ms } => { /* sleep */ continue }
//!                 Next::Done(result) => break result,      // Result<Completion, LlmError>
//!             }
//!         };
//!         let completion = session.end(&ex, completion);   // redacted; remembers fallbacks, outages
//!         let answer = session.read_verdict(completion, ex.mode(), attempt_started_ms, now_ms);
//!         // cache the (redacted) answer, then:
//!         plan.apply_answer(call.id, answer);              // ungrounded answers become "not checked"
//!     }
//! }
//! plan.apply_to_selection(&mut selection, top);            // merged verdicts, violations dropped
//! ```
//!
//! Module map: [`prompts`] (embedded `prompts/*.txt`, safe rendering), [`schema`] (answer schemas
//! and validator), [`request`] (request bodies and response modes), [`response`] (bounded,
//! linear-time parsing and typed errors), [`cache_key`] (FNV-1a keys), [`policy`] (retries,
//! backoff, Retry-After, format fallback), [`exchange`] (one call's retry/fallback state machine),
//! [`session`] (endpoint, defaults, redaction, fail-fast, model list), [`grounding`] (an answer
//! counts only if it quotes the card), [`verdicts`] (merge rules and the candidate plan).

pub mod cache_key;
pub mod exchange;
pub mod grounding;
pub mod policy;
pub mod prompts;
pub mod request;
pub mod response;
pub mod schema;
pub mod session;
pub mod verdicts;

pub use cache_key::CacheKey;
pub use exchange::{CallExchange, Next};
pub use policy::{Decision, Failure, RetryPolicy};
pub use prompts::{PromptName, PromptTemplate};
pub use request::{ChatMessage, ChatRequest, GenerationParams, ResponseMode, Role};
pub use response::{AnswerVerdict, LlmAnswer, LlmError};
pub use session::{Endpoint, Redactor, Session};
pub use verdicts::{merge_answer, needs_llm, CandidateInput, LlmPlan, LlmSettings, PreparedCall};
