//! `crawl --previous F` against the local fake Hub: unchanged models are not fetched again
//! (README requests counted) and keep their previous card with fresh listing facts; changed and new
//! models are fetched; models no longer listed are dropped; a card that failed before is fetched
//! again; with a time budget the incremental crawl stops cleanly and the same command resumes it.

#[path = "support/hub_server.rs"]
mod hub_server;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use temp_dir::TempDir;

use hub_server::{models, FakeHub, Fault, HubConfig, Model};
use serde_json::Value;

fn crawl(hub: &FakeHub, out: &Path, extra: &[&str]) -> (bool, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["crawl", "--endpoint", &hub.url(), "--out", out.to_str().unwrap()])
        .args(["--backoff-ms", "20", "--timeout", "2", "--rate-per-sec", "0", "--page-size", "25"])
        .args(extra)
        .env_remove("HF_TOKEN")
        .output()
        .unwrap();
    (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn records(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn number(stdout: &str, label: &str) -> u64 {
    let line = stdout.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label:?} in\n{stdout}"));
    line[label.len()..].split_whitespace().next().unwrap().parse().unwrap()
}

/// The Hub a week later: every model has more downloads; `changed` models have a new commit and
/// card; `removed` are gone; `added` new models appear.
fn a_week_later(before: &[Model], changed: &[usize], removed: &[usize], added: usize) -> Vec<Model> {
    let mut after: Vec<Model> = before
        .iter()
        .enumerate()
        .filter(|(i, _)| !removed.contains(i))
        .map(|(i, m)| {
            let mut m = m.clone();
            m.downloads += 7;
            if changed.contains(&i) {
                m.sha = Some(format!("{:040x}", 0xc0ffee + i));
                m.last_modified = Some("2024-07-01T09:30:00.000Z".into());
                m.card = Some(format!("---\nlicense: apache-2.0\n---\n# Model {i}, version 2\n").into_bytes());
            }
            m
        })
        .collect();
    for j in 0..added {
        let mut m = Model::new(&format!("neworg/fresh-{j}"), 500_000 + j as u64);
        m.card = Some(format!("# Fresh {j}\n").into_bytes());
        m.sha = Some(format!("{:040x}", 0xbeef + j));
        after.push(m);
    }
    after
}

#[test]
fn unchanged_models_are_carried_over_and_only_changed_or_new_ones_fetched() {
    let dir = TempDir::new("basic");
    let before = models(120);
    let week1 = FakeHub::start(before.clone(), HubConfig::default());
    // One card fails in week 1 (it is recorded with its error and must be fetched again).
    let failing = before[30].id.clone();
    week1.fail(&format!("/{failing}/resolve"), vec![Fault::Status(500, vec![])]);
    let prev = dir.path("week1.jsonl");
    let (ok, stdout, stderr) = crawl(&week1, &prev, &["--max-retries", "0"]);
    assert!(ok, "{stdout}\n{stderr}");
    assert_eq!(number(&stdout, "errors"), 1, "{stdout}");
    let week1_records = records(&prev);
    let failed = week1_records.iter().find(|r| r["id"] == failing.as_str()).unwrap();
    assert!(failed["card"].is_null() && failed["card_error"].as_str().unwrap().contains("500"), "{failed}");
    assert!(week1_records[0]["sha"].is_string() && week1_records[0]["last_modified"].is_string(), "{}", week1_records[0]);

    let changed = [0usize, 5, 17, 64, 99];
    let removed = [3usize, 50, 119];
    let after = a_week_later(&before, &changed, &removed, 4);
    let week2 = FakeHub::start(after.clone(), HubConfig::default());
    let next = dir.path("week2.jsonl");
    let (ok, stdout, stderr) = crawl(&week2, &next, &["--previous", prev.to_str().unwrap()]);
    assert!(ok, "{stdout}\n{stderr}");
    eprintln!("{stdout}");

    // Requests: exactly the changed, the new and the failed models' cards; no unchanged one.
    let fetched: Vec<String> = week2.card_requests();
    let mut want: Vec<String> = changed.iter().map(|&i| before[i].id.clone()).collect();
    want.extend((0..4).map(|j| format!("neworg/fresh-{j}")));
    want.push(failing.clone());
    let (got_set, want_set): (HashSet<_>, HashSet<_>) = (fetched.iter().cloned().collect(), want.iter().cloned().collect());
    assert_eq!(got_set, want_set, "cards fetched");
    assert_eq!(fetched.len(), want.len(), "each fetched once: {fetched:?}");
    let unchanged = after.len() - want.len();
    assert_eq!(number(&stdout, "cards reused"), unchanged as u64, "{stdout}");
    assert_eq!(number(&stdout, "dropped"), removed.len() as u64, "{stdout}");
    assert_eq!(number(&stdout, "models written"), after.len() as u64, "{stdout}");

    // The new catalog: every listed model once, with the right card and fresh downloads.
    let got = records(&next);
    assert_eq!(got.len(), after.len());
    for m in &after {
        let r = got.iter().find(|r| r["id"] == m.id.as_str()).unwrap_or_else(|| panic!("{} missing", m.id));
        assert_eq!(r["downloads"], m.downloads, "fresh listing facts for {}", m.id);
        match &m.card {
            Some(card) => assert_eq!(r["card"].as_str().map(str::as_bytes), Some(&card[..]), "{}", m.id),
            None => assert!(r["card"].is_null(), "{}", m.id),
        }
        assert!(r.get("card_error").is_none(), "{r}");
    }
    for &i in &removed {
        assert!(!got.iter().any(|r| r["id"] == before[i].id.as_str()), "{} was removed from the Hub", before[i].id);
    }
}

#[test]
fn an_incremental_crawl_stops_on_its_time_budget_and_resumes() {
    let dir = TempDir::new("budget");
    let before = models(80);
    let week1 = FakeHub::start(before.clone(), HubConfig::default());
    let prev = dir.path("week1.jsonl");
    let (ok, stdout, stderr) = crawl(&week1, &prev, &[]);
    assert!(ok, "{stdout}\n{stderr}");

    let changed: Vec<usize> = (0..80).filter(|i| i % 4 == 0).collect();
    let after = a_week_later(&before, &changed, &[], 6);
    let week2 = FakeHub::start(after.clone(), HubConfig { card_delay: Duration::from_millis(150), ..Default::default() });
    let next = dir.path("week2.jsonl");
    let args = ["--previous", prev.to_str().unwrap(), "--max-minutes", "0.01", "--concurrency", "2"];
    let mut runs = 0;
    loop {
        runs += 1;
        assert!(runs <= 30, "the crawl never completed");
        let (ok, stdout, stderr) = crawl(&week2, &next, &args);
        assert!(ok, "{stdout}\n{stderr}");
        if runs == 1 {
            assert!(stderr.contains("crawl stopped cleanly"), "the first run should use up its 0.6 s budget:\n{stdout}\n{stderr}");
        }
        if stdout.contains("(complete)") {
            assert_eq!(number(&stdout, "dropped"), 0, "{stdout}");
            break;
        }
    }
    assert!(runs > 1, "the budget never stopped the crawl");
    let got = records(&next);
    assert_eq!(got.len(), after.len(), "every model exactly once after {runs} runs");
    let ids: HashSet<&str> = got.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), after.len());
    let unchanged: HashSet<String> = (0..80).filter(|i| !changed.contains(i)).map(|i| before[i].id.clone()).collect();
    let fetched = week2.card_requests();
    let refetched: Vec<&String> = fetched.iter().filter(|id| unchanged.contains(*id)).collect();
    assert!(refetched.is_empty(), "unchanged models fetched: {refetched:?}");
    assert!(fetched.len() >= changed.len() + 6, "{fetched:?}");
    for r in &got {
        let m = after.iter().find(|m| m.id == r["id"].as_str().unwrap()).unwrap();
        assert_eq!(r["card"].as_str().map(str::as_bytes), m.card.as_deref(), "{}", m.id);
    }
}

#[test]
fn a_bad_previous_is_refused_before_anything_is_written() {
    let dir = TempDir::new("bad");
    let hub = FakeHub::start(models(10), HubConfig::default());
    let prev = dir.path("prev.jsonl");
    std::fs::write(&prev, "[{\"id\": \"a/b\"}]").unwrap();
    let (ok, _, stderr) = crawl(&hub, &dir.path("out.jsonl"), &["--previous", prev.to_str().unwrap()]);
    assert!(!ok && stderr.contains("is a JSON array"), "{stderr}");
    let (ok, _, stderr) = crawl(&hub, &prev, &["--previous", prev.to_str().unwrap()]);
    assert!(!ok && stderr.contains("--previous and --out are the same file"), "{stderr}");
    let (ok, _, stderr) = crawl(&hub, &dir.path("out.jsonl"), &["--previous", dir.path("missing.jsonl").to_str().unwrap()]);
    assert!(!ok && stderr.contains("--previous: cannot open"), "{stderr}");
    assert!(hub.requests().is_empty(), "nothing fetched");
    assert!(!dir.path("out.jsonl").exists());
}
