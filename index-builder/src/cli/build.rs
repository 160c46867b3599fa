//! `index-builder build`: catalog(s) → extraction → index file, with a report of every count and
//! each catalog's read rate (how the parquet import is measured).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::bail;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use ptmpicker::analysis::Analyzer;
use ptmpicker::facts::ModelInstance;
use ptmpicker::index::codec::encoded_len;
use ptmpicker::index::{encode, DocScratch, DocTerms, IndexWriter, LearnParams};

use super::pipeline::{self, Shape};
use super::shard_files::{self, ShardPolicy};
use super::timings::Timings;
use crate::catalog::{for_each_catalog_record, HubRecord, ReadOptions, DEFAULT_MAX_LINE_BYTES};
use crate::extract::{extract_known, ExtractParams, ExtractStats, KnownModels};
use crate::io_util::{compress_index, write_atomic, Result};

#[derive(Args)]
pub struct BuildArgs {
    /// Catalog: JSON Lines of Hub-shaped records, a Hub API JSON array ("-" = stdin), or the Hub's
    /// parquet dump of model cards (a .parquet file or a directory of them). Repeatable: the
    /// catalogs merge by model id, a later one winning field by field where it has a value
    /// (`--catalog dump/ --catalog crawl.jsonl`: the crawl's facts win, the dump fills the gaps).
    #[arg(long, required = true)]
    pub catalog: Vec<PathBuf>,
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
    /// Only read the catalogs and report them (counts, skips, read rate); write no index.
    #[arg(long)]
    pub check: bool,
    /// Shard the index: `--out` becomes the head (no posting bytes; the shard manifest inside) and
    /// the postings go to content-addressed `index-<hash>.bin` shards of about this many KiB
    /// beside it, which the app fetches on demand. Without the flag the index is sharded (256 KiB
    /// shards) only when the single file would be larger than 40 MiB uncompressed (~10 MiB gzip); `--shard-kb 0` always writes
    /// one file. See `cli/shard_files.rs`.
    #[arg(long, value_name = "KIB")]
    pub shard_kb: Option<usize>,
    /// With a sharded index, print the head's bytes part by part (raw and gzip).
    #[arg(long)]
    pub head_parts: bool,
    /// Print each phase's wall and CPU time (user + system, all threads) and the peak memory so
    /// far to stderr: where a build's time goes.
    #[arg(long)]
    pub timings: bool,
}

/// Records extracted together on one thread: a unit of work small enough that the cores stay
/// evenly busy and few records wait in memory, large enough that handing it over costs nothing.
const BATCH: usize = 512;

/// One record read: extracted, and its terms analysed, ready to be indexed.
type Analysed = (ModelInstance, DocTerms);

/// Streams `for_each_record`'s records through extraction and term analysis on `threads` worker
/// threads into `writer`, in the records' order (so doc numbers and the index bytes do not
/// depend on threads or timing). Reading, the workers and indexing run at the same time, with at
/// most a window of batches in flight ([`pipeline::ordered_map`]): memory holds a few batches, not
/// the catalog, even when one slow batch keeps the indexer waiting.
/// Returns the reader's result and the busy seconds of the workers (summed) and of the indexer.
fn extract_and_index<T>(
    writer: &mut IndexWriter,
    stats: &mut ExtractStats,
    params: &ExtractParams,
    known: &KnownModels,
    threads: usize,
    for_each_record: impl FnOnce(&mut dyn FnMut(HubRecord)) -> T,
) -> (T, f64, f64) {
    let (result, busy) = pipeline::ordered_map(
        Shape::new(threads, BATCH),
        || (Analyzer::new(), DocScratch::default()),
        |(analyzer, scratch), record: HubRecord| -> Analysed {
            let m = extract_known(&record, params, Some(known));
            let terms = DocTerms::of(analyzer, &m, scratch);
            (m, terms)
        },
        |(instance, terms)| {
            stats.add(&instance);
            writer.add_analyzed(&instance, terms);
        },
        for_each_record,
    );
    (result, busy.work_secs, busy.consume_secs)
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
    let mut timings = Timings::new(args.timings);
    let mut extract_params = ExtractParams::default();
    let mut learn_params = LearnParams::default();
    for assignment in &args.params {
        if assignment.trim_start().starts_with("learn.") {
            learn_params.set(assignment)?;
        } else {
            extract_params.set(assignment)?;
        }
    }
    let names: Vec<String> = args.catalog.iter().map(|p| p.display().to_string()).collect();
    // Stream: each record is extracted and indexed as it is read, so memory holds the index being
    // built, not the catalog (a 1M-model catalog is gigabytes as records).
    let bar = progress(0, if args.check { "reading" } else { "indexing" });
    // The index records the catalogs' file names (or --label), never a path of this machine.
    let label = args.label.clone().unwrap_or_else(|| {
        let files: Vec<String> = args
            .catalog
            .iter()
            .map(|p| match p.to_str() {
                Some("-") => "stdin".to_string(),
                _ => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "catalog".into()),
            })
            .collect();
        files.join(" + ")
    });
    let mut writer = IndexWriter::new(label).with_learn_params(learn_params);
    let mut stats = ExtractStats::default();
    let options = ReadOptions { min_downloads: args.min_downloads, max_line_bytes: args.max_line_bytes.max(1) };
    let mut seen = 0u64;
    // Extraction is independent per record and most of a build's time: records are extracted
    // (and their terms analysed) on every core while the catalog is read, then indexed in catalog
    // order (doc numbers do not depend on threads).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let merge = if args.check {
        for_each_catalog_record(&args.catalog, options, |_| {
            seen += 1;
            if seen % 1024 == 0 {
                bar.set_position(seen);
            }
        })?
    } else {
        // The catalog's model ids first (a light pass: `id` and `downloads` only), so a card
        // that states no base can be read against them (`extract::KnownModels`).
        let known = KnownModels::read_jsonl(&args.catalog);
        timings.phase("read model ids");
        if known.is_empty() {
            eprintln!("note: no model ids read ahead (not JSON Lines files): no card's base is guessed from its id");
        } else if args.timings {
            eprintln!("timing  ({} model names known ahead)", known.len());
        }
        let (merge, extract_secs, index_secs) = extract_and_index(&mut writer, &mut stats, &extract_params, &known, threads, |sink| {
            for_each_catalog_record(&args.catalog, options, |record| {
                seen += 1;
                sink(record);
                if seen % 1024 == 0 {
                    bar.set_position(seen);
                }
            })
        });
        if args.timings {
            eprintln!("timing  (workers busy {extract_secs:.2} s in all on {threads} threads, indexer busy {index_secs:.2} s)");
        }
        merge?
    };
    bar.finish_and_clear();
    timings.phase("read + extract + index");
    for source in &merge.sources {
        for n in &source.report.notices {
            match merge.sources.len() {
                1 => eprintln!("note: {n}"),
                _ => eprintln!("note: {}: {n}", source.path.display()),
            }
        }
    }
    let read_time = started.elapsed();
    let print_sources = || {
        for source in &merge.sources {
            let r = &source.report;
            println!("catalog      {}", source.path.display());
            if let Some(d) = &source.dump {
                let mb = d.bytes as f64 / 1e6;
                let secs = source.seconds.max(1e-9);
                println!(
                    "import       parquet: {} file(s), {} row group(s), {mb:.1} MB; {} rows in {:.2} s = {:.0} rows/s, {:.1} MB/s ({})",
                    d.files,
                    d.row_groups,
                    r.read,
                    source.seconds,
                    r.read as f64 / secs,
                    mb / secs,
                    if args.check { "read only" } else { "read + extract + index" }
                );
            }
            println!("read         {} records", r.read);
            println!("skipped      {}", r.skipped_total());
            for (reason, n) in &r.skipped {
                println!("  {:<24} {n}", reason.describe());
            }
            for p in r.problems.iter().take(10) {
                println!("  e.g. {p}");
            }
            for n in &r.notices {
                println!("  note: {n}");
            }
        }
        if merge.sources.len() > 1 {
            println!("merged       {} models found in more than one catalog (a later catalog wins field by field)", merge.merged);
            if merge.below_min_downloads > 0 {
                println!("  below --min-downloads after merging: {}", merge.below_min_downloads);
            }
        }
    };
    if merge.records == 0 {
        eprintln!("no usable records:");
        for source in &merge.sources {
            eprintln!("  {}: read {} records, skipped {}", source.path.display(), source.report.read, source.report.skipped_total());
            for p in &source.report.problems {
                eprintln!("    {p}");
            }
        }
        bail!("no usable records in {}; nothing written (an existing {} is left as it was)", names.join(", "), args.out.display());
    }
    if args.check {
        print_sources();
        println!("models       {} (checked; no index written)", merge.records);
        println!("time         {:.2} s", read_time.as_secs_f64());
        return Ok(ExitCode::SUCCESS);
    }
    let index = writer.finish();
    timings.phase("finish (sort terms, learn)");
    let (models, terms) = (index.doc_count(), index.term_count());
    let learned = index.learned.clone();
    // Sized, not encoded: a sharded build never holds the single file it does not ship.
    let inflated = encoded_len(&index) as usize;
    timings.phase("size the single file");
    let (shipped, sharded) = match ShardPolicy::from_flag(args.shard_kb).shard_bytes(inflated) {
        Some(shard_bytes) => (0, Some(shard_files::write(index, &args.out, shard_bytes, args.head_parts, &mut timings)?)),
        None => {
            let shipped = compress_index(&encode(&index));
            timings.phase("encode + compress");
            write_atomic(&args.out, &shipped)?;
            shard_files::remove_stale(&args.out, &[])?;
            timings.phase("write");
            (shipped.len(), None)
        }
    };
    let elapsed = started.elapsed();

    print_sources();
    println!("indexed      {models} models");
    println!("terms        {terms}");
    let l = &learned;
    println!(
        "learned      {} typo-lexicon words, {} word→task entries ({} words), {} expansions ({} words)",
        l.word_count(),
        l.task_codes.len(),
        l.task_terms.len(),
        l.expand_targets.len(),
        l.expand_terms.len()
    );
    match &sharded {
        None => println!("index        {} ({shipped} bytes gzip, {inflated} bytes inflated)", args.out.display()),
        Some(w) => println!(
            "index        {} sharded: head {} bytes gzip + {} shards beside it ({} postings, {} document), {} bytes gzip (postings {}, document {}; {} stale shard files removed; one file would be {inflated} bytes inflated)",
            args.out.display(),
            w.head,
            w.shards,
            w.postings_shards,
            w.shards - w.postings_shards,
            w.shard_bytes,
            w.postings_shard_bytes,
            w.shard_bytes - w.postings_shard_bytes,
            w.removed,
        ),
    }
    for p in sharded.iter().flat_map(|w| &w.parts) {
        println!("head part    {:<28} {:>12} B raw {:>12} B gzip", p.name, p.raw, p.gzip);
    }
    println!("time         {:.2} s (reading + extraction + indexing {:.2} s)", elapsed.as_secs_f64(), read_time.as_secs_f64());
    if args.field_report {
        println!("{}", stats.table());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::fake_catalog::{FakeCatalog, FakeCatalogOptions};

    fn catalog() -> Vec<HubRecord> {
        // More than a few batches, so batches finish out of order on several workers.
        FakeCatalog::new(FakeCatalogOptions { records: BATCH * 5 + 37, cards_share: 0.3, seed: 7 }).collect()
    }

    fn one_by_one(records: &[HubRecord]) -> Vec<u8> {
        let params = ExtractParams::default();
        let mut writer = IndexWriter::new("c.jsonl");
        for r in records {
            writer.add(&crate::extract::extract_with(r, &params));
        }
        encode(&writer.finish())
    }

    /// The pipeline (workers extracting and analysing, the indexer adding in order) writes the
    /// same bytes as adding the records one by one, whatever the number of workers.
    #[test]
    fn the_pipeline_indexes_like_one_thread() {
        let records = catalog();
        let expected = one_by_one(&records);
        for threads in [1, 3] {
            let (mut writer, mut stats) = (IndexWriter::new("c.jsonl"), ExtractStats::default());
            let (read, _, _) =
                extract_and_index(&mut writer, &mut stats, &ExtractParams::default(), &KnownModels::default(), threads, |sink| {
                    records.iter().cloned().for_each(&mut *sink);
                    records.len()
                });
            assert_eq!(read, records.len());
            assert_eq!(stats.instances, records.len() as u64);
            assert!(encode(&writer.finish()) == expected, "{threads} threads");
        }
    }
}
