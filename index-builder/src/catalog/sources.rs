//! One or more catalogs → one stream of records: JSON Lines, a Hub API JSON array, or the Hub's
//! parquet dump (a file or a directory), merged by model id.
//!
//! The merge rule (`build --catalog A --catalog B …`): a model found in several catalogs becomes
//! one record, built field by field with the *later* catalog winning wherever it knows a value
//! ([`HubRecord::merge_from`]). List the bulk dump first and the fresher API crawl after it:
//! the crawl's downloads, parameter counts and gated status win, the dump fills what the crawl
//! lacks. `--min-downloads` applies to the merged record (a model the dump counts at 1,500
//! downloads and the crawl at 2,500 passes a minimum of 2,000).
//!
//! Why two passes and not a map of every record: the dump is ~740k records with cards (gigabytes
//! as records). The first pass reads only the later catalogs and keeps, per model id they hold,
//! which is the last catalog that has it and the last one that has its card. The second pass
//! streams every catalog in order; a record is handed on as soon as no later catalog holds its
//! model, and only records still waiting for a later catalog are kept — without their card when a
//! later catalog brings one. Memory is bounded by the overlap, not by the dump.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};

use super::parquet_dump::{for_each_dump_record, is_parquet, DumpStats};
use super::read::{for_each_record_with, Admission, CatalogReport, ReadOptions};
use super::HubRecord;
use crate::io_util::{open_input, Result};

/// What reading one catalog found.
#[derive(Debug)]
pub struct SourceReport {
    pub path: PathBuf,
    pub report: CatalogReport,
    /// Set for a parquet dump.
    pub dump: Option<DumpStats>,
    /// Seconds spent reading it (in the pass that handed records on), including the caller's work
    /// on each record.
    pub seconds: f64,
}

/// What reading all catalogs found.
#[derive(Debug, Default)]
pub struct MergeReport {
    pub sources: Vec<SourceReport>,
    /// Models found in more than one catalog (merged into one record each).
    pub merged: usize,
    /// Merged records below `--min-downloads` (only counted when several catalogs are read).
    pub below_min_downloads: usize,
    /// Records handed on.
    pub records: usize,
}

/// Streams one catalog's admitted records (JSON or parquet, by content) to `sink`.
fn read_one(path: &Path, options: ReadOptions, sink: &mut dyn FnMut(HubRecord)) -> Result<SourceReport> {
    let started = Instant::now();
    if path.as_os_str() != "-" && is_parquet(path) {
        let mut report = CatalogReport::default();
        let mut admission = Admission::new(options.min_downloads);
        let stats = for_each_dump_record(path, &mut admission, &mut report, sink)?;
        return Ok(SourceReport { path: path.to_path_buf(), report, dump: Some(stats), seconds: started.elapsed().as_secs_f64() });
    }
    let input = open_input(path)?;
    let report = for_each_record_with(input, options, sink).with_context(|| format!("reading {}", path.display()))?;
    Ok(SourceReport { path: path.to_path_buf(), report, dump: None, seconds: started.elapsed().as_secs_f64() })
}

/// Which later catalogs hold a model.
#[derive(Clone, Copy)]
struct Claim {
    /// The last catalog holding the model: its record completes the merge.
    last: usize,
    /// The last catalog holding a card for it (earlier cards are dropped, not kept waiting).
    card: Option<usize>,
}

/// Streams the records of `paths` (in order, merged by id as the module explains) to `sink`.
pub fn for_each_catalog_record(paths: &[PathBuf], options: ReadOptions, mut sink: impl FnMut(HubRecord)) -> Result<MergeReport> {
    let mut merge = MergeReport::default();
    if paths.is_empty() {
        bail!("no catalog given");
    }
    if paths.len() == 1 {
        let report = read_one(&paths[0], options, &mut |r| {
            merge.records += 1;
            sink(r)
        })?;
        merge.sources.push(report);
        return Ok(merge);
    }
    if paths[1..].iter().any(|p| p.as_os_str() == "-") {
        bail!("standard input (\"-\") can only be the first --catalog (the later ones are read twice)");
    }
    // Pass 1: who holds what, among the later catalogs.
    let per_source = ReadOptions { min_downloads: 0, ..options };
    let mut claims: HashMap<String, Claim> = HashMap::new();
    for (i, path) in paths.iter().enumerate().skip(1) {
        read_one(path, per_source, &mut |r| {
            let claim = claims.entry(r.id.to_ascii_lowercase()).or_insert(Claim { last: i, card: None });
            claim.last = i;
            if r.card.is_some() {
                claim.card = Some(i);
            }
        })
        .with_context(|| format!("first pass over {}", path.display()))?;
    }
    // Pass 2: stream, merging.
    let mut waiting: HashMap<String, HubRecord> = HashMap::new();
    let min = options.min_downloads;
    for (i, path) in paths.iter().enumerate() {
        let report = read_one(path, per_source, &mut |record| {
            let key = record.id.to_ascii_lowercase();
            let claim = claims.get(&key).copied();
            let mut merged = match waiting.remove(&key) {
                Some(mut earlier) => {
                    merge.merged += usize::from(claim.is_none_or(|c| c.last == i));
                    earlier.merge_from(record);
                    earlier
                }
                None => record,
            };
            match claim {
                Some(c) if c.last > i => {
                    if c.card.is_some_and(|j| j > i) {
                        merged.card = None;
                    }
                    waiting.insert(key, merged);
                }
                _ => {
                    if merged.downloads.unwrap_or(0) < min {
                        merge.below_min_downloads += 1;
                    } else {
                        merge.records += 1;
                        sink(merged);
                    }
                }
            }
        })?;
        merge.sources.push(report);
    }
    // A model claimed by a later catalog always reaches it (same admission rules in both passes),
    // so nothing is left waiting; if something is (a file changed between the passes), it is
    // still handed on rather than lost.
    for (_, merged) in waiting.drain() {
        if merged.downloads.unwrap_or(0) < min {
            merge.below_min_downloads += 1;
        } else {
            merge.records += 1;
            sink(merged);
        }
    }
    Ok(merge)
}
