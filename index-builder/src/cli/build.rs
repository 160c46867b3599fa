//! `index-builder build`: catalog → extraction → index file, with a report of every count.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use ptmpicker::index::{encode, IndexWriter};

use crate::catalog::{for_each_record_with, ReadOptions, DEFAULT_MAX_LINE_BYTES};
use crate::extract::{extract_with, ExtractParams, ExtractStats};
use crate::io_util::{gzip_len, open_input, write_atomic, Result};

#[derive(Args)]
pub struct BuildArgs {
    /// Catalog: JSON Lines of Hub-shaped records, or a Hub API JSON array ("-" = stdin).
    #[arg(long)]
    pub catalog: PathBuf,
    /// Skip models with fewer downloads.
    #[arg(long, default_value_t = 0)]
    pub min_downloads: u64,
    /// Where to write the index (replaced atomically).
    #[arg(long, default_value = "public/index.bin")]
    pub out: PathBuf,
    /// Longest catalog line read, in bytes; longer lines are skipped and reported with their number.
    #[arg(long, default_value_t = DEFAULT_MAX_LINE_BYTES)]
    pub max_line_bytes: u64,
    /// Print the per-field extraction table.
    #[arg(long)]
    pub field_report: bool,
    /// Override an extraction knob, e.g. `--param extract.field_max=800` (repeatable; see
    /// `ExtractParams`).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// The catalog's name recorded in the index and shown on the page (default: the catalog's
    /// file name; the index never records a path of this machine).
    #[arg(long)]
    pub label: Option<String>,
}

/// Progress bar on stderr (hidden automatically when stderr is not a terminal).
pub fn progress(len: u64, what: &str) -> ProgressBar {
    // Length 0 = unknown (a streamed catalog): a counter with the rate instead of a bar with an ETA.
    let (bar, template) = if len == 0 {
        (ProgressBar::new_spinner(), "{spinner} {msg:>10} {pos} models ({per_sec})")
    } else {
        (ProgressBar::new(len), "{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, eta {eta})")
    };
    bar.set_style(ProgressStyle::with_template(template).expect("static template").progress_chars("=> "));
    bar.set_message(what.to_string());
    bar
}

pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let mut extract_params = ExtractParams::default();
    for assignment in &args.params {
        extract_params.set(assignment)?;
    }
    let input = open_input(&args.catalog)?;
    // Stream: each record is extracted and indexed as it is read, so memory holds the index being
    // built, not the catalog (a 1M-model catalog is gigabytes as records).
    let bar = progress(0, "indexing");
    let label = args.label.clone().unwrap_or_else(|| match args.catalog.to_str() {
        Some("-") => "stdin".to_string(),
        _ => args.catalog.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "catalog".into()),
    });
    let mut writer = IndexWriter::new(label);
    let mut stats = ExtractStats::default();
    let options = ReadOptions { min_downloads: args.min_downloads, max_line_bytes: args.max_line_bytes.max(1) };
    let report = for_each_record_with(input, options, |record| {
        let instance = extract_with(&record, &extract_params);
        stats.add(&instance);
        writer.add(&instance);
        if writer.len() % 1024 == 0 {
            bar.set_position(writer.len() as u64);
        }
    })
    .with_context(|| format!("reading {}", args.catalog.display()))?;
    bar.finish_and_clear();
    for n in &report.notices {
        eprintln!("note: {n}");
    }
    let read_time = started.elapsed();
    if writer.is_empty() {
        eprintln!("read {} records, skipped {}:", report.read, report.skipped_total());
        for p in &report.problems {
            eprintln!("  {p}");
        }
        bail!("no usable records in {}; nothing written (an existing {} is left as it was)", args.catalog.display(), args.out.display());
    }
    let index = writer.finish();
    let bytes = encode(&index);
    write_atomic(&args.out, &bytes)?;
    let elapsed = started.elapsed();

    println!("catalog      {}", args.catalog.display());
    println!("read         {} records", report.read);
    println!("skipped      {}", report.skipped_total());
    for (reason, n) in &report.skipped {
        println!("  {:<24} {n}", reason.describe());
    }
    for p in report.problems.iter().take(10) {
        println!("  e.g. {p}");
    }
    for n in &report.notices {
        println!("  note: {n}");
    }
    println!("indexed      {} models", index.doc_count());
    println!("terms        {}", index.term_count());
    println!("index        {} ({} bytes, {} bytes gzip)", args.out.display(), bytes.len(), gzip_len(&bytes));
    println!("time         {:.2} s (reading + extraction + indexing {:.2} s)", elapsed.as_secs_f64(), read_time.as_secs_f64());
    if args.field_report {
        println!("{}", stats.table());
    }
    Ok(ExitCode::SUCCESS)
}
