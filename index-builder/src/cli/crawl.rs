//! `index-builder crawl`: Hub listing + model cards → a catalog JSONL that `build` reads.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::crawl::http::{Budget, HttpConfig};
use crate::crawl::{crawl, state::state_path, CrawlOptions};
use crate::io_util::Result;

#[derive(Args)]
#[command(after_help = "\
Resumable: progress is checkpointed to OUT.state (atomically). Interrupt the crawl at any moment \
(Ctrl-C, kill -9) and rerun the same command to finish it; every model ends up in OUT exactly once. \
When the crawl is complete the state file is kept, marked complete, so a rerun is a no-op.

Time: --max-minutes is a time budget: when it is used up the crawl stops cleanly (exit code 0, \
checkpoint kept, \"stopped\" in the summary) and the same command resumes it later. No request, \
backoff or Retry-After wait runs past it.

Retries: 429 waits for Retry-After (seconds or HTTP-date) and pauses all workers; 5xx, network \
errors, timeouts and listing pages that are not valid JSON are retried with exponential backoff \
(--max-retries). Waits the server asks for (Retry-After) share one allowance per run \
(--max-retry-after-minutes); a wait that does not fit in what is left stops the crawl at once with \
an error, checkpoint kept. A listing page that still fails stops the crawl with an error (rerun to \
resume); a card that still fails is written as `card: null` and counted under errors. A \
404/410/401/403 README means the model has no (readable) card.

Safety: next-page links are followed only on the endpoint's origin (scheme, host and port); a \
link elsewhere, a link back to a page already fetched, or a page that lists no model not already \
listed stops the crawl with an error (the models written so far are kept).

Incremental: --previous F (the catalog of an earlier crawl) fetches cards only for models that are \
new or whose sha / lastModified differs from F's; an unchanged model keeps F's card, with the \
listing's fresh downloads, likes, parameter count and gated status. A card that failed in F is \
fetched again. Models F has and the listing no longer does are dropped (reported). Write to a new \
--out; with --max-minutes the same command resumes next time until the crawl is complete.

HF_TOKEN, when set, is sent as `Authorization: Bearer …` to the endpoint's origin only (never to \
another origin, not even through a redirect) and never printed.")]
pub struct CrawlArgs {
    /// Hub base URL.
    #[arg(long, default_value = "https://huggingface.co")]
    pub endpoint: String,
    /// Output catalog (JSON Lines, one Hub-shaped record per model).
    #[arg(long)]
    pub out: PathBuf,
    /// Skip models with fewer downloads (the listing is sorted by downloads, so the crawl stops at
    /// the first model below this).
    #[arg(long, default_value_t = 0)]
    pub min_downloads: u64,
    /// Stop after this many models.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Only models with this pipeline tag (repeatable; one listing per tag).
    #[arg(long = "pipeline-tag", value_name = "TAG")]
    pub pipeline_tags: Vec<String>,
    /// Worker threads fetching model cards.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Requests per second over all workers (listing + cards + retries); 0 = unlimited.
    #[arg(long, default_value_t = 5.0)]
    pub rate_per_sec: f64,
    /// Models per listing page (`limit=` of /api/models).
    #[arg(long, default_value_t = 100)]
    pub page_size: u32,
    /// Per-request timeout in seconds (connect + headers + body).
    #[arg(long, default_value_t = 60.0)]
    pub timeout: f64,
    /// Retries for 5xx / network errors / timeouts / garbled pages (429 has its own budget of 30).
    #[arg(long, default_value_t = 6)]
    pub max_retries: u32,
    /// First retry delay in milliseconds (doubles each retry, up to 60 s, with jitter).
    #[arg(long, default_value_t = 1000)]
    pub backoff_ms: u64,
    /// Longest card kept, in bytes (longer READMEs are cut at a character boundary and counted).
    #[arg(long, default_value_t = 1 << 20)]
    pub max_card_bytes: u64,
    /// Time budget in minutes: stop cleanly when it is used up (rerun to resume). Default: none.
    #[arg(long, value_name = "MINUTES")]
    pub max_minutes: Option<f64>,
    /// Most minutes spent in total waiting because the server asked to (Retry-After), per run.
    #[arg(long, value_name = "MINUTES", default_value_t = 30.0)]
    pub max_retry_after_minutes: f64,
    /// Discard an existing OUT and OUT.state and start from scratch.
    #[arg(long)]
    pub restart: bool,
    /// The previous crawl's catalog (JSON Lines): cards of unchanged models are taken from it
    /// instead of fetched.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

pub fn run(args: CrawlArgs) -> Result<ExitCode> {
    ensure!(args.timeout > 0.0 && args.timeout.is_finite(), "--timeout must be a positive number of seconds");
    ensure!(args.rate_per_sec >= 0.0 && args.rate_per_sec.is_finite(), "--rate-per-sec must be ≥ 0");
    ensure!(args.page_size > 0 && args.concurrency > 0, "--page-size and --concurrency must be at least 1");
    for (flag, minutes) in [("--max-minutes", args.max_minutes), ("--max-retry-after-minutes", Some(args.max_retry_after_minutes))] {
        if let Some(m) = minutes {
            if !(m >= 0.0 && m.is_finite() && m < 1e9) {
                bail!("{flag} must be a number of minutes ≥ 0, got {m}");
            }
        }
    }
    let token = std::env::var("HF_TOKEN").ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let opts = CrawlOptions {
        endpoint: args.endpoint.clone(),
        out: args.out.clone(),
        min_downloads: args.min_downloads,
        limit: args.limit,
        pipeline_tags: args.pipeline_tags.clone(),
        concurrency: args.concurrency,
        page_size: args.page_size,
        max_card_bytes: args.max_card_bytes.max(1),
        http: HttpConfig {
            timeout: Duration::from_secs_f64(args.timeout),
            max_retries: args.max_retries,
            backoff: Duration::from_millis(args.backoff_ms),
            backoff_max: Duration::from_secs(60),
            rate_per_sec: args.rate_per_sec,
            token,
            time_budget: args.max_minutes.map(|minutes| Budget { minutes }),
            retry_after_allowance: Some(Budget { minutes: args.max_retry_after_minutes }),
        },
        restart: args.restart,
        checkpoint_every: Duration::from_secs(1),
        previous: args.previous.clone(),
    };
    let bar = match args.limit {
        Some(limit) => {
            let bar = ProgressBar::new(limit);
            bar.set_style(
                ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} models ({per_sec}, eta {eta})")
                    .expect("static template")
                    .progress_chars("=> "),
            );
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(ProgressStyle::with_template("{spinner} {msg} {pos} models ({per_sec}, {elapsed})").expect("static template"));
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        }
    };
    bar.set_message("crawling");
    let started = Instant::now();
    let result = crawl(&opts, &bar);
    bar.finish_and_clear();
    let summary = result?;
    let c = &summary.counters;
    if summary.already_complete {
        println!(
            "crawl of {} into {} is already complete ({} models); nothing to do. Pass --restart to crawl again.",
            args.endpoint,
            args.out.display(),
            summary.written
        );
        return Ok(ExitCode::SUCCESS);
    }
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    println!("endpoint        {}", args.endpoint);
    println!("output          {}{}", args.out.display(), if summary.resumed { " (resumed)" } else { "" });
    println!("models written  {} ({} this run)", summary.written, summary.added);
    println!("listed          {} (pages {}, filtered out by tag {}, invalid items {})", c.listed, c.pages, c.filtered, c.invalid_items);
    println!(
        "cards fetched   {}{}",
        c.cards_fetched,
        if c.cards_truncated > 0 { format!(" ({} truncated)", c.cards_truncated) } else { String::new() }
    );
    if let Some(n) = summary.previous_models {
        println!("cards reused    {} (unchanged since --previous, not fetched; it holds {n} models)", c.cards_reused);
    }
    println!("cards missing   {}", c.cards_missing);
    println!("errors          {}", c.errors);
    for e in &summary.card_errors {
        println!("  e.g. {e}");
    }
    if let Some(n) = summary.dropped {
        println!("dropped         {n} (in --previous, no longer listed)");
    }
    println!("retries         {}", c.retries);
    println!("time            {:.1} s", started.elapsed().as_secs_f64());
    match &summary.stopped {
        None => println!("state           {} (complete)", state_path(&args.out).display()),
        Some(why) => {
            println!("state           {} (incomplete: stopped, {why}; rerun the same command to resume)", state_path(&args.out).display());
            eprintln!("crawl stopped cleanly: {why}; rerun the same command to resume");
        }
    }
    Ok(ExitCode::SUCCESS)
}
