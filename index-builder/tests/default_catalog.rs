//! Checks the offline default catalog (`catalog/default.jsonl`): shape, size,
//! task coverage, and — when the shared Hub snapshot is available — agreement
//! of each entry's task and license with the real Hub record.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.jsonl");
const HF_MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/hf-models.jsonl");

const KEYS: [&str; 13] = [
    "id",
    "pipeline_tag",
    "library_name",
    "tags",
    "license",
    "languages",
    "datasets",
    "base_model",
    "downloads",
    "likes",
    "created_at",
    "params",
    "card",
];

fn load_catalog() -> Vec<Value> {
    let text = std::fs::read_to_string(CATALOG).unwrap_or_else(|e| panic!("cannot read {CATALOG}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{CATALOG}:{}: invalid JSON: {e}", i + 1)))
        .collect()
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

#[test]
fn default_catalog_is_well_formed() {
    let entries = load_catalog();
    assert!(entries.len() >= 300, "expected at least 300 entries, found {}", entries.len());

    let mut ids = HashSet::new();
    let mut tasks = HashSet::new();
    let mut problems = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let line = i + 1;
        let Some(obj) = e.as_object() else {
            problems.push(format!("line {line}: not a JSON object"));
            continue;
        };
        let keys: HashSet<&str> = obj.keys().map(String::as_str).collect();
        let expected: HashSet<&str> = KEYS.iter().copied().collect();
        if keys != expected {
            problems.push(format!("line {line}: keys differ from the Hub record shape: {keys:?}"));
        }
        let id = str_field(e, "id").unwrap_or("");
        if !id.contains('/') {
            problems.push(format!("line {line}: id {id:?} must look like org/name"));
        }
        if !ids.insert(id.to_lowercase()) {
            problems.push(format!("line {line}: duplicate id {id}"));
        }
        match str_field(e, "pipeline_tag") {
            Some(t) if !t.is_empty() => {
                tasks.insert(t.to_string());
            }
            _ => problems.push(format!("{id}: empty pipeline_tag")),
        }
        if str_field(e, "license").is_none_or(str::is_empty) {
            problems.push(format!("{id}: empty license"));
        }
        match str_field(e, "card") {
            None | Some("") => problems.push(format!("{id}: empty card")),
            Some(c) if c.chars().count() > 1500 => problems.push(format!("{id}: card has {} chars (> 1500)", c.chars().count())),
            Some(_) => {}
        }
        match e.get("params") {
            None | Some(Value::Null) => {}
            Some(p) => {
                if p.as_u64().is_none_or(|n| n == 0) {
                    problems.push(format!("{id}: params must be a positive integer or null, got {p}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "catalog problems:\n{}", problems.join("\n"));
    assert!(tasks.len() >= 30, "expected at least 30 distinct pipeline tags, found {}: {tasks:?}", tasks.len());
}

fn hf_models_path() -> PathBuf {
    match std::env::var_os("PTMPICKER_HF_MODELS") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(HF_MODELS),
    }
}

/// `other` and `other:<name>` count as the same license.
fn licenses_agree(ours: &str, theirs: &str) -> bool {
    let base = |s: &str| s.split(':').next().unwrap_or("").to_string();
    ours == theirs || (base(ours) == "other" && base(theirs) == "other")
}

#[test]
fn default_catalog_agrees_with_shared_hub_snapshot() {
    let path = hf_models_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: ../shared/data/hf-models.jsonl not found at {} (set PTMPICKER_HF_MODELS)", path.display());
        return;
    };

    let entries = load_catalog();
    let wanted: HashSet<String> = entries.iter().filter_map(|e| str_field(e, "id")).map(str::to_lowercase).collect();

    // id (and aliases), lowercased -> (pipeline_tag, license) of the record.
    let mut records: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: invalid JSON: {e}", path.display(), i + 1));
        let mut names: Vec<String> = str_field(&r, "id").map(str::to_lowercase).into_iter().collect();
        if let Some(a) = r.get("aliases").and_then(Value::as_array) {
            names.extend(a.iter().filter_map(Value::as_str).map(str::to_lowercase));
        }
        if !names.iter().any(|n| wanted.contains(n)) {
            continue;
        }
        let task = str_field(&r, "pipeline_tag").filter(|s| !s.is_empty()).map(String::from);
        let license = str_field(&r, "license").filter(|s| !s.is_empty()).map(String::from);
        for n in names {
            records.insert(n, (task.clone(), license.clone()));
        }
    }

    let mut found = 0usize;
    let mut mismatches = Vec::new();
    for e in &entries {
        let id = str_field(e, "id").unwrap_or("");
        let Some((task, license)) = records.get(&id.to_lowercase()) else {
            continue;
        };
        found += 1;
        let our_task = str_field(e, "pipeline_tag").unwrap_or("");
        if let Some(t) = task {
            if t != our_task {
                mismatches.push(format!("{id}: pipeline_tag {our_task:?}, Hub record says {t:?}"));
            }
        }
        let our_license = str_field(e, "license").unwrap_or("");
        if let Some(l) = license {
            if !licenses_agree(our_license, l) {
                mismatches.push(format!("{id}: license {our_license:?}, Hub record says {l:?}"));
            }
        }
    }
    eprintln!("{found} of {} catalog entries found in {}", entries.len(), path.display());
    assert!(mismatches.is_empty(), "{} catalog entries disagree with the Hub snapshot:\n{}", mismatches.len(), mismatches.join("\n"));
}
