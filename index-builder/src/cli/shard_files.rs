//! The sharded index on disk (`ptmpicker::index::shards`): writing it beside `--out`, and reading
//! it back for the native commands (`search`, `bench`, `eval --index`).
//!
//! Files, for `--out public/index.bin`:
//! - `public/index.bin` — the head: the whole index without posting bytes, term strings (but a
//!   routing table and the learned tables' terms), norms, model ids and stored text, with the
//!   [`ShardManifest`] inside (so head and manifest can never disagree), gzip;
//! - `public/index-<sha256 prefix>.bin` — each shard, gzip: a run of posting lists with their
//!   terms' strings and norms, or the ids and stored text of a range of docs (a document shard,
//!   fetched for the results a search shows). The name changes with the content, so a host and
//!   the service worker may cache shards forever. It does not depend on
//!   the head's name, so a head built as `candidate.bin` can be shipped as `index.bin` (with its
//!   shards copied beside it). Shard files of an earlier build that the new head does not name are
//!   removed: one sharded index per directory.
//!
//! When to shard ([`ShardPolicy`]): `build` shards automatically once the single file would ship
//! more than [`AUTO_SHARD_BYTES`]; `--shard-kb N` forces shards of about N KiB, `--shard-kb 0`
//! forces a single file.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use ptmpicker::index::shards::{plan, ShardManifest};
use ptmpicker::index::{container, decode, encode, Index};
use ptmpicker::select::Engine;
use ptmpicker::template::Template;
use sha2::{Digest, Sha256};

use super::timings::Timings;
use crate::io_util::{compress_head, compress_index, read_bytes, write_atomic, Result};

/// An index whose file is larger than this (uncompressed; about 10 MiB gzip, 4 s at 20 Mbit/s) is
/// sharded unless `--shard-kb` says otherwise. Decided on the uncompressed size so a sharded build
/// never compresses the single file it does not ship. The 87k catalog (19.8 MB raw, 5.3 MB gzip)
/// stays one file (format 6: its head alone would be 0.56 MB — the facts stay in the head — and
/// each search then fetches shards) — while a 1M-model catalog (about 600 MB raw) is sharded.
pub const AUTO_SHARD_BYTES: usize = 40 << 20;
/// Shard size when sharding automatically: a query's few shards arrive in one round trip or two
/// at 20 Mbit/s, and a 1M-model index has a few hundred files.
pub const AUTO_SHARD_KIB: usize = 256;

/// What `--shard-kb` asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardPolicy {
    /// Shard above [`AUTO_SHARD_BYTES`] (no flag).
    Auto,
    /// Always one file (`--shard-kb 0`).
    Never,
    /// Always shard, about this many bytes per shard.
    Bytes(usize),
}

impl ShardPolicy {
    pub fn from_flag(kb: Option<usize>) -> ShardPolicy {
        match kb {
            None => ShardPolicy::Auto,
            Some(0) => ShardPolicy::Never,
            Some(kb) => ShardPolicy::Bytes(kb * 1024),
        }
    }

    /// Shard size to use for an index whose single file has `single_file` bytes uncompressed;
    /// `None` = one file.
    pub fn shard_bytes(self, single_file: usize) -> Option<usize> {
        match self {
            ShardPolicy::Auto => (single_file > AUTO_SHARD_BYTES).then_some(AUTO_SHARD_KIB * 1024),
            ShardPolicy::Never => None,
            ShardPolicy::Bytes(b) => Some(b),
        }
    }
}

/// What was written.
pub struct Written {
    /// Head bytes shipped (gzip).
    pub head: usize,
    pub shards: usize,
    /// Of which posting shards (the rest are document shards).
    pub postings_shards: usize,
    /// All shard files' bytes shipped (gzip).
    pub shard_bytes: u64,
    /// Of which postings shards'.
    pub postings_shard_bytes: u64,
    /// Stale shard files of an earlier build removed.
    pub removed: usize,
    /// The head's parts, when asked for (`build --head-parts`).
    pub parts: Vec<Part>,
}

/// Shard files are `index-<16 hex digits>.bin` (what `public/sw.js` and `.ci/refresh-index` expect).
const PREFIX: &str = "index-";

/// Whether `name` is a shard file name.
pub fn is_shard_file(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|r| r.strip_suffix(".bin"))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Removes shard files beside `out` that `keep` does not name (an earlier build's shards; a
/// single-file build keeps none).
pub fn remove_stale(out: &Path, keep: &[String]) -> Result<usize> {
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_shard_file(&name) && !keep.contains(&name) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes the shards, then the head (so a reader never sees a head naming missing shards). Takes
/// the index so the head needs no copy: each shard is written from the postings, which are then
/// dropped.
pub fn write(mut index: Index, out: &Path, shard_bytes: usize, report_parts: bool, timings: &mut Timings) -> Result<Written> {
    let mut manifest: ShardManifest = plan(&index, shard_bytes);
    timings.phase("plan shards");
    // Each shard is hashed, compressed and written on its own: spread over the cores, one shard
    // in memory per thread.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let (index_ref, manifest_ref) = (&index, &manifest);
    let write_one = |s: usize| -> Result<(String, u64)> {
        let shard = manifest_ref.bytes(index_ref, s).ok_or_else(|| anyhow!("shard {s} lies outside the index"))?;
        let hash: String = Sha256::digest(&shard).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let name = format!("{PREFIX}{hash}.bin");
        let bytes = compress_index(&shard);
        write_atomic(&out.with_file_name(&name), &bytes)?;
        Ok((name, bytes.len() as u64))
    };
    let written: Vec<Result<(String, u64)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| scope.spawn(move || (t..manifest_ref.len()).step_by(threads).map(|s| (s, write_one(s))).collect::<Vec<_>>()))
            .collect();
        let mut all: Vec<(usize, Result<(String, u64)>)> =
            workers.into_iter().flat_map(|w| w.join().expect("writing a shard does not panic")).collect();
        all.sort_by_key(|(s, _)| *s);
        all.into_iter().map(|(_, r)| r).collect()
    });
    for result in written {
        let (name, size) = result?;
        manifest.files.push(name);
        manifest.sizes.push(size);
    }
    timings.phase("write shards");
    let shard_total = manifest.sizes.iter().sum();
    let postings_shard_bytes = manifest.sizes[..manifest.postings_len()].iter().sum();
    let removed = remove_stale(out, &manifest.files)?;
    let (shards, postings_shards) = (manifest.len(), manifest.postings_len());
    ptmpicker::index::shards::strip(&mut index, manifest);
    let head = compress_head(&encode(&index));
    write_atomic(out, &head)?;
    timings.phase("write head");
    let parts = if report_parts { head_parts(&index) } else { Vec::new() };
    Ok(Written { head: head.len(), shards, postings_shards, shard_bytes: shard_total, postings_shard_bytes, removed, parts })
}

/// One part of a head and its bytes: raw (as encoded in the file) and gzip on its own.
pub struct Part {
    pub name: &'static str,
    pub raw: usize,
    pub gzip: usize,
}

/// What a head is made of, part by part (`build` prints it for a sharded index): the numbers that
/// decide what moves out of the head.
pub fn head_parts(index: &Index) -> Vec<Part> {
    use ptmpicker::index::codec::encode_part;
    use ptmpicker::index::deltas::AsDeltas;
    let d = &index.docs;
    let t = &index.terms;
    let parts: Vec<(&'static str, Vec<u8>)> = vec![
        ("facts: task/license/library", [encode_part(&d.task), encode_part(&d.license), encode_part(&d.library)].concat()),
        ("facts: params/quant", [encode_part(&d.params), encode_part(&d.quant_bits)].concat()),
        ("facts: downloads/likes", [encode_part(&d.downloads), encode_part(&d.likes)].concat()),
        ("facts: card quality", encode_part(&d.card_quality)),
        ("facts: languages", [encode_part(&AsDeltas(&d.lang_ends)), encode_part(&d.languages)].concat()),
        ("facts: size basis", encode_part(&d.size_basis)),
        ("facts: translation direction", [encode_part(&d.direction_source), encode_part(&d.direction_target)].concat()),
        ("stored ids and text", encode_part(&index.stored)),
        ("norms", encode_part(&index.norms)),
        ("dictionary: terms", [encode_part(&t.arena), encode_part(&AsDeltas(&t.ends))].concat()),
        ("dictionary: learned terms", [encode_part(&AsDeltas(&t.head_numbers)), encode_part(&t.head_strings)].concat()),
        ("dictionary: doc_freq", encode_part(&t.doc_freq)),
        ("dictionary: posting ends", encode_part(&AsDeltas(&t.postings_ends))),
        ("vocab", encode_part(&index.vocab)),
        ("insights", encode_part(&index.insights)),
        ("learned", encode_part(&index.learned)),
        ("shard manifest (routing table included)", encode_part(&index.shards)),
    ];
    parts.into_iter().map(|(name, bytes)| Part { name, raw: bytes.len(), gzip: compress_index(&bytes).len() }).collect()
}

/// Where a shard file of the head at `head` lies.
fn shard_path(head: &Path, file: &str) -> PathBuf {
    head.with_file_name(file)
}

/// Fills a decoded head's postings from its shard files beside `head` (nothing for a single file).
pub fn install_all(index: &mut Index, head: &Path) -> Result<()> {
    let Some(manifest) = index.shards.clone() else { return Ok(()) };
    for (i, file) in manifest.files.iter().enumerate() {
        let path = shard_path(head, file);
        let bytes = read_bytes(&path)?;
        let plain = if container::is_compressed(&bytes) { container::inflate(&bytes)? } else { bytes };
        ptmpicker::index::shards::install(index, &manifest, i, &plain).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    }
    ptmpicker::index::shards::into_single(index).map_err(|e| anyhow!("{}: {e}", head.display()))?;
    Ok(())
}

/// Installs the shards `request` reads that `engine` (over the head at `head`) lacks, from the
/// files beside it, round after round until none is missing (as the app does: reading the
/// request with a shard installed may name another); returns how many were read (0 for a
/// single-file index).
pub fn install_needed(engine: &mut Engine, head: &Path, request: &Template) -> Result<usize> {
    let mut read = 0;
    loop {
        let missing = engine.missing_shards(request);
        if missing.is_empty() {
            return Ok(read);
        }
        read += install_from_files(engine, head, &missing)?;
    }
}

/// Installs the document shards holding the display text of `docs` that `engine` lacks (what a
/// search shows: its results and the models it left out); returns how many were read.
pub fn install_display(engine: &mut Engine, head: &Path, docs: impl IntoIterator<Item = u32>) -> Result<usize> {
    let missing = engine.missing_display_shards(docs);
    install_from_files(engine, head, &missing)
}

fn install_from_files(engine: &mut Engine, head: &Path, missing: &[usize]) -> Result<usize> {
    for &shard in missing {
        let file =
            engine.index.shards.as_ref().and_then(|m| m.files.get(shard)).cloned().ok_or_else(|| anyhow!("shard {shard} has no file"))?;
        let path = shard_path(head, &file);
        let bytes = read_bytes(&path)?;
        let plain = if container::is_compressed(&bytes) { container::inflate(&bytes)? } else { bytes };
        engine.install_shard(shard, &plain).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    }
    Ok(missing.len())
}

/// Reads an index file, single or sharded (then with every shard installed).
pub fn load(path: &Path) -> Result<Index> {
    let bytes = read_bytes(path)?;
    let mut index = decode(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    install_all(&mut index, path)?;
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert_eq!(ShardPolicy::from_flag(None).shard_bytes(20 << 20), None);
        assert_eq!(ShardPolicy::from_flag(None).shard_bytes(600 << 20), Some(256 << 10));
        assert_eq!(ShardPolicy::from_flag(Some(0)).shard_bytes(400 << 20), None);
        assert_eq!(ShardPolicy::from_flag(Some(8)).shard_bytes(1), Some(8192));
    }

    #[test]
    fn shard_file_names() {
        assert!(is_shard_file("index-0123456789abcdef.bin"));
        assert!(!is_shard_file("index.bin"));
        assert!(!is_shard_file("index-0123.bin"));
        assert!(!is_shard_file("other-0123456789abcdef.bin"));
    }
}
