//! The subcommands.

pub mod bench;
pub mod build;
pub mod crawl;
pub mod eval;
pub mod extract_eval;
pub mod fill;
pub mod llm_extract;
pub mod output;
pub mod pipeline;
pub mod search;
pub mod self_check;
pub mod shard_files;
pub mod stats;
pub mod synthesize;
pub mod timings;
pub mod validate_requests;
