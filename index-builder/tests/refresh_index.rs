//! `.ci/refresh-index` (the Pages workflow's index steps) run locally against the fake Hub, which
//! serves both the model listing and a dataset of parquet files in the dump's schema: a refresh
//! downloads the dump, crawls, merges and builds; a dump that does not read keeps the previous
//! dump; a failing build, or an index that lost most of its models, ships the last good index.

#[path = "support/dump_fixture.rs"]
mod dump_fixture;
#[path = "support/hub_server.rs"]
mod hub_server;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::Path;
use std::process::Command;
use temp_dir::TempDir;

use dump_fixture::{write_dump, DumpRow};
use hub_server::{models, FakeHub, HubConfig};

const REPO: &str = "librarian-bots/model_cards_with_metadata";

fn tools_missing() -> Option<&'static str> {
    ["bash", "curl", "jq", "sha256sum", "awk"]
        .into_iter()
        .find(|t| !Command::new("sh").args(["-c", &format!("command -v {t}")]).output().is_ok_and(|o| o.status.success()))
}

/// Runs the script; returns (exit code, stdout, stderr).
fn refresh(hub: &FakeHub, dir: &TempDir, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.ci/refresh-index");
    let mut c = Command::new("bash");
    c.arg(script).args(["--data", dir.path("data").to_str().unwrap(), "--out", dir.path("site/index.bin").to_str().unwrap()]).args(args);
    c.env("INDEX_BUILDER", env!("CARGO_BIN_EXE_index-builder"))
        .env("HUB_ENDPOINT", hub.url())
        .env("CRAWL_MINUTES", "2")
        .env("CRAWL_MIN_DOWNLOADS", "0")
        .env("CRAWL_RATE", "0")
        // Small shards: every index here is sharded, so each copy (to the site, to last-good and
        // back) must carry its shard files.
        .env("SHARD_KB", "1")
        .env_remove("HF_TOKEN")
        .env_remove("GITHUB_ACTIONS");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned());
    // What a workflow log shows (with --nocapture).
    eprintln!("$ refresh-index {}\n{stdout}{stderr}", args.join(" "));
    (o.status.code().unwrap_or(-1), stdout, stderr)
}

/// A dump of `n` models (ids `dump/m-N`, few downloads) plus two the crawl also has, as two files.
fn dump_files(dir: &TempDir, n: usize, crawl_ids: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut rows: Vec<DumpRow> = (0..n)
        .map(|i| DumpRow {
            pipeline_tag: Some("text-classification".into()),
            card: Some(format!("---\nlicense: mit\n---\n# Classifier {i}\n\nClassifies text into topics.\n")),
            ..DumpRow::new(&format!("dump/m-{i}"), 100 + i as i64)
        })
        .collect();
    for id in crawl_ids {
        rows.push(DumpRow { card: Some("# From the dump\n\nA card.".into()), ..DumpRow::new(id, 5) });
    }
    let half = rows.len() / 2;
    let (a, b) = rows.split_at(half);
    let mut files = Vec::new();
    for (i, part) in [a, b].into_iter().enumerate() {
        let p = dir.path(&format!("train-{i:05}-of-00002.parquet"));
        write_dump(&p, &[part.to_vec()]);
        files.push((format!("data/train-{i:05}-of-00002.parquet"), std::fs::read(&p).unwrap()));
    }
    files
}

/// The shard files beside an index (sorted).
fn shards_beside(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index-") && n.ends_with(".bin"))
        .collect();
    names.sort();
    names
}

fn search_ids(index: &Path, request: &str) -> Vec<String> {
    let o = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["search", "--index", index.to_str().unwrap(), "--top", "200", "--request", request])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let line: serde_json::Value = serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    line["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_refresh_builds_from_dump_and_crawl_and_every_failure_keeps_a_good_index() {
    if let Some(tool) = tools_missing() {
        eprintln!("skipped: `{tool}` is not installed (the workflow's runner has it)");
        return;
    }
    let dir = TempDir::new("flow");
    let crawl_models = models(30);
    let hub = FakeHub::start(crawl_models.clone(), HubConfig::default());
    let overlap: Vec<String> = crawl_models[..2].iter().map(|m| m.id.clone()).collect();
    let good_dump = dump_files(&dir, 40, &overlap);
    hub.set_dataset(REPO, good_dump.clone());
    let index = dir.path("site/index.bin");

    // 1. A full refresh: dump downloaded, crawl complete, both merged into the index.
    let (code, stdout, stderr) = refresh(&hub, &dir, &["--refresh"], &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("crawl complete"), "{stdout}");
    assert!(stdout.contains("merged       2 models found in more than one catalog"), "{stdout}");
    assert_eq!(std::fs::read_to_string(dir.path("data/last-good/models")).unwrap().trim(), "70");
    let ids = search_ids(&index, r#"{"function":"classify text into topics"}"#);
    assert!(ids.iter().any(|i| i == "dump/m-7"), "a dump model: {ids:?}");
    let all = search_ids(&index, r#"{"function":"model"}"#);
    assert!(all.iter().any(|i| i == "org1/model-00001"), "a crawled model: {all:?}");
    assert!(shards_beside(&index).len() > 1, "a sharded index ships with its shards");
    assert_eq!(shards_beside(&index), shards_beside(&dir.path("data/last-good/index.bin")));
    let dump_bytes = std::fs::read(dir.path("data/dump/train-00000-of-00002.parquet")).unwrap();
    assert_eq!(hub.requests().iter().filter(|r| r.target.contains("/resolve/main/data/")).count(), 2);

    // 2. The Hub now serves a dump that does not read (a column missing): the download is
    //    refused after `build --check`, the previous dump is kept, and the index still builds.
    let broken_path = dir.path("broken.parquet");
    dump_fixture::write_other_schema(&broken_path, "message schema { optional binary modelId (STRING); optional int64 downloads; }", 3);
    hub.set_dataset(REPO, vec![("data/train-00000-of-00001.parquet".into(), std::fs::read(&broken_path).unwrap())]);
    let (code, stdout, stderr) = refresh(&hub, &dir, &["--refresh"], &[("DUMP_MAX_AGE_DAYS", "0")]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("the downloaded dump does not read") && stderr.contains("missing column(s)"), "{stderr}");
    assert!(stderr.contains("keeping the previous dump"), "{stderr}");
    assert_eq!(std::fs::read(dir.path("data/dump/train-00000-of-00002.parquet")).unwrap(), dump_bytes, "the previous dump is kept");
    assert!(!dir.path("data/dump/train-00000-of-00001.parquet").exists());
    assert!(stdout.contains("wrote"), "{stdout}");
    let second = std::fs::read(&index).unwrap();
    let second_shards = shards_beside(&index);

    // 3. The build fails (the kept dump got damaged): the last good index is shipped.
    std::fs::write(dir.path("data/dump/train-00001-of-00002.parquet"), b"PAR1 garbage").unwrap();
    let (code, stdout, stderr) = refresh(&hub, &dir, &[], &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("the build failed") && stderr.contains("train-00001-of-00002.parquet"), "{stderr}");
    assert!(stderr.contains("shipping the last good index (70 models)"), "{stderr}");
    assert_eq!(std::fs::read(&index).unwrap(), second, "the last good index is what ships");
    assert_eq!(shards_beside(&index), second_shards, "with its shards");
    assert!(search_ids(&index, r#"{"function":"classify text into topics"}"#).iter().any(|i| i == "dump/m-7"));
    std::fs::write(dir.path("data/dump/train-00001-of-00002.parquet"), &good_dump[1].1).unwrap();

    // 4. The new index builds but lost most models (only the crawl's pass --min-downloads 1000):
    //    refused, the last good one ships.
    let (code, stdout, stderr) = refresh(&hub, &dir, &[], &[("MIN_DOWNLOADS", "1000")]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("holds 30 models, less than 0.5 of the last good index's 70"), "{stderr}");
    assert_eq!(std::fs::read(&index).unwrap(), second);
}

#[test]
fn without_any_data_the_built_in_catalog_is_built_and_a_dead_hub_is_survived() {
    if let Some(tool) = tools_missing() {
        eprintln!("skipped: `{tool}` is not installed (the workflow's runner has it)");
        return;
    }
    let dir = TempDir::new("empty");
    let hub = FakeHub::start(vec![], HubConfig::default());
    // No dataset served (404) and an empty listing: the refresh warns and builds what it has,
    // the crawl (complete, zero models) adds nothing, so the built-in catalog is used.
    let (code, stdout, stderr) = refresh(&hub, &dir, &["--refresh"], &[]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("cannot list the dump"), "{stderr}");
    assert!(stdout.contains("catalog/default.jsonl"), "{stdout}");
    let ids = search_ids(&dir.path("site/index.bin"), r#"{"function":"transcribe speech"}"#);
    assert!(!ids.is_empty());
}
