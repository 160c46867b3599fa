//! Native transport for the engine's LLM checks (`ptmpicker::llm`): ureq over HTTP(S) to any
//! OpenAI-compatible endpoint, with a concurrency limit and a disk cache.
//!
//! All decisions (the base-URL check, what to retry, how long to wait, when to fall back, when the
//! endpoint is down, how to read an answer and whether it is grounded, how to merge it, what to
//! redact, how answers are keyed) are the engine's (`ptmpicker::llm::session` and friends); this
//! module only moves bytes, sleeps and stores files, so the browser transport behaves the same.
//!
//! Secrets: the key comes from `PTMPICKER_LLM_API_KEY`, is sent only as `Authorization: Bearer …`
//! to the configured base URL (redirects are not followed, so it never goes anywhere else); a base
//! URL with a user name or password is refused; and every text that comes back — errors and
//! successful answers alike — is redacted by the engine before it is printed or cached.

pub mod cache;
pub mod cli;
pub mod client;
pub mod pool;
pub mod runner;

#[cfg(test)]
mod tests;

pub use cli::LlmArgs;
