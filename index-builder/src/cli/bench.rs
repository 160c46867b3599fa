//! `index-builder bench`: the engine's speed and size on a real catalog, single-threaded.
//!
//! Reports build time (reading + extraction + indexing + encoding), index bytes raw and gzip,
//! decode time, query latency p50/p95 over structured requests (each run several times), and peak
//! memory (VmHWM). A benchmark, not a test: numbers depend on the machine; nothing asserts them.

use anyhow::anyhow;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use ptmpicker::index::{decode, encode, IndexWriter};
use ptmpicker::select::Engine;

use super::search::parse_request_line;
use crate::catalog::read_catalog;
use crate::extract::extract;
use crate::io_util::{gzip_len, open_input, Result};

#[derive(Args)]
pub struct BenchArgs {
    /// Catalog to index (e.g. ../shared/data/hf-models.jsonl).
    #[arg(long, required_unless_present = "index")]
    pub catalog: Option<PathBuf>,
    /// Skip building: time an existing index file (decode and queries only).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Structured requests to time (JSON Lines, `search` format).
    #[arg(long, default_value = "tests/eval/requests.jsonl")]
    pub requests: PathBuf,
    /// Timed runs per request (after one warm-up run).
    #[arg(long, default_value_t = 20)]
    pub repeat: usize,
    /// Decode runs (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub decodes: usize,
    /// Also list the slowest requests (median latency each).
    #[arg(long)]
    pub per_request: bool,
    /// Also time the requests in turn (all of them once, `--repeat` times over), the order the
    /// browser bench (tests/e2e/bench-network.mjs) times them in: no request follows itself.
    #[arg(long)]
    pub interleaved: bool,
}

/// Peak resident memory of this process (Linux), in bytes.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn run(args: BenchArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let mut build_line = None;
    let bytes = match (&args.index, &args.catalog) {
        (Some(path), _) => crate::io_util::read_bytes(path)?,
        (None, Some(catalog)) => {
            let (records, _) = read_catalog(open_input(catalog)?, 0).map_err(|e| anyhow!("reading {}: {e}", catalog.display()))?;
            let read_s = t0.elapsed().as_secs_f64();
            let t1 = Instant::now();
            let mut writer = IndexWriter::new(catalog.display().to_string());
            for r in &records {
                writer.add(&extract(r));
            }
            let bytes = encode(&writer.finish());
            build_line = Some(format!(
                "| build time (read + extract + index + encode) | {:.2} s (read {read_s:.2} s, extract+index+encode {:.2} s) |",
                t0.elapsed().as_secs_f64(),
                t1.elapsed().as_secs_f64()
            ));
            bytes
        }
        (None, None) => return Err(anyhow!("give --catalog FILE or --index FILE")),
    };
    // A built index is a gzip container: measure (and report sizes of) the inflated bytes, which
    // is what the engine decodes after the browser's native inflate.
    let bytes = if ptmpicker::index::container::is_compressed(&bytes) { ptmpicker::index::container::inflate(&bytes)? } else { bytes };
    let mut decode_ms = Vec::new();
    let mut decoded = None;
    for _ in 0..args.decodes.max(1) {
        let t = Instant::now();
        let ix = decode(&bytes)?;
        decode_ms.push(t.elapsed().as_secs_f64() * 1e3);
        decoded = Some(ix);
    }
    decode_ms.sort_by(f64::total_cmp);
    let t = Instant::now();
    let mut decoded = decoded.expect("decoded at least once");
    // A sharded head: rank with every shard installed (what a page reaches after its fetches).
    if let Some(path) = &args.index {
        super::shard_files::install_all(&mut decoded, path)?;
    }
    let mut engine = Engine::new(decoded);
    let engine_ms = t.elapsed().as_secs_f64() * 1e3;

    let mut requests = Vec::new();
    for (i, line) in open_input(&args.requests)?.lines().enumerate() {
        let line = line?;
        if !line.trim().is_empty() {
            requests.push(parse_request_line(&line, &format!("line-{}", i + 1)).map_err(anyhow::Error::msg)?.request);
        }
    }
    let mut latencies = Vec::new();
    let mut slowest = Vec::new();
    for (i, req) in requests.iter().enumerate() {
        let _ = engine.select(req, 10);
        let mut mine = Vec::new();
        for _ in 0..args.repeat {
            let t = Instant::now();
            let sel = engine.select(req, 10);
            mine.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(sel);
        }
        mine.sort_by(f64::total_cmp);
        slowest.push((percentile(&mine, 0.5), i));
        latencies.extend(mine);
    }
    let mut interleaved = Vec::new();
    if args.interleaved {
        for _ in 0..args.repeat {
            for req in &requests {
                let t = Instant::now();
                std::hint::black_box(engine.select(req, 10));
                interleaved.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        interleaved.sort_by(f64::total_cmp);
    }
    if args.per_request {
        slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, i) in slowest.iter().take(10) {
            eprintln!("{ms:8.3} ms  request #{}: {}", i + 1, serde_json::to_string(&requests[*i]).unwrap_or_default());
        }
    }
    latencies.sort_by(f64::total_cmp);

    println!("| measure | value |\n|---|---|");
    println!("| models indexed | {} |", engine.index.doc_count());
    if let Some(line) = build_line {
        println!("{line}");
    }
    println!("| index size raw | {:.2} MB |", bytes.len() as f64 / 1e6);
    println!("| index size gzip | {:.2} MB |", gzip_len(&bytes) as f64 / 1e6);
    println!("| decode time (median of {}) | {:.1} ms |", decode_ms.len(), percentile(&decode_ms, 0.5));
    println!("| engine setup after decode | {engine_ms:.1} ms |");
    println!("| query latency p50 ({} requests × {}) | {:.3} ms |", requests.len(), args.repeat, percentile(&latencies, 0.5));
    println!("| query latency p95 | {:.3} ms |", percentile(&latencies, 0.95));
    println!("| query latency max | {:.3} ms |", latencies.last().copied().unwrap_or(0.0));
    if args.interleaved {
        let mean = interleaved.iter().sum::<f64>() / interleaved.len().max(1) as f64;
        let (p50, p95) = (percentile(&interleaved, 0.5), percentile(&interleaved, 0.95));
        println!("| query latency interleaved p50 / p95 / mean | {p50:.3} / {p95:.3} / {mean:.3} ms |");
    }
    let mean = latencies.iter().sum::<f64>() / latencies.len().max(1) as f64;
    println!("| query latency mean (each request in a row) | {mean:.3} ms |");
    if let Some(rss) = peak_rss() {
        println!("| peak memory (VmHWM) | {:.0} MB |", rss as f64 / 1e6);
    }
    Ok(ExitCode::SUCCESS)
}
