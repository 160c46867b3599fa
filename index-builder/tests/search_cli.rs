//! The `search` command's JSON Lines contract, as outside tools use it: one output line per input
//! line, in order; results in rank order with id, score, verdicts and explanation; bad lines get an
//! `error` (and exit code 1) without stopping the others; unknown keys are ignored with a warning.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn default_index(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("default.bin");
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/default.jsonl");
    let status = bin().args(["build", "--catalog", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()]).status().unwrap();
    assert!(status.success());
    out
}

#[test]
fn requests_in_json_lines_out() {
    let dir = std::env::temp_dir().join(format!("ptmpicker-search-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let index = default_index(&dir);
    let input = [
        r#"{"id": "asr", "request": {"function": "transcribe English podcasts", "license": "commercial use"}}"#,
        r#"not json"#,
        r#"{"id": "ner", "request": {"function": "find people and places in news", "notes": "extra key"}}"#,
        r#"{"id": "empty", "request": {}}"#,
    ]
    .join("\n");
    let mut child = bin()
        .args(["search", "--index", index.to_str().unwrap(), "--requests", "-", "--top", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code 1");
    let lines: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "one output line per input line");
    assert_eq!(lines[0]["request_id"], "asr");
    let results = lines[0]["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 5);
    for r in results {
        assert!(r["id"].as_str().unwrap().contains('/'));
        assert!(r["score"].is_number());
        assert_eq!(r["task"], "automatic-speech-recognition");
        assert_eq!(r["verdicts"]["license"]["status"], "satisfied");
        assert_eq!(r["verdicts"]["license"]["decided_by"], "rule");
        assert!(r["explanation"]["fields"].is_array());
    }
    let scores: Vec<f64> = results.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]) || results.iter().any(|r| r["verdicts"]["license"]["status"] != "satisfied"));
    assert_eq!(lines[1]["request_id"], "line-2");
    assert!(lines[1]["error"].as_str().unwrap().contains("not valid JSON"));
    assert_eq!(lines[2]["request_id"], "ner");
    assert_eq!(lines[2]["results"][0]["task"], "token-classification");
    assert!(lines[2]["warnings"][0].as_str().unwrap().contains("notes"));
    assert!(lines[3]["error"].as_str().unwrap().contains("no template fields"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_index_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("ptmpicker-search-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.bin");
    std::fs::write(&bad, b"<!DOCTYPE html>").unwrap();
    let out = bin().args(["search", "--index", bad.to_str().unwrap(), "--request", r#"{"function":"x"}"#]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a PTMPicker index"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn models_a_rule_removed_are_listed_with_the_verdict_that_removed_them() {
    let dir = std::env::temp_dir().join(format!("ptmpicker-search-excluded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let index = default_index(&dir);
    let out = bin()
        .args(["search", "--index", index.to_str().unwrap(), "--request"])
        .arg(r#"{"function": "transcribe English podcasts", "license": "commercial use"}"#)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    let excluded = line["excluded"].as_array().unwrap();
    let removed = line["violations_filtered"].as_u64().unwrap() as usize;
    assert!(!excluded.is_empty() && excluded.len() <= removed.min(200), "{} of {removed}", excluded.len());
    let ids: Vec<&str> = line["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for e in excluded {
        let field = e["removed_by"].as_str().unwrap();
        assert_eq!(e["verdicts"][field]["status"], "violated", "{e}");
        assert!(!e["verdicts"][field]["reason"].as_str().unwrap().is_empty());
        assert!(!ids.contains(&e["id"].as_str().unwrap()), "a removed model is not a result");
    }
    let scores: Vec<f64> = excluded.iter().map(|e| e["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best-scoring first");
    let _ = std::fs::remove_dir_all(&dir);
}
