//! The sharded index ranks exactly like the single file (issue 11 item 3): the default catalog
//! built both ways, every judged request (tuning, people, held-out sets — only compared, never
//! inspected) searched on both with `search`, which on a sharded head installs only the shards
//! each request reads, as the app does, and the document shards of what it shows. Same models,
//! order, scores, verdicts and explanations, and the same display data (facts read from stored
//! text, such as the base model, for the results and the models left out).

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/temp_dir.rs"]
mod temp_dir;
use temp_dir::TempDir;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn run(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_index-builder")).args(args).current_dir(root()).output().expect("run index-builder");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(out.status.success(), "index-builder {args:?} failed:\n{stderr}");
    (stdout, stderr)
}

fn shard_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index-"))
        .collect();
    names.sort();
    names
}

#[test]
fn sharded_search_equals_single_file_search() {
    let tmp = TempDir::new("sharded-index");
    let catalog = root().join("index-builder/catalog/default.jsonl");
    let single = tmp.root().join("single/index.bin");
    let sharded = tmp.root().join("sharded/index.bin");
    std::fs::create_dir_all(single.parent().unwrap()).unwrap();
    std::fs::create_dir_all(sharded.parent().unwrap()).unwrap();
    let catalog = catalog.to_str().unwrap();
    run(&["build", "--catalog", catalog, "--out", single.to_str().unwrap(), "--shard-kb", "0"]);
    let (report, _) = run(&["build", "--catalog", catalog, "--out", sharded.to_str().unwrap(), "--shard-kb", "4"]);
    assert!(report.contains("sharded: head"), "{report}");
    assert!(shard_files(single.parent().unwrap()).is_empty(), "a single file has no shards");
    let files = shard_files(sharded.parent().unwrap());
    assert!(files.len() > 10, "several shards: {files:?}");

    // Every request of the judged sets, one JSON Lines input.
    let mut requests = String::new();
    for set in ["requests.jsonl", "people.jsonl", "holdout.jsonl", "people-holdout.jsonl"] {
        requests.push_str(&std::fs::read_to_string(root().join("tests/eval").join(set)).unwrap());
    }
    let input = tmp.root().join("requests.jsonl");
    std::fs::write(&input, &requests).unwrap();
    let count = requests.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(count > 100, "{count} requests");

    let (want, _) = run(&["search", "--index", single.to_str().unwrap(), "--requests", input.to_str().unwrap()]);
    let (got, log) = run(&["search", "--index", sharded.to_str().unwrap(), "--requests", input.to_str().unwrap()]);
    assert_eq!(want.lines().count(), count);
    for (n, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        assert_eq!(g, w, "request {n} ranks differently on the sharded index");
    }
    assert!(want.contains("\"verdicts\""), "the comparison covers verdicts");
    assert!(want.contains("\"base_model\":\""), "the comparison covers display data read from document shards");
    // The shards each request read were fetched lazily (and all files were named in the head).
    assert!(log.contains("sharded index: read"), "{log}");

    // Rebuilding as one file removes the shards of the sharded build.
    run(&["build", "--catalog", catalog, "--out", sharded.to_str().unwrap(), "--shard-kb", "0"]);
    assert!(shard_files(sharded.parent().unwrap()).is_empty());
}
