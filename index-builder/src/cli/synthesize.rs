//! `index-builder synthesize`: judged search requests made by mutating model-populated instances
//! (paper §4.2), in the JSON Lines format `index-builder eval` reads.
//!
//! With `--llm-base-url` (and the other shared `--llm-*` flags), part of each request's `function`
//! (and `limitations`, when it has one) is masked and reworded by the LLM
//! (`prompts/synthesize_request.txt`, checks in [`crate::synth::infill`]). The LLM is asked the way
//! `extract` and `validate-requests` ask it: the same client (retries, format fallback, API-key
//! redaction), answer cache (`<llm-cache-dir>/answers`) and concurrency limit. If it is unreachable
//! or its answers fail the checks, the requests keep their rule-based form and the run still
//! succeeds; the summary says which ones and why.

use anyhow::anyhow;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Mutex, OnceLock};

use clap::Args;
use indicatif::ProgressBar;
use ptmpicker::llm::response::parse_request;
use ptmpicker::llm::PromptName;

use crate::catalog::read_catalog;
use crate::cli::build::progress;
use crate::cli::llm_extract::{Asker, CallCounts};
use crate::extract::extract;
use crate::io_util::{open_input, write_atomic, Result};
use crate::llm_client::client::{ClientConfig, LlmClient};
use crate::llm_client::LlmArgs;
use crate::synth::infill::{infill_requests, InfillFailure, InfillReport};
use crate::synth::{SynthOptions, SynthRequest, Synthesizer};

/// Answer tokens for one infill: the whole request object (11 fields, the masked one up to 150
/// characters) and `mutation_applied`.
const INFILL_MAX_TOKENS: u32 = 384;

/// Fields not infilled listed by id in the summary (the counts cover all).
const KEPT_LISTED: usize = 12;

#[derive(Args)]
#[command(after_help = "\
Each line: {\"id\", \"origin\", \"mutations\": [{field, kind, from, to, …}], \"request\": {template fields}, \
\"expected\": {\"task\": \"match\"|\"mismatch\", \"license\"|\"language\"|\"parameter_size\": \"satisfied\"|\"violated\"}, \
\"origin_satisfies\", \"satisfying\", \"judge\": {task_any, license_any, language_any, max_params, min_params, \
keywords_any, id_any}, \"constraints\": {license_any, max_params, min_params}}. The judge is checked \
against the catalog's raw facts, like `eval` and tests/eval/check_set.py do.

With --llm-base-url, requests whose function (or limitations) text the LLM reworded carry \
{\"field\": \"function\", \"kind\": \"infill\", \"from\", \"to\", \"masked\": <hidden words>, \"llm\": <what the LLM wrote \
in their place>} in \"mutations\"; the judge and expectations are unchanged. Requests whose infill failed keep \
their rule-based form (listed in the summary).")]
pub struct SynthesizeArgs {
    /// Catalog (JSON Lines or Hub API array).
    #[arg(long)]
    pub catalog: PathBuf,
    /// Where to write the requests (JSON Lines; replaced atomically).
    #[arg(long)]
    pub out: PathBuf,
    /// Requests per origin model (each a different mutation draw).
    #[arg(long, default_value_t = 1)]
    pub per_model: usize,
    /// Seed for every random choice; same seed + catalog → same file.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Total requests.
    #[arg(long, default_value_t = 500)]
    pub limit: usize,
    /// Keep a request only when at least this many catalog models fully satisfy its judge.
    #[arg(long, default_value_t = 3)]
    pub min_satisfying: usize,
    /// Most attributes mutated per request.
    #[arg(long, default_value_t = 3)]
    pub max_mutations: usize,
    /// Skip catalog models with fewer downloads (as origins and as satisfying models).
    #[arg(long, default_value_t = 0)]
    pub min_downloads: u64,
    // The LLM for mask-and-infill of function/limitations text (without --llm-base-url: rules only).
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// How the LLM pass went.
enum Infill {
    Off,
    /// The LLM could not be set up (e.g. its /models did not answer): rules only.
    Unavailable(String),
    Done(InfillReport, CallCounts),
}

/// Masks and infills `reqs` with the configured LLM. Only a malformed base URL is an error: an
/// endpoint that cannot be reached leaves the requests rule-based.
fn infill_with_llm(llm: &LlmArgs, seed: u64, reqs: &mut [SynthRequest]) -> Result<Infill> {
    let Some(base) = &llm.llm_base_url else { return Ok(Infill::Off) };
    LlmClient::new(ClientConfig::new(base.clone()))?;
    let asker = match Asker::from_args(llm, INFILL_MAX_TOKENS) {
        Ok(Some(asker)) => asker,
        Ok(None) => return Ok(Infill::Off),
        Err(e) => {
            eprintln!("synthesize: warning: no LLM ({e}); the requests stay rule-based");
            return Ok(Infill::Unavailable(format!("{e:#}")));
        }
    };
    let calls = Mutex::new(CallCounts::default());
    let bar: OnceLock<ProgressBar> = OnceLock::new();
    let report = infill_requests(
        reqs,
        seed,
        asker.concurrency,
        |n| {
            let _ = bar.set(progress(n as u64, "infill"));
        },
        |plan| {
            let asked = asker
                .prepare(PromptName::SynthesizeRequest, &[("seed_request", &plan.seed_request), ("mutation", &plan.mutation)], &plan.origin)
                .map(|(request, key)| {
                    asker.ask(
                        PromptName::SynthesizeRequest,
                        &request,
                        key,
                        &plan.origin,
                        &format!("{}\n{}", plan.seed_request, plan.mutation),
                    )
                });
            if let Some(bar) = bar.get() {
                bar.inc(1);
            }
            let asked = asked?;
            calls.lock().expect("lock").add(&asked);
            let (content, mode) = asked.result.map_err(|e| e.to_string())?;
            let answer = parse_request(&content, mode).map_err(|e| e.to_string())?;
            Ok(answer.request.get(plan.field).unwrap_or_default().to_string())
        },
    );
    if let Some(bar) = bar.get() {
        bar.finish_and_clear();
    }
    Ok(Infill::Done(report, calls.into_inner().expect("lock")))
}

fn print_infill(infill: &Infill, requests: usize) {
    match infill {
        Infill::Off => {}
        Infill::Unavailable(e) => println!("infill             not done, all {requests} requests rule-based: {e}"),
        Infill::Done(report, calls) => {
            println!(
                "infill             {} of {requests} requests reworded by the LLM ({} of {} masked fields); {} kept rule-based",
                report.requests_infilled, report.applied, report.asked, report.requests_rule_based
            );
            for (reason, n) in &report.reasons {
                println!("  {:<28} {n}", reason.describe());
            }
            if !report.kept.is_empty() {
                let listed: Vec<String> =
                    report.kept.iter().take(KEPT_LISTED).map(|k| format!("{} {} ({})", k.id, k.field, k.reason.describe())).collect();
                let more = report.kept.len().saturating_sub(KEPT_LISTED);
                println!(
                    "kept rule-based    {}{}",
                    listed.join(", "),
                    if more > 0 { format!(", … and {more} more") } else { String::new() }
                );
            }
            if let Some(k) = report.kept.iter().find(|k| k.reason == InfillFailure::LlmFailed) {
                println!("first llm error    {}: {}", k.id, k.detail);
            }
            println!("llm calls          {}", calls.line());
        }
    }
}

pub fn run(args: SynthesizeArgs) -> Result<ExitCode> {
    let input = open_input(&args.catalog)?;
    let (records, report) = read_catalog(input, args.min_downloads).map_err(|e| anyhow!("reading {}: {e}", args.catalog.display()))?;
    if records.is_empty() {
        return Err(anyhow!("no usable records in {} ({} read, {} skipped)", args.catalog.display(), report.read, report.skipped_total()));
    }
    let opts = SynthOptions {
        seed: args.seed,
        per_model: args.per_model.max(1),
        limit: args.limit,
        min_satisfying: args.min_satisfying.max(1),
        max_mutations: args.max_mutations.clamp(1, 4),
    };
    let synth = Synthesizer::new(&records, opts);
    let mut reqs: Vec<SynthRequest> = Vec::new();
    let report = synth.run(extract, |req| {
        reqs.push(req.clone());
        Ok(())
    })?;
    if report.requests == 0 {
        return Err(anyhow!("no requests could be made from {} ({} eligible origins)", args.catalog.display(), report.eligible_origins));
    }
    let infill = infill_with_llm(&args.llm, args.seed, &mut reqs)?;
    let mut buf: Vec<u8> = Vec::new();
    for req in &reqs {
        serde_json::to_writer(&mut buf, req)?;
        buf.write_all(b"\n")?;
    }
    write_atomic(&args.out, &buf)?;
    println!("catalog            {} ({} records)", args.catalog.display(), records.len());
    println!("requests           {} → {}", report.requests, args.out.display());
    println!("origins            {} used of {} eligible", report.origins, report.eligible_origins);
    println!(
        "origin satisfies   {} ({:.0}%); the rest expect a violation or a task mismatch",
        report.origin_satisfies,
        report.origin_satisfies as f64 * 100.0 / report.requests as f64
    );
    println!("tasks              {}", report.tasks.len());
    println!("satisfying models  min {} · median {} · max {}", report.satisfying_min, report.satisfying_median, report.satisfying_max);
    println!("redrawn            {} (fewer than {} satisfying models)", report.redrawn, args.min_satisfying);
    println!("mutations");
    for (k, n) in &report.mutations {
        println!("  {k:<28} {n}");
    }
    print_infill(&infill, report.requests);
    if report.requests < args.limit {
        println!("note: fewer than --limit {} requests: the catalog ran out of eligible origins", args.limit);
    }
    Ok(ExitCode::SUCCESS)
}
