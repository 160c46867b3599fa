//! `index-builder eval`: hit@1/3/5/10, MRR@10 and the share of top-10 results that break a stated
//! constraint, for the engine and two baselines, in one run over the same catalog. When the set's
//! lines carry a `style` (how the request is written), the same metrics follow per style.

use anyhow::anyhow;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ptmpicker::analysis::Analyzer;
use serde::Deserialize;

use super::search::{load_engine, parse_request_line};
use crate::catalog::read_catalog;
use crate::eval::baselines::{hub_way, PlainBm25};
use crate::eval::judge::{Constraints, Judge};
use crate::eval::metrics::{Metrics, MetricsBuilder};
use crate::eval::styles::{style_table, StyleBreakdown};
use crate::io_util::{open_input, write_atomic, Result};

#[derive(Args)]
pub struct EvalArgs {
    /// Index file written by `build`.
    #[arg(long, default_value = "public/index.bin")]
    pub index: PathBuf,
    /// Judged requests (JSON Lines with `request`, `judge`, optional `constraints`).
    #[arg(long)]
    pub requests: PathBuf,
    /// Catalog the index was built from (default: the path recorded in the index).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Write the metrics as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Print each request's first suitable rank per system.
    #[arg(long)]
    pub details: bool,
    /// Override a ranking parameter, e.g. `--param task_bonus=6` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Extra {
    #[serde(default)]
    judge: Judge,
    #[serde(default)]
    constraints: Constraints,
    /// How the request is written (`terse`, `plain`, `form`, `constraint`, `paper`); absent in
    /// older sets. Other analysis tags on the line (`lang`, `typo`, `misleading`) are ignored here.
    #[serde(default)]
    style: Option<String>,
}

const SYSTEMS: [&str; 3] = ["ptmpicker", "hub: task filter + downloads", "plain BM25 on card text"];

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let mut engine = load_engine(&args.index, &args.params)?;
    // The index records only the catalog's name (never a path): without --catalog, look for that
    // name beside the index, then in the working directory.
    let catalog = match args.catalog.clone() {
        Some(c) => c,
        None => {
            let name = engine.index.meta.catalog().to_string();
            let beside = args.index.parent().map(|dir| dir.join(&name));
            beside.filter(|p| p.is_file()).or_else(|| Some(PathBuf::from(&name)).filter(|p| p.is_file())).ok_or_else(|| {
                anyhow!("give --catalog: the index was built from {name:?}, which is neither beside the index nor in this directory")
            })?
        }
    };
    let (records, _) = read_catalog(open_input(&catalog)?, 0).map_err(|e| anyhow!("reading {}: {e}", catalog.display()))?;
    let by_id: HashMap<String, usize> = records.iter().enumerate().map(|(i, r)| (r.id.to_lowercase(), i)).collect();
    let analyzer = Analyzer::new();
    let bm25 = PlainBm25::build(&records, &analyzer);

    let mut builders: [MetricsBuilder; 3] = Default::default();
    let mut by_style = StyleBreakdown::new(SYSTEMS.len());
    let mut details = Vec::new();
    for (number, line) in open_input(&args.requests)?.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let req = parse_request_line(&line, &format!("line-{}", number + 1))
            .map_err(|e| anyhow!("{}: line {}: {e}", args.requests.display(), number + 1))?;
        let extra: Extra = serde_json::from_value(req.extra.clone())
            .map_err(|e| anyhow!("{}: line {}: judge: {e}", args.requests.display(), number + 1))?;
        let engine_ids: Vec<usize> =
            engine.select(&req.request, 10).results.iter().filter_map(|r| by_id.get(&r.id.to_lowercase()).copied()).collect();
        let runs = [engine_ids, hub_way(&records, &analyzer, &req.request, 10), bm25.search(&analyzer, &req.request, 10)];
        let mut firsts = Vec::new();
        for (s, ids) in runs.iter().enumerate() {
            let suitable: Vec<bool> = ids.iter().map(|&i| extra.judge.satisfied_by(&records[i])).collect();
            let violating: Vec<bool> = ids.iter().map(|&i| extra.constraints.violated_by(&records[i])).collect();
            builders[s].add(&suitable, &violating);
            by_style.add(extra.style.as_deref(), s, &suitable, &violating);
            firsts.push(suitable.iter().position(|&x| x).map(|r| r + 1));
        }
        if args.details {
            let top = runs[0].first().map(|&i| records[i].id.as_str()).unwrap_or("-");
            details.push(format!("{:<40} {:>6} {:>6} {:>6}   top: {top}", req.id, show(firsts[0]), show(firsts[1]), show(firsts[2])));
            for &i in runs[0].iter().filter(|&&i| extra.constraints.violated_by(&records[i])) {
                let r = &records[i];
                details.push(format!("    violates: {} (license {:?}, params {:?})", r.id, r.license, r.params));
            }
        }
    }
    let metrics: Vec<Metrics> = builders.iter().map(MetricsBuilder::finish).collect();
    if args.details {
        println!("{:<40} {:>6} {:>6} {:>6}", "request (first suitable rank)", "ours", "hub", "bm25");
        for d in &details {
            println!("{d}");
        }
        println!();
    }
    println!("{}", table(&metrics));
    let style_rows = by_style.finish();
    if !style_rows.is_empty() {
        println!("by style (how the request is written):\n\n{}", style_table(&style_rows, &SYSTEMS));
    }
    if let Some(path) = &args.json {
        let mut json = per_system(&metrics);
        if !style_rows.is_empty() {
            let styles: serde_json::Map<_, _> = style_rows.iter().map(|row| (row.style.clone(), per_system(&row.metrics).into())).collect();
            json.insert("by_style".into(), styles.into());
        }
        write_atomic(path, serde_json::to_string_pretty(&json)?.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `{system name: metrics}` for the JSON output.
fn per_system(metrics: &[Metrics]) -> serde_json::Map<String, serde_json::Value> {
    SYSTEMS.iter().zip(metrics).map(|(s, m)| (s.to_string(), serde_json::to_value(m).expect("plain struct"))).collect()
}

fn show(rank: Option<usize>) -> String {
    rank.map(|r| r.to_string()).unwrap_or_else(|| "-".into())
}

/// A Markdown table (pasted into the README as is).
pub fn table(metrics: &[Metrics]) -> String {
    let mut out = format!(
        "requests: {}\n\n| system | hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 | top-10 violating |\n|---|---|---|---|---|---|---|\n",
        metrics.first().map_or(0, |m| m.requests)
    );
    for (name, m) in SYSTEMS.iter().zip(metrics) {
        out.push_str(&format!("| {name} | {} |\n", m.markdown_cells()));
    }
    out
}
