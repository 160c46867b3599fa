//! The LLM answer cache on disk: one small JSON file per answer, `<dir>/<cache key>.json`.
//!
//! Why files and not one JSONL: concurrent workers (and concurrent runs) write without a lock;
//! each write goes to a unique temporary file in the same directory and is renamed into place,
//! so a reader sees either nothing or a whole entry. A damaged or foreign file is a miss, never an
//! error. Only answers are cached, never failures (a failure is worth retrying next run).
//!
//! The key (the engine's `CacheKey`) covers the endpoint and the LLM model, so a run against
//! another server never reuses this one's answers; entries hold redacted text only.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use ptmpicker::llm::response::LlmAnswer;
use ptmpicker::llm::verdicts::PreparedCall;
use ptmpicker::llm::CacheKey;
use serde::{Deserialize, Serialize};

/// One cached answer, with what it was about (for people reading the files).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    pub key: String,
    pub model_id: String,
    pub field: String,
    pub requirement: String,
    pub prompt: String,
    pub prompt_version: u32,
    /// The endpoint asked (its cache identity; part of the key).
    #[serde(default)]
    pub endpoint: String,
    pub llm_model: String,
    /// The response format that produced the answer.
    pub mode: String,
    pub answer: LlmAnswer,
    pub saved_unix: u64,
}

impl CacheEntry {
    /// `answer` must already be redacted (the engine's session does that to every answer).
    pub fn new(call: &PreparedCall, endpoint: &str, answer: &LlmAnswer, mode: &str) -> CacheEntry {
        CacheEntry {
            key: call.cache_key.to_string(),
            model_id: call.model_id.clone(),
            field: call.field.name().to_string(),
            requirement: call.requirement.clone(),
            prompt: call.prompt.name().to_string(),
            prompt_version: call.prompt_version,
            endpoint: endpoint.to_string(),
            llm_model: call.request.params.model.clone(),
            mode: mode.to_string(),
            answer: answer.clone(),
            saved_unix: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        }
    }
}

#[derive(Clone, Debug)]
pub struct DiskCache {
    dir: PathBuf,
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl DiskCache {
    /// Opens (creating) the cache directory. A new cache root gets a `.gitignore` of `*` so a
    /// cache inside a work tree is never committed.
    pub fn open(dir: &Path) -> std::io::Result<DiskCache> {
        std::fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "*\n");
        }
        Ok(DiskCache { dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: CacheKey) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// The cached answer for `key`, if a sound entry exists.
    pub fn get(&self, key: CacheKey) -> Option<CacheEntry> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let entry: CacheEntry = serde_json::from_str(&text).ok()?;
        (entry.key == key.to_string()).then_some(entry)
    }

    /// Stores an entry atomically (temp file + fsync + rename).
    pub fn put(&self, entry: &CacheEntry) -> std::io::Result<()> {
        let key = CacheKey::from_hex(&entry.key).ok_or_else(|| std::io::Error::other("bad cache key"))?;
        let target = self.path(key);
        let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = self.dir.join(format!(".{key}.json.tmp-{}-{n}", std::process::id()));
        let result = (|| {
            let mut f = File::create(&tmp)?;
            f.write_all(serde_json::to_string_pretty(entry).map_err(std::io::Error::other)?.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, &target)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// How many entries the directory holds.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn len(&self) -> usize {
        std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".json") && !e.file_name().to_string_lossy().starts_with('.'))
                    .count()
            })
            .unwrap_or(0)
    }
}
