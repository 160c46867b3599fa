//! End-to-end quality check on the real 87k-model catalog (skipped when it is absent): build the
//! index with the real binary, run `eval` on the tuning set and the held-out set, and require the
//! engine to beat both baselines clearly and to show (almost) no constraint-violating result.
//! The sets written the way people type (`people.jsonl`, `people-holdout.jsonl`, issue 10) must
//! load, be evaluated per style, and see the engine ahead of both baselines by the margins it
//! reaches today (their targets are in the issue, not asserted here).
//!
//! `eval`'s per-style output itself is checked without the shared catalog, on the small default
//! catalog shipped with the crate.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const OURS: &str = "ptmpicker";
const BASELINES: [&str; 2] = ["hub: task filter + downloads", "plain BM25 on card text"];
const STYLES: [&str; 5] = ["terse", "plain", "form", "constraint", "paper"];

fn catalog() -> Option<PathBuf> {
    let path = std::env::var_os("PTMPICKER_HF_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/hf-models.jsonl"));
    path.exists().then_some(path)
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_index-builder")).args(args).output().expect("run index-builder");
    assert!(out.status.success(), "index-builder {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `eval` on `set`, returns (printed tables, JSON metrics).
fn eval(index: &Path, catalog: &Path, set: &Path, json: &Path) -> (String, Value) {
    let table = run(&[
        "eval",
        "--index",
        index.to_str().unwrap(),
        "--catalog",
        catalog.to_str().unwrap(),
        "--requests",
        set.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    let metrics = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    (table, metrics)
}

fn get(m: &Value, sys: &str, key: &str) -> f64 {
    m[sys][key].as_f64().unwrap_or_else(|| panic!("{sys}.{key} missing in {m}"))
}

fn eval_set(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/eval").join(name)
}

#[test]
fn engine_beats_both_baselines_on_the_hub_catalog() {
    let Some(catalog) = catalog() else {
        eprintln!("skipping: ../shared/data/hf-models.jsonl not found (set PTMPICKER_HF_MODELS to run the quality check)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("ptmpicker-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let index = dir.join("hub.bin");
    run(&["build", "--catalog", catalog.to_str().unwrap(), "--out", index.to_str().unwrap()]);
    for (set, min_hit10) in [("requests.jsonl", 0.88), ("holdout.jsonl", 0.75)] {
        let (table, m) = eval(&index, &catalog, &eval_set(set), &dir.join(format!("{set}.metrics.json")));
        eprintln!("{set}\n{table}");
        for base in BASELINES {
            assert!(get(&m, OURS, "hit1") >= get(&m, base, "hit1") + 0.2, "{set}: hit@1 not clearly above {base}");
            assert!(get(&m, OURS, "mrr10") >= get(&m, base, "mrr10") + 0.2, "{set}: MRR@10 not clearly above {base}");
        }
        assert!(get(&m, OURS, "hit10") >= min_hit10, "{set}: hit@10 {} below {min_hit10}", get(&m, OURS, "hit10"));
        assert!(
            get(&m, OURS, "violation_share") <= 0.01,
            "{set}: {} of top-10 results violate a stated constraint",
            get(&m, OURS, "violation_share")
        );
        assert!(m.get("by_style").is_none(), "{set} has no styles, so no per-style breakdown: {m}");
    }
    // Requests as people write them: measured "before" on 2026-12-05 (tests/eval/people-README.md):
    // hit@10 0.52 / 0.42 against at most 0.37 / 0.20 for a baseline, MRR@10 0.344 / 0.261 against
    // at most 0.225 / 0.115. `people-fresh.jsonl` (frozen 2026-12-06) first measured hit@10 0.85
    // against 0.41, MRR@10 0.614 against 0.272; `people-fresh2.jsonl` (frozen 2026-12-06, later
    // that day) first measured hit@10 0.46 against 0.36, MRR@10 0.336 against 0.244. Assert only
    // that the engine stays ahead of both baselines. `people-fresh3.jsonl` (frozen in session 5 before
    // any engine run) first measured hit@10 0.51 against 0.33 and 0.08, MRR@10 0.338 against 0.175.
    let sets = [
        ("people.jsonl", 75),
        ("people-holdout.jsonl", 50),
        ("people-fresh.jsonl", 39),
        ("people-fresh2.jsonl", 61),
        ("people-fresh3.jsonl", 61),
    ];
    for (set, requests) in sets {
        let (table, m) = eval(&index, &catalog, &eval_set(set), &dir.join(format!("{set}.metrics.json")));
        eprintln!("{set}\n{table}");
        assert_eq!(m[OURS]["requests"].as_u64(), Some(requests), "{set}: every line must load and be evaluated");
        let by_style = &m["by_style"];
        let counted: u64 =
            STYLES.iter().map(|s| by_style[*s][OURS]["requests"].as_u64().unwrap_or_else(|| panic!("{set}: style {s} missing"))).sum();
        assert_eq!(counted, requests, "{set}: every request belongs to one of the five styles");
        assert_eq!(by_style["all"][OURS], m[OURS], "{set}: the 'all' row is the overall result");
        assert!(table.contains("| constraint | ptmpicker |"), "{set}: per-style table not printed:\n{table}");
        for base in BASELINES {
            assert!(get(&m, OURS, "hit10") >= get(&m, base, "hit10") + 0.05, "{set}: hit@10 not above {base}");
            assert!(get(&m, OURS, "mrr10") >= get(&m, base, "mrr10") + 0.05, "{set}: MRR@10 not above {base}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes `lines` as a judged set and evaluates it on the crate's default catalog.
fn eval_on_default_catalog(dir: &Path, name: &str, lines: &[&str]) -> (String, Value) {
    let index = dir.join("default.bin");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/default.jsonl");
    if !index.exists() {
        run(&["build", "--catalog", catalog.to_str().unwrap(), "--out", index.to_str().unwrap()]);
    }
    let set = dir.join(format!("{name}.jsonl"));
    std::fs::write(&set, lines.join("\n")).unwrap();
    eval(&index, &catalog, &set, &dir.join(format!("{name}.json")))
}

#[test]
fn eval_reports_each_style_only_for_sets_that_have_styles() {
    let dir = std::env::temp_dir().join(format!("ptmpicker-eval-styles-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let asr = r#""request": {"function": "transcribe English podcasts"}, "judge": {"task_any": ["automatic-speech-recognition"]}"#;
    let chat = r#""request": {"function": "small chat model", "task": "text-generation"}, "judge": {"task_any": ["text-generation"]}"#;
    let emb = r#""request": {"function": "sentence embeddings for semantic search"}, "judge": {"task_any": ["sentence-similarity", "feature-extraction"]}"#;
    let styled = [
        format!(r#"{{"id": "a", "style": "plain", "lang": "de", "typo": true, {asr}}}"#),
        format!(r#"{{"id": "b", "style": "terse", {chat}}}"#),
        format!(r#"{{"id": "c", "style": "plain", "misleading": true, {emb}}}"#),
    ];
    let (table, m) = eval_on_default_catalog(&dir, "styled", &styled.iter().map(String::as_str).collect::<Vec<_>>());
    let by_style = &m["by_style"];
    let rows: Vec<&str> = by_style.as_object().expect("by_style object").keys().map(String::as_str).collect();
    assert_eq!(rows.len(), 3, "plain, terse and all: {rows:?}");
    for sys in std::iter::once(OURS).chain(BASELINES) {
        assert_eq!(by_style["plain"][sys]["requests"], 2);
        assert_eq!(by_style["terse"][sys]["requests"], 1);
        assert_eq!(by_style["all"][sys], m[sys], "{sys}: 'all' is the overall row");
    }
    let plain_row = table.find("| plain | ptmpicker | 2 |").expect("plain row printed");
    let terse_row = table.find("| terse | ptmpicker | 1 |").expect("terse row printed");
    assert!(terse_row < plain_row, "documented style order (terse before plain):\n{table}");
    assert!(table.contains("| **all** | plain BM25 on card text | 3 |"), "{table}");

    let unstyled = [format!(r#"{{"id": "a", {asr}}}"#), format!(r#"{{"id": "b", {chat}}}"#)];
    let (table, m) = eval_on_default_catalog(&dir, "unstyled", &unstyled.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(m.get("by_style").is_none(), "an old set keeps today's JSON: {m}");
    assert!(!table.contains("by style"), "an old set keeps today's table:\n{table}");
    assert_eq!(m[OURS]["requests"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}
