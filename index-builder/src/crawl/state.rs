//! The crawl checkpoint: a small JSON sidecar (`OUT.state`) replaced atomically (temp file, fsync,
//! rename), plus the output file itself.
//!
//! Why this is enough for exactly-once after a `kill -9` at any moment:
//! * The output is only appended to, and is fsynced *before* each state write, so the file is always
//!   at least `output_len` bytes long and its first `output_len` bytes are complete JSON lines.
//! * The state names the listing page being worked on (`next_url`), not the one after it, so a page
//!   is re-fetched until every model on it is in the output.
//! * On start the output is cut back to `output_len` (dropping lines written after the last
//!   checkpoint, including a half-written one), and the ids in what remains are the "done" set:
//!   models on a re-fetched page that are already done are skipped.
//!
//! Storing the done ids in the output rather than in the state keeps each checkpoint O(1) in size,
//! so a million-model crawl does not rewrite a million ids every second.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use anyhow::{bail, Context};

use crate::io_util::{write_atomic, Result};

pub const STATE_VERSION: u32 = 1;

/// The options that define *what* is crawled. A resumed crawl must use the same ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub endpoint: String,
    pub min_downloads: u64,
    pub limit: Option<u64>,
    pub pipeline_tags: Vec<String>,
    pub page_size: u32,
    /// `--previous`, as given (absent in states written before incremental crawls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    /// Models taken from the listing for output (after filters and the done set).
    pub listed: u64,
    /// Models skipped by the client-side pipeline-tag filter.
    pub filtered: u64,
    /// Listing items that were not model objects with an id.
    pub invalid_items: u64,
    pub cards_fetched: u64,
    /// Cards carried over from `--previous` (the model is unchanged), not fetched.
    #[serde(default)]
    pub cards_reused: u64,
    /// 404/410 (no README), 401/403 (gated/private) or an empty README.
    pub cards_missing: u64,
    /// Cards longer than the size limit, kept truncated.
    pub cards_truncated: u64,
    /// Cards that could not be fetched after retries (record written without card).
    pub errors: u64,
    pub retries: u64,
    /// Listing pages fetched.
    pub pages: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrawlState {
    pub version: u32,
    pub options: Fingerprint,
    /// Which listing stream (one per `--pipeline-tag`, or the single unfiltered one).
    pub stream: usize,
    /// The listing page being worked on; `None` once the current stream is exhausted.
    pub next_url: Option<String>,
    /// Bytes of the output known complete (fsynced before this state was written).
    pub output_len: u64,
    /// Records in those bytes.
    pub written: u64,
    /// Whether every listing item seen so far came in non-increasing download order; only then is
    /// it safe to stop at the first model below `--min-downloads`.
    pub sorted_so_far: bool,
    /// Downloads of the last listing item seen in this stream (for `sorted_so_far`).
    #[serde(default)]
    pub last_downloads: Option<u64>,
    /// The server refused `expand=` (HTTP 400); the plain listing is used instead.
    pub no_expand: bool,
    pub counters: Counters,
    pub complete: bool,
    /// Unix seconds of the last checkpoint (for people reading the file).
    pub updated_at: u64,
}

pub fn state_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".state");
    PathBuf::from(name)
}

pub fn load(path: &Path) -> Result<Option<CrawlState>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let state: CrawlState = serde_json::from_slice(&bytes)
        .with_context(|| format!("{} is not a crawl state file; delete it or pass --restart", path.display()))?;
    if state.version != STATE_VERSION {
        bail!("{} has state version {} (this build writes {STATE_VERSION}); pass --restart", path.display(), state.version);
    }
    Ok(Some(state))
}

pub fn save(path: &Path, state: &mut CrawlState) -> Result<()> {
    state.updated_at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let mut json = serde_json::to_vec_pretty(state).expect("state serializes");
    json.push(b'\n');
    write_atomic(path, &json)
}

/// Cuts `out` back to the checkpointed `len` and returns the (lowercased) ids in it and how many
/// lines it holds. Errors if the file is shorter than the checkpoint says (it was edited or
/// replaced) or the kept part does not end at a line boundary.
pub fn recover_output(out: &Path, len: u64) -> Result<(HashSet<String>, u64)> {
    let file = OpenOptions::new().read(true).write(true).open(out).with_context(|| format!("cannot open {} to resume", out.display()))?;
    let actual = file.metadata().with_context(|| format!("cannot stat {}", out.display()))?.len();
    if actual < len {
        bail!(
            "{} is {actual} bytes but the crawl state says {len} bytes were complete; the file was changed outside the crawler. Pass --restart to crawl again",
            out.display()
        );
    }
    if actual > len {
        file.set_len(len).with_context(|| format!("cannot truncate {}", out.display()))?;
        file.sync_all().with_context(|| format!("cannot sync {}", out.display()))?;
    }
    read_ids(file.take(len), out)
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

fn read_ids(input: impl Read, out: &Path) -> Result<(HashSet<String>, u64)> {
    let mut reader = BufReader::with_capacity(1 << 20, input);
    let mut ids = HashSet::new();
    let mut lines = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).with_context(|| format!("cannot read {}", out.display()))?;
        if n == 0 {
            break;
        }
        if line.last() != Some(&b'\n') {
            bail!("{}: the checkpointed part ends inside a line; pass --restart", out.display());
        }
        let record: IdOnly = serde_json::from_slice(&line)
            .with_context(|| format!("{} line {} is not a crawled record; pass --restart", out.display(), lines + 1))?;
        ids.insert(record.id.to_ascii_lowercase());
        lines += 1;
    }
    Ok((ids, lines))
}

/// Opens the output for appending at its end.
pub fn open_append(out: &Path) -> Result<File> {
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    OpenOptions::new().create(true).append(true).open(out).with_context(|| format!("cannot open {}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("crawl-state-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("out.jsonl")
    }

    #[test]
    fn recovery_drops_a_partial_tail() {
        let out = tmp("partial");
        let done = "{\"id\":\"a/B\"}\n{\"id\":\"c/d\"}\n";
        std::fs::write(&out, format!("{done}{{\"id\":\"e/f\"}}\n{{\"id\":\"g/")).unwrap();
        let (ids, lines) = recover_output(&out, done.len() as u64).unwrap();
        assert_eq!(lines, 2);
        assert!(ids.contains("a/b") && ids.contains("c/d") && !ids.contains("e/f"));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), done);
        assert!(recover_output(&out, done.len() as u64 + 5).unwrap_err().to_string().contains("changed outside"));
        assert!(recover_output(&out, 5).unwrap_err().to_string().contains("inside a line"));
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }

    #[test]
    fn state_round_trips_atomically() {
        let out = tmp("roundtrip");
        let path = state_path(&out);
        assert!(path.to_string_lossy().ends_with("out.jsonl.state"));
        assert_eq!(load(&path).unwrap(), None);
        let mut s = CrawlState {
            version: STATE_VERSION,
            options: Fingerprint {
                endpoint: "http://x".into(),
                min_downloads: 3,
                limit: None,
                pipeline_tags: vec![],
                page_size: 100,
                previous: None,
            },
            stream: 0,
            next_url: Some("http://x/api/models".into()),
            output_len: 10,
            written: 1,
            sorted_so_far: true,
            last_downloads: None,
            no_expand: false,
            counters: Counters::default(),
            complete: false,
            updated_at: 0,
        };
        save(&path, &mut s).unwrap();
        assert_eq!(load(&path).unwrap().unwrap(), s);
        std::fs::write(&path, "{").unwrap();
        assert!(load(&path).unwrap_err().to_string().contains("--restart"));
        let _ = std::fs::remove_dir_all(out.parent().unwrap());
    }
}
