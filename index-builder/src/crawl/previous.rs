//! The previous crawl's catalog, for an incremental crawl (`crawl --previous F`): which models it
//! holds at which revision, and their cards, read back on demand.
//!
//! Why an index of offsets and not the records: the previous catalog holds every card (gigabytes
//! for the whole Hub). Opening it keeps, per model, only hashes of its revision (`sha`,
//! `lastModified`) and where its line starts, so memory grows by tens of bytes per model; a card
//! is read back from the file when its model is carried over.
//!
//! A model is *unchanged* when the listing reports the same `sha` as the previous record (or,
//! when either lacks a sha, the same `lastModified`). Without either, or when the previous card
//! could not be fetched (`card_error`), it counts as changed and its card is fetched again.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

use crate::catalog::HubRecord;
use crate::io_util::Result;

/// What the previous catalog says about a listed model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Same revision: carry the card over from this line (offset, length) instead of fetching it.
    Unchanged(Line),
    /// In the previous catalog at another (or an unknown) revision, or its card had failed.
    Changed,
    New,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    offset: u64,
    len: u64,
}

struct Entry {
    sha: Option<u64>,
    last_modified: Option<u64>,
    card_failed: bool,
    line: Line,
}

pub struct Previous {
    path: PathBuf,
    file: File,
    entries: HashMap<String, Entry>,
}

#[derive(Deserialize)]
struct Revision {
    #[serde(default)]
    id: String,
    #[serde(default, rename = "modelId")]
    model_id: Option<String>,
    #[serde(default, alias = "lastModified")]
    last_modified: Option<serde_json::Value>,
    #[serde(default)]
    sha: Option<serde_json::Value>,
    #[serde(default)]
    card_error: Option<serde_json::Value>,
}

/// A stable hash (SipHash with fixed keys) of a revision string.
fn hash(value: Option<&serde_json::Value>) -> Option<u64> {
    let s = value?.as_str()?.trim();
    if s.is_empty() {
        return None;
    }
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    Some(h.finish())
}

impl Previous {
    /// Indexes the previous catalog (JSON Lines, as `crawl` writes it). Lines that are not records
    /// are ignored (their models count as new); a JSON array is refused (lines cannot be found again).
    pub fn open(path: &Path) -> Result<Previous> {
        let file = File::open(path).with_context(|| format!("--previous: cannot open {}", path.display()))?;
        let mut reader = BufReader::with_capacity(1 << 20, file.try_clone().with_context(|| format!("--previous: {}", path.display()))?);
        let mut entries = HashMap::new();
        let mut offset = 0u64;
        let mut line = Vec::new();
        let mut number = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).with_context(|| format!("--previous: cannot read {}", path.display()))?;
            if n == 0 {
                break;
            }
            number += 1;
            let text = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line);
            if number == 1 && text.trim_ascii_start().starts_with(b"[") {
                bail!("--previous {} is a JSON array; give the JSON Lines catalog a previous crawl wrote", path.display());
            }
            if let Ok(r) = serde_json::from_slice::<Revision>(text) {
                let id = if r.id.trim().is_empty() { r.model_id.unwrap_or_default() } else { r.id };
                let id = id.trim().to_ascii_lowercase();
                if !id.is_empty() {
                    let entry = Entry {
                        sha: hash(r.sha.as_ref()),
                        last_modified: hash(r.last_modified.as_ref()),
                        card_failed: r.card_error.is_some_and(|e| !e.is_null()),
                        line: Line { offset, len: n as u64 },
                    };
                    // The first line of an id wins, as when a catalog is read.
                    entries.entry(id).or_insert(entry);
                }
            }
            offset += n as u64;
        }
        Ok(Previous { path: path.to_path_buf(), file, entries })
    }

    /// Models in the previous catalog.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether `listed` (a listing item) changed since the previous crawl.
    pub fn lookup(&self, listed: &HubRecord) -> Lookup {
        let Some(entry) = self.entries.get(&listed.id.to_ascii_lowercase()) else {
            return Lookup::New;
        };
        let as_value = |s: &Option<String>| s.as_deref().map(|s| serde_json::Value::String(s.to_string()));
        let (sha, last_modified) = (hash(as_value(&listed.sha).as_ref()), hash(as_value(&listed.last_modified).as_ref()));
        let same = match (entry.sha, sha) {
            (Some(a), Some(b)) => a == b,
            _ => matches!((entry.last_modified, last_modified), (Some(a), Some(b)) if a == b),
        };
        if same && !entry.card_failed {
            Lookup::Unchanged(entry.line)
        } else {
            Lookup::Changed
        }
    }

    /// The card of the previous record of `id` at `line`.
    pub fn card(&mut self, id: &str, line: Line) -> Result<Option<String>> {
        let mut bytes = vec![0u8; line.len as usize];
        self.file
            .seek(SeekFrom::Start(line.offset))
            .and_then(|_| self.file.read_exact(&mut bytes))
            .with_context(|| format!("--previous: cannot read {} again", self.path.display()))?;
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        // The card exactly as written (the catalog reader trims text fields; a carried-over card
        // must stay byte for byte what was fetched).
        #[derive(Deserialize)]
        struct CardLine {
            #[serde(default)]
            id: String,
            #[serde(default, rename = "modelId")]
            model_id: Option<String>,
            #[serde(default)]
            card: Option<String>,
        }
        let line: CardLine = serde_json::from_slice::<CardLine>(text)
            .ok()
            .filter(|r| {
                let rid = if r.id.trim().is_empty() { r.model_id.as_deref().unwrap_or("") } else { r.id.as_str() };
                rid.trim().eq_ignore_ascii_case(id)
            })
            .with_context(|| {
                format!(
                    "--previous {} changed while the crawl was using it (the line of {id} is gone); restore it, or pass --restart",
                    self.path.display()
                )
            })?;
        Ok(line.card)
    }

    /// Models of the previous catalog not in `kept` (lowercased ids): no longer listed.
    pub fn dropped(&self, kept: &HashSet<String>) -> usize {
        self.entries.keys().filter(|id| !kept.contains(*id)).count()
    }
}
