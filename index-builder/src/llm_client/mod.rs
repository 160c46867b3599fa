//! Native transport for the engine's LLM checks (`ptmpicker::llm`): ureq over HTTP(S) to any
//! OpenAI-compatible endpoint, with timeouts, retries (backoff, `Retry-After`), the response-format
//! fallback chain, a concurrency limit, a disk cache and API-key redaction.
//!
//! All decisions (what to retry, how long to wait, when to fall back, how to read an answer, how
//! to merge it) are the engine's pure functions; this module only moves bytes, sleeps and stores
//! files, so the browser transport behaves the same.
//!
//! Secrets: the key comes from `PTMPICKER_LLM_API_KEY`, is sent only as `Authorization: Bearer …`
//! to the configured base URL (redirects are not followed, so it never goes anywhere else), and
//! every message that leaves this module (errors, logs) has it replaced by `[redacted]`.

pub mod cache;
pub mod cli;
pub mod client;
pub mod pool;
pub mod runner;

#[cfg(test)]
mod tests;

pub use cli::LlmArgs;
