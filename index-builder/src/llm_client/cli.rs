//! The `--llm-*` flags of `search` (flattened into its arguments) and the runner they build.

use std::path::PathBuf;

use clap::Args;
use ptmpicker::llm::policy::RetryPolicy;
use ptmpicker::llm::session::{DEFAULT_CANDIDATES, DEFAULT_CONCURRENCY, DEFAULT_EXAMPLES, DEFAULT_TIMEOUT_SECS};
use ptmpicker::llm::verdicts::LlmSettings;

use super::cache::DiskCache;
use super::client::{ApiKey, ClientConfig, LlmClient, API_KEY_ENV};
use super::runner::LlmRunner;

#[derive(Args, Clone, Debug, Default)]
pub struct LlmArgs {
    /// OpenAI-compatible endpoint for the LLM checks, up to the version (e.g. http://127.0.0.1:8090/v1).
    /// Without it, requirements only an LLM can judge stay "pending". The API key, if the endpoint
    /// needs one, is read from PTMPICKER_LLM_API_KEY.
    #[arg(long, value_name = "URL")]
    pub llm_base_url: Option<String>,
    /// Model name to ask the endpoint for (default: the first one its /models lists). Part of every
    /// cache key.
    #[arg(long, value_name = "NAME", requires = "llm_base_url")]
    pub llm_model: Option<String>,
    /// Check at most this many ranked candidates, stopping once --top of them pass.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CANDIDATES)]
    pub llm_candidates: usize,
    /// Where LLM answers are cached (one JSON file per answer, keyed by endpoint, model, prompt
    /// and input; secrets are redacted before anything is written).
    #[arg(long, value_name = "DIR", default_value = ".ptmpicker-cache/llm")]
    pub llm_cache_dir: PathBuf,
    /// Do not read or write the cache.
    #[arg(long)]
    pub llm_no_cache: bool,
    /// Timeout of one HTTP request to the endpoint, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub llm_timeout_secs: u64,
    /// HTTP requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY)]
    pub llm_concurrency: usize,
    /// HTTP attempts per check (1 = no retries).
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub llm_max_attempts: u32,
    /// Worked examples sent with each prompt (0-3; fewer = faster on small CPU models).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_EXAMPLES)]
    pub llm_examples: usize,
}

impl LlmArgs {
    /// The runner, when `--llm-base-url` is given.
    pub fn runner(&self) -> Result<Option<LlmRunner>, String> {
        let Some(base) = &self.llm_base_url else { return Ok(None) };
        let policy = RetryPolicy {
            max_attempts: self.llm_max_attempts.max(1),
            request_timeout_ms: self.llm_timeout_secs.max(1).saturating_mul(1000),
            connect_timeout_ms: self.llm_timeout_secs.clamp(1, 10).saturating_mul(1000),
            ..RetryPolicy::default()
        };
        let config = ClientConfig { api_key: ApiKey::from_env(), policy, ..ClientConfig::new(base.clone()) };
        let client = LlmClient::new(config).map_err(|e| e.to_string())?;
        let model = match &self.llm_model {
            Some(m) if !m.trim().is_empty() => m.trim().to_string(),
            _ => client.first_model().map_err(|e| format!("{e}; give --llm-model NAME"))?,
        };
        let cache = if self.llm_no_cache {
            None
        } else {
            Some(
                DiskCache::open(&self.llm_cache_dir)
                    .map_err(|e| format!("cannot open the LLM cache {}: {e}", self.llm_cache_dir.display()))?,
            )
        };
        let key_note = if ApiKey::from_env().is_some() { format!(", key from {API_KEY_ENV}") } else { String::new() };
        eprintln!(
            "llm: endpoint {} model {model} (up to {} candidates, {} in flight, timeout {} s{key_note}; cache {})",
            client.base_url_for_display(),
            self.llm_candidates,
            self.llm_concurrency.max(1),
            self.llm_timeout_secs,
            cache.as_ref().map_or("off".to_string(), |c| c.dir().display().to_string())
        );
        let settings = LlmSettings { candidates: self.llm_candidates, examples: self.llm_examples, ..client.settings(&model) };
        Ok(Some(LlmRunner::new(client, cache, self.llm_concurrency, settings)))
    }
}
