//! `index-builder`: turns Hub metadata into PTMPicker's index, and searches / evaluates it.
//!
//! Data flows: catalog file → [`catalog`] (records, skips reported) → [`extract`] (template
//! instances) → `ptmpicker::index::IndexWriter` → `public/index.bin`. `search` and `eval` load that
//! file with the same decoder the web app uses.

mod catalog;
mod cli;
mod crawl;
mod eval;
mod extract;
mod io_util;
mod llm_client;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: extraction and indexing allocate many small strings
/// on every thread, and glibc's malloc/free were about a tenth of a build's CPU time. It changes
/// no output, only how fast memory is handed out.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "index-builder", version, about = "Build, search and evaluate PTMPicker indexes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an index from a catalog (JSON Lines or a Hub API JSON array).
    Build(cli::build::BuildArgs),
    /// Rank models for requests; prints one JSON line per request.
    Search(cli::search::SearchArgs),
    /// Read free-text descriptions into request fields (rules, completed by an LLM with
    /// --llm-base-url); prints request lines that `search --requests -` reads.
    Fill(cli::fill::FillArgs),
    /// Score judged requests: hit@k, MRR@10, violations, against two baselines.
    Eval(cli::eval::EvalArgs),
    /// Crawl the Hub (model listing + cards) into a catalog JSONL; resumable.
    Crawl(cli::crawl::CrawlArgs),
    /// RQ2: per-attribute documentation coverage and downloads with vs without (table + JSON).
    Stats(cli::stats::StatsArgs),
    /// Judged search requests made by mutating model instances (paper §4.2), for `eval`.
    Synthesize(cli::synthesize::SynthesizeArgs),
    /// Benchmark on a real catalog: build time, index size, decode time, query latency, memory.
    Bench(cli::bench::BenchArgs),
    /// Benchmark: build an index from a large generated catalog; time, peak RSS, index size.
    BenchSynthetic(synth::bench::BenchArgs),
    /// Extract template instances, with an optional LLM pass over cards (deterministic wins).
    Extract(cli::llm_extract::ExtractArgs),
    /// Score extraction against hand-labelled cards: per-fact accuracy, false fills, worst misses.
    ExtractEval(cli::extract_eval::ExtractEvalArgs),
    /// Ask the LLM whether synthesized requests are realistic and apply their mutation.
    ValidateRequests(cli::validate_requests::ValidateRequestsArgs),
}

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cli::build::run(args),
        Command::Search(args) => cli::search::run(args),
        Command::Fill(args) => cli::fill::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::Crawl(args) => cli::crawl::run(args),
        Command::Stats(args) => cli::stats::run(args),
        Command::ExtractEval(args) => cli::extract_eval::run(args),
        Command::Synthesize(args) => cli::synthesize::run(args),
        Command::BenchSynthetic(args) => synth::bench::run(args),
        Command::Extract(args) => cli::llm_extract::run(args),
        Command::ValidateRequests(args) => cli::validate_requests::run(args),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`… | head -1`): the pipeline is done, quietly.
        Err(e) if io_util::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `println!` into a closed pipe panics in Rust (SIGPIPE is ignored, the write fails). Like
/// ripgrep, end quietly with exit code 0 instead: the reader has all it wanted.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if message.is_some_and(io_util::is_broken_pipe_panic) {
            std::process::exit(0);
        }
        default(info)
    }));
}
