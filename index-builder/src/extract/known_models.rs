//! The catalog's own model ids, looked up by name: what lets extraction tell that the words of
//! an id are another model's name ("all-mpnet-base-v2" inside `someone/all-mpnet-base-v2-margin-1`).
//!
//! Why: cards that state nothing about their base (templates, one-line cards) are often named
//! after it, and the gold rules count the base such an id names. A word list of architectures
//! cannot spell every checkpoint ("opt-6.7b", "all-mpnet-base-v2"); the catalog holds them all,
//! with how often each is downloaded, which picks the original among uploads of the same name.
//! The builder reads the ids before extracting (a light pass that parses only `id` and
//! `downloads`); without a catalog (a single record, a stream) the set is empty and nothing
//! is guessed from ids.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Model ids by squashed name (lowercase letters and digits of the part after `/`), each name
/// keeping its most-downloaded id.
#[derive(Default, Debug, Clone)]
pub struct KnownModels {
    by_name: HashMap<String, (String, u64)>,
    /// Measured parameter counts (Hub `safetensors.total`) by lowercase id: a fine-tune or a
    /// quantization of a catalog model has that model's size, which its id's size token only
    /// rounds (`gemma-7b` holds 8.5B parameters).
    measured: HashMap<String, u64>,
}

/// Lowercase letters and digits only: "FLUX.1-dev" and "flux1_dev" are one name.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

impl KnownModels {
    /// Adds one catalog id with its downloads (legacy ids without an owner, `t5-large`, are
    /// Hub models too).
    pub fn add(&mut self, id: &str, downloads: u64) {
        let id = id.trim();
        let key = squash(id.rsplit('/').next().unwrap_or(id));
        if key.is_empty() {
            return;
        }
        match self.by_name.get_mut(&key) {
            Some(held) if held.1 >= downloads => {}
            Some(held) => *held = (id.to_string(), downloads),
            None => {
                self.by_name.insert(key, (id.to_string(), downloads));
            }
        }
    }

    /// Records the measured parameter count of a catalog id (0 is no measurement).
    pub fn add_measured(&mut self, id: &str, params: u64) {
        if params > 0 {
            self.measured.insert(id.trim().to_lowercase(), params);
        }
    }

    /// The measured parameter count of a catalog id, when its record has one.
    pub fn measured_params(&self, id: &str) -> Option<u64> {
        self.measured.get(&id.trim().to_lowercase()).copied()
    }

    /// The most-downloaded id whose name squashes to `name`'s squashed form, with its downloads.
    pub fn by_name(&self, name: &str) -> Option<(&str, u64)> {
        self.by_name.get(&squash(name)).map(|(id, d)| (id.as_str(), *d))
    }

    /// The catalog id a model name read from prose spells ("stable-diffusion-v1-2" →
    /// `CompVis/stable-diffusion-v1-2`), when one with an owner is downloaded at least
    /// `min_downloads` times; a size written after a longer name ("Acme-Transcribe-Diarize
    /// 0.9B") may be left out. A name that is already an id, or that no catalog id spells, is
    /// kept as read.
    pub fn id_for(&self, name: &str, min_downloads: u64) -> Option<&str> {
        if name.contains('/') {
            return None;
        }
        let owned = |n: &str| self.by_name(n).filter(|(id, d)| id.contains('/') && *d >= min_downloads).map(|(id, _)| id);
        if let Some(id) = owned(name) {
            return Some(id);
        }
        let (stem, size) = name.rsplit_once([' ', '-'])?;
        let sized = size.len() >= 2
            && size[..size.len() - 1].chars().all(|c| c.is_ascii_digit() || c == '.')
            && size.ends_with(['B', 'b', 'M', 'm']);
        (sized && stem.split(['-', ' ', '_']).filter(|w| !w.is_empty()).count() >= 2).then(|| owned(stem)).flatten()
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    /// Reads the ids of JSON Lines catalogs (`id` or `modelId`, and `downloads`); any other
    /// input (standard input, a JSON array, a parquet dump) leaves the set empty, so an index
    /// built from it guesses no base from ids. Unreadable lines are skipped.
    pub fn read_jsonl(paths: &[PathBuf]) -> KnownModels {
        #[derive(serde::Deserialize)]
        struct IdLine {
            #[serde(default)]
            id: String,
            #[serde(default, rename = "modelId")]
            model_id: Option<String>,
            #[serde(default)]
            downloads: Option<serde_json::Value>,
            #[serde(default)]
            params: Option<serde_json::Value>,
            #[serde(default)]
            safetensors: Option<serde_json::Value>,
        }
        let mut known = KnownModels::default();
        let jsonl = |p: &Path| p.is_file() && p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
        if !paths.iter().all(|p| jsonl(p)) {
            return known;
        }
        for path in paths {
            let Ok(file) = std::fs::File::open(path) else { return KnownModels::default() };
            for line in std::io::BufReader::with_capacity(1 << 20, file).split(b'\n') {
                let Ok(line) = line else { break };
                let Ok(r) = serde_json::from_slice::<IdLine>(&line) else { continue };
                let id = if r.id.is_empty() { r.model_id.unwrap_or_default() } else { r.id };
                let downloads = match r.downloads {
                    Some(serde_json::Value::Number(n)) => n.as_u64().unwrap_or(0),
                    Some(serde_json::Value::String(s)) => s.trim().parse().unwrap_or(0),
                    _ => 0,
                };
                let params = r.params.as_ref().and_then(serde_json::Value::as_u64);
                let total = || r.safetensors.as_ref().and_then(|s| s.get("total")).and_then(serde_json::Value::as_u64);
                known.add_measured(&id, params.or_else(total).unwrap_or(0));
                known.add(&id, downloads);
            }
        }
        known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_finds_its_most_downloaded_id_across_spellings() {
        let mut k = KnownModels::default();
        k.add("someone/bert-tiny", 10);
        k.add("acme/Bert-Tiny", 5000);
        k.add("copycat/bert_tiny", 20);
        k.add("t5-tiny", 1_000_000);
        k.add("", 7);
        assert_eq!(k.by_name("bert-tiny"), Some(("acme/Bert-Tiny", 5000)));
        assert_eq!(k.by_name("BERT.tiny"), Some(("acme/Bert-Tiny", 5000)));
        assert_eq!(k.by_name("t5_tiny"), Some(("t5-tiny", 1_000_000)), "a legacy id without an owner");
        assert_eq!(k.len(), 2);
    }

    #[test]
    fn a_name_read_from_prose_resolves_to_its_catalog_id() {
        let mut k = KnownModels::default();
        k.add("lab/Owl-Diffusion-v1-2", 50_000);
        k.add("labs/Owl-Talk-Diarize", 9_000);
        k.add("someone/Owl", 90_000);
        k.add("t5-tiny", 90_000);
        assert_eq!(k.id_for("owl-diffusion-v1-2", 1000), Some("lab/Owl-Diffusion-v1-2"));
        assert_eq!(k.id_for("Owl-Talk-Diarize 0.9B", 1000), Some("labs/Owl-Talk-Diarize"), "a size after a longer name");
        assert_eq!(k.id_for("Owl-0.5B", 1000), None, "a one-word stem is no checkpoint");
        assert_eq!(k.id_for("t5-tiny", 1000), None, "a legacy id without an owner is kept as read");
        assert_eq!(k.id_for("owl-diffusion-v1-2", 100_000), None, "too few downloads");
        assert_eq!(k.id_for("acme/x", 0), None);
    }

    #[test]
    fn only_json_lines_catalogs_are_read() {
        let dir = std::env::temp_dir().join(format!("known-models-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines = dir.join("c.jsonl");
        std::fs::write(
            &lines,
            "{\"id\": \"acme/a-1b\", \"downloads\": 7, \"card\": \"x\", \"params\": 1234567890}\nnot json\n{\"modelId\": \"acme/b-2b\", \"downloads\": \"9\", \"safetensors\": {\"total\": 2500000000}}\n",
        )
        .unwrap();
        let k = KnownModels::read_jsonl(std::slice::from_ref(&lines));
        assert_eq!(k.by_name("a-1b"), Some(("acme/a-1b", 7)));
        assert_eq!(k.by_name("b-2b"), Some(("acme/b-2b", 9)));
        assert_eq!(k.measured_params("Acme/A-1B"), Some(1_234_567_890), "a flat count");
        assert_eq!(k.measured_params("acme/b-2b"), Some(2_500_000_000), "the Hub API's safetensors total");
        assert_eq!(k.measured_params("acme/c-3b"), None);
        let array = dir.join("c.json");
        std::fs::write(&array, "[{\"id\": \"acme/a-1b\"}]").unwrap();
        assert!(KnownModels::read_jsonl(&[array]).is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }
}
