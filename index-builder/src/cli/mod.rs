//! The subcommands.

pub mod bench;
pub mod build;
pub mod crawl;
pub mod eval;
pub mod output;
pub mod search;
pub mod stats;
pub mod synthesize;
