//! The LLM part of the engine: prompts, request bodies, response parsing, cache keys, the retry
//! policy and the merge of LLM answers into rule verdicts. Pure Rust with no IO: the native CLI
//! (`index-builder/src/llm_client`, ureq) and the browser app (fetch) are thin transports.
//!
//! A transport's whole job, for any OpenAI-compatible endpoint:
//!
//! ```text
//! let mut plan = LlmPlan::from_selection(&engine.index, &selection, &settings)?;
//! while !plan.is_done() {
//!     for call in plan.next_calls() {                      // PreparedCall { cache_key, request, .. }
//!         // cache hit?  -> plan.apply_answer(call.id, Ok(answer)); continue
//!         let mut ex = CallExchange::new(&call.request, ResponseMode::JsonSchema, policy.clone());
//!         let completion = loop {
//!             // POST {base}/chat/completions with ex.body(); then
//!             match ex.on_response(status, retry_after, &body, now_unix_secs) {   // or ex.on_failure(..)
//!                 Next::Send => continue,
//!                 Next::Wait { delay_ms } => { /* sleep */ continue }
//!                 Next::Done(result) => break result,      // Result<Completion, LlmError>
//!             }
//!         };
//!         let result = completion.and_then(|c| response::parse_verdict(&c.content, ex.mode()));
//!         plan.apply_answer(call.id, result);              // Result<LlmAnswer, LlmError>
//!     }
//! }
//! plan.apply_to_selection(&mut selection, top);            // merged verdicts, violations dropped
//! ```
//!
//! Module map: [`prompts`] (embedded `prompts/*.txt`, safe rendering), [`schema`] (answer schemas
//! and validator), [`request`] (request bodies and response modes), [`response`] (parsing and typed
//! errors), [`cache_key`] (FNV-1a keys), [`policy`] (retries, backoff, Retry-After, format
//! fallback), [`exchange`] (one call's retry/fallback state machine), [`verdicts`] (merge rules and
//! the candidate plan).

pub mod cache_key;
pub mod exchange;
pub mod policy;
pub mod prompts;
pub mod request;
pub mod response;
pub mod schema;
pub mod verdicts;

pub use cache_key::CacheKey;
pub use exchange::{CallExchange, Next};
pub use policy::{Decision, Failure, RetryPolicy};
pub use prompts::{PromptName, PromptTemplate};
pub use request::{ChatMessage, ChatRequest, GenerationParams, ResponseMode, Role};
pub use response::{AnswerVerdict, LlmAnswer, LlmError};
pub use verdicts::{merge_answer, needs_llm, CandidateInput, LlmPlan, LlmSettings, PreparedCall};
