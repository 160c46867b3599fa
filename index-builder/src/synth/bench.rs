//! `index-builder bench-synthetic`: builds an index from a large generated catalog the way `build`
//! does (JSON Lines file → `read_catalog` → `extract` → `IndexWriter` → `encode`), and reports time
//! per phase, peak memory (`VmHWM`) and the index size raw and gzipped.
//!
//! The catalog is streamed to a temporary file first (it is never kept unless asked), then the
//! peak-RSS counter is reset (`/proc/self/clear_refs` = 5) so the reported peak is the build's
//! alone.

use anyhow::anyhow;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use ptmpicker::index::{encode, IndexWriter};
use serde_json::json;

use super::fake_catalog::{FakeCatalog, FakeCatalogOptions};
use crate::catalog::for_each_record;
use crate::cli::build::progress;
use crate::extract::extract;
use crate::io_util::{gzip_len, open_input, write_atomic, Result};

#[derive(Args)]
pub struct BenchArgs {
    /// Records to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub records: usize,
    /// Share of records with a full model card.
    #[arg(long, default_value_t = 0.05)]
    pub cards_share: f64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Keep the generated catalog at this path (default: a temporary file, removed afterwards).
    #[arg(long)]
    pub catalog_out: Option<PathBuf>,
    /// Keep the index at this path (default: a temporary file, removed afterwards).
    #[arg(long)]
    pub index_out: Option<PathBuf>,
    /// Also write the measurements as JSON.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Only write the catalog (with `--catalog-out`), for `build` to be timed on its own.
    #[arg(long, requires = "catalog_out")]
    pub generate_only: bool,
}

/// `(VmHWM, VmRSS)` of this process in bytes, from `/proc/self/status` (Linux; zeros elsewhere).
pub fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(b: u64) -> String {
    format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
}

struct TempPath(PathBuf, bool);

impl Drop for TempPath {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn temp(given: &Option<PathBuf>, name: &str) -> TempPath {
    match given {
        Some(p) => TempPath(p.clone(), false),
        None => TempPath(std::env::temp_dir().join(format!("ptmpicker-bench-{}-{name}", std::process::id())), true),
    }
}

pub fn run(args: BenchArgs) -> Result<ExitCode> {
    if args.records == 0 || !(0.0..=1.0).contains(&args.cards_share) {
        return Err(anyhow!("--records must be > 0 and --cards-share within 0..1"));
    }
    let catalog = temp(&args.catalog_out, "catalog.jsonl");
    let index_path = temp(&args.index_out, "index.bin");

    // 1. Generate (streamed, small memory).
    let started = Instant::now();
    let file = std::fs::File::create(&catalog.0).map_err(|e| anyhow!("cannot create {}: {e}", catalog.0.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let bar = progress(args.records as u64, "generating");
    let (mut catalog_bytes, mut with_card) = (0u64, 0u64);
    for (i, r) in FakeCatalog::new(FakeCatalogOptions { records: args.records, cards_share: args.cards_share, seed: args.seed }).enumerate()
    {
        with_card += r.card.is_some() as u64;
        let mut line = serde_json::to_vec(&r)?;
        line.push(b'\n');
        catalog_bytes += line.len() as u64;
        out.write_all(&line).map_err(|e| anyhow!("cannot write {}: {e}", catalog.0.display()))?;
        if i % 4096 == 0 {
            bar.set_position(i as u64);
        }
    }
    out.flush().map_err(|e| anyhow!("cannot write {}: {e}", catalog.0.display()))?;
    drop(out);
    bar.finish_and_clear();
    let generate_s = started.elapsed().as_secs_f64();
    if args.generate_only {
        println!(
            "records        {} generated ({} with a card), catalog {} in {generate_s:.1} s",
            args.records,
            with_card,
            mib(catalog_bytes)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let peak_reset = reset_peak();
    let (_, rss_before) = memory();

    // 2. Build exactly as `index-builder build` does: stream records through extraction into the
    //    writer, never holding the catalog in memory.
    let t = Instant::now();
    let input = open_input(&catalog.0)?;
    let bar = progress(args.records as u64, "indexing");
    let mut writer = IndexWriter::new(catalog.0.display().to_string());
    let report = for_each_record(input, 0, |record| {
        writer.add(&extract(&record));
        if writer.len() % 4096 == 0 {
            bar.set_position(writer.len() as u64);
        }
    })
    .map_err(|e| anyhow!("reading {}: {e}", catalog.0.display()))?;
    bar.finish_and_clear();
    let extract_index_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let index = writer.finish();
    let finish_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let bytes = encode(&index);
    let encode_s = t.elapsed().as_secs_f64();
    write_atomic(&index_path.0, &bytes)?;
    let build_s = extract_index_s + finish_s + encode_s;
    let (peak, _) = memory();
    let t = Instant::now();
    let gz = gzip_len(&bytes);
    let gzip_s = t.elapsed().as_secs_f64();

    let doc = json!({
        "records": args.records,
        "records_with_card": with_card,
        "cards_share": args.cards_share,
        "seed": args.seed,
        "catalog_bytes": catalog_bytes,
        "indexed": index.doc_count(),
        "skipped": report.skipped_total(),
        "terms": index.term_count(),
        "index_bytes": bytes.len(),
        "index_gzip_bytes": gz,
        "seconds": {
            "generate": generate_s, "read_extract_and_index": extract_index_s,
            "finish": finish_s, "encode": encode_s, "build_total": build_s, "gzip": gzip_s,
        },
        "peak_rss_bytes": peak,
        "peak_is_build_only": peak_reset,
        "rss_before_build_bytes": rss_before,
    });
    println!("records        {} generated ({} with a card), catalog {}", args.records, with_card, mib(catalog_bytes));
    println!("indexed        {} models, {} terms (skipped {})", index.doc_count(), index.term_count(), report.skipped_total());
    println!(
        "build time     {build_s:.1} s  (read+extract+index {extract_index_s:.1} s · finish {finish_s:.1} s · encode {encode_s:.1} s)"
    );
    println!("generate time  {generate_s:.1} s (not part of the build)");
    println!(
        "peak RSS       {} ({})",
        mib(peak),
        if peak_reset { "VmHWM, build only" } else { "VmHWM incl. generation: clear_refs unavailable" },
    );
    println!(
        "index size     {} raw, {} gzip ({:.0} / {:.0} bytes per model)",
        mib(bytes.len() as u64),
        mib(gz as u64),
        bytes.len() as f64 / index.doc_count().max(1) as f64,
        gz as f64 / index.doc_count().max(1) as f64
    );
    if let Some(path) = &args.json {
        let mut text = serde_json::to_vec_pretty(&doc).expect("json");
        text.push(b'\n');
        write_atomic(path, &text)?;
    }
    Ok(ExitCode::SUCCESS)
}
