//! `index-builder synthesize`: judged search requests made by mutating model-populated instances
//! (paper §4.2), in the JSON Lines format `index-builder eval` reads.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::catalog::read_catalog;
use crate::extract::extract;
use crate::io_util::{open_input, write_atomic, Result};
use crate::synth::{SynthOptions, Synthesizer};

#[derive(Args)]
#[command(after_help = "\
Each line: {\"id\", \"origin\", \"mutations\": [{field, kind, from, to, …}], \"request\": {template fields}, \
\"expected\": {\"task\": \"match\"|\"mismatch\", \"license\"|\"language\"|\"parameter_size\": \"satisfied\"|\"violated\"}, \
\"origin_satisfies\", \"satisfying\", \"judge\": {task_any, license_any, language_any, max_params, min_params, \
keywords_any, id_any}, \"constraints\": {license_any, max_params, min_params}}. The judge is checked \
against the catalog's raw facts, like `eval` and tests/eval/check_set.py do.")]
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
}

pub fn run(args: SynthesizeArgs) -> Result<ExitCode> {
    let input = open_input(&args.catalog)?;
    let (records, report) = read_catalog(input, args.min_downloads).map_err(|e| format!("reading {}: {e}", args.catalog.display()))?;
    if records.is_empty() {
        return Err(format!("no usable records in {} ({} read, {} skipped)", args.catalog.display(), report.read, report.skipped_total()));
    }
    let opts = SynthOptions {
        seed: args.seed,
        per_model: args.per_model.max(1),
        limit: args.limit,
        min_satisfying: args.min_satisfying.max(1),
        max_mutations: args.max_mutations.clamp(1, 4),
    };
    let synth = Synthesizer::new(&records, opts);
    let mut buf: Vec<u8> = Vec::new();
    let report = synth.run(extract, |req| {
        serde_json::to_writer(&mut buf, req).map_err(|e| e.to_string())?;
        buf.write_all(b"\n").map_err(|e| e.to_string())
    })?;
    if report.requests == 0 {
        return Err(format!("no requests could be made from {} ({} eligible origins)", args.catalog.display(), report.eligible_origins));
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
    if report.requests < args.limit {
        println!("note: fewer than --limit {} requests: the catalog ran out of eligible origins", args.limit);
    }
    Ok(ExitCode::SUCCESS)
}
