//! Writes a sharded index beside `--out` (`build --shard-kb N`): the head in place of the
//! single file, a manifest, and content-addressed postings shards (`ptmpicker::index::shards`).
//!
//! Files, for `--out public/index.bin`:
//! - `public/index.bin` — the head: the whole index with zeroed postings, gzip (small: the zero
//!   run compresses to almost nothing);
//! - `public/index-shards.json` — the [`ShardManifest`] with each shard's file name;
//! - `public/index-<sha256 prefix>.bin` — each shard's posting bytes, gzip. The name changes with
//!   the content, so a host and the service worker may cache shards forever.

use std::path::{Path, PathBuf};

use ptmpicker::index::shards::{split, ShardManifest};
use ptmpicker::index::{encode, Index};
use sha2::{Digest, Sha256};

use crate::io_util::{compress_index, write_atomic, Result};

/// What was written: (head bytes shipped, manifest path, shard count, shard bytes shipped).
pub struct Written {
    pub head: usize,
    pub manifest: PathBuf,
    pub shards: usize,
    pub shard_bytes: usize,
}

/// The manifest's path beside `out` (`index.bin` → `index-shards.json`).
pub fn manifest_path(out: &Path) -> PathBuf {
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "index".into());
    out.with_file_name(format!("{stem}-shards.json"))
}

pub fn write(index: &Index, out: &Path, shard_bytes: usize) -> Result<Written> {
    let parts = split(index, shard_bytes);
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "index".into());
    let mut manifest: ShardManifest = parts.manifest;
    let mut shipped = 0;
    for shard in &parts.shards {
        let hash: String = Sha256::digest(shard).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let name = format!("{stem}-{hash}.bin");
        let bytes = compress_index(shard);
        shipped += bytes.len();
        write_atomic(&out.with_file_name(&name), &bytes)?;
        manifest.files.push(name);
    }
    let manifest_file = manifest_path(out);
    write_atomic(&manifest_file, serde_json::to_string(&manifest)?.as_bytes())?;
    let head = compress_index(&encode(&parts.head));
    write_atomic(out, &head)?;
    Ok(Written { head: head.len(), manifest: manifest_file, shards: parts.shards.len(), shard_bytes: shipped })
}
