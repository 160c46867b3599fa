//! `index-builder crawl` against a local fake Hub: pagination, retries, timeouts, garbled pages,
//! missing and odd cards, filters, the token, and kill -9 / resume at several moments; and against
//! hostile servers: next links to another origin, redirects, pagination loops, fresh cursors for
//! the same models, huge `Retry-After`s, and the time budget.

#[path = "support/hub_server.rs"]
mod hub_server;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use temp_dir::TempDir;

use hub_server::{models, FakeHub, Fault, HubConfig, Model, Paging, HOSTILE_PAGE_BOUND};
use serde_json::Value;

fn crawl_cmd(hub: &FakeHub, out: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_index-builder"));
    c.args(["crawl", "--endpoint", &hub.url(), "--out", out.to_str().unwrap()]);
    for (flag, value) in [("--backoff-ms", "20"), ("--timeout", "2"), ("--rate-per-sec", "0"), ("--page-size", "50")] {
        if !extra.contains(&flag) {
            c.args([flag, value]);
        }
    }
    c.args(extra);
    c.env_remove("HF_TOKEN");
    c
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn run_ok(mut cmd: Command) -> (String, String) {
    let o = cmd.output().expect("spawn index-builder");
    let (out, err) = text(&o);
    assert!(o.status.success(), "crawl failed ({:?})\nstdout:\n{out}\nstderr:\n{err}", o.status);
    (out, err)
}

fn lines(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

/// Every expected model exactly once, with the right card.
fn assert_complete(out: &Path, expected: &[Model]) {
    let got = lines(out);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &got {
        *seen.entry(r["id"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let dupes: Vec<_> = seen.iter().filter(|(_, &n)| n > 1).collect();
    assert!(dupes.is_empty(), "duplicates: {dupes:?}");
    assert_eq!(got.len(), expected.len(), "record count");
    for m in expected {
        let r = got.iter().find(|r| r["id"] == m.id.as_str()).unwrap_or_else(|| panic!("{} missing", m.id));
        match &m.card {
            Some(card) if m.card_status.is_none() => assert_eq!(r["card"].as_str().unwrap().as_bytes(), &card[..], "{}", m.id),
            _ => assert!(r["card"].is_null(), "{}", m.id),
        }
        assert_eq!(r["downloads"], m.downloads);
    }
}

fn summary_number(stdout: &str, label: &str) -> u64 {
    let line = stdout.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label:?} in\n{stdout}"));
    line[label.len()..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn pagination_with_absolute_links_fetches_every_model_and_card() {
    let hub = FakeHub::start(models(230), HubConfig::default());
    let dir = TempDir::new("abs");
    let out = dir.path("cat.jsonl");
    let started = Instant::now();
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &[]));
    eprintln!("230 models, 5 pages: {:.2} s", started.elapsed().as_secs_f64());
    assert_complete(&out, hub.models());
    let listing = hub.listing_requests();
    assert_eq!(listing.len(), 5, "{listing:?}");
    let first = &listing[0].target;
    for want in ["full=true", "cardData=true", "sort=downloads", "direction=-1", "limit=50", "expand=safetensors", "expand=cardData"] {
        assert!(first.contains(want), "{first} lacks {want}");
    }
    assert!(listing[1].target.contains("cursor="));
    // Flat records, readable by `build`: license from tags, params from safetensors.
    let recs = lines(&out);
    assert_eq!(recs[0]["id"], "org0/model-00000");
    assert_eq!(recs[0]["license"], "mit");
    assert_eq!(recs[1]["params"], 1_000_001);
    assert!(recs[0].get("cardData").is_none() && recs[0].get("safetensors").is_none());
    assert_eq!(summary_number(&stdout, "models written"), 230);
    assert_eq!(summary_number(&stdout, "cards missing"), 46);
    assert_eq!(summary_number(&stdout, "cards fetched"), 184);
    assert_eq!(summary_number(&stdout, "errors"), 0);
    assert!(dir.path("cat.jsonl.state").exists());
}

#[test]
fn pagination_with_relative_links_and_a_clamped_page_size() {
    let hub = FakeHub::start(models(101), HubConfig { relative_links: true, force_page_size: Some(17), ..Default::default() });
    let dir = TempDir::new("rel");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &["--concurrency", "3"]));
    assert_complete(&out, hub.models());
    assert_eq!(hub.listing_requests().len(), 6);
}

fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = ptmpicker::llm::policy::civil_from_days(days);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        DAYS[(days % 7) as usize],
        MONTHS[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[test]
fn rate_limits_honour_retry_after_seconds_and_http_dates() {
    let hub = FakeHub::start(models(60), HubConfig::default());
    hub.fail("/api/models", vec![Fault::Status(429, vec![("Retry-After".into(), "1".into())])]);
    let date = http_date(SystemTime::now() + Duration::from_secs(3));
    hub.fail("model-00003/resolve", vec![Fault::Status(429, vec![("Retry-After".into(), date)])]);
    let dir = TempDir::new("429");
    let out = dir.path("cat.jsonl");
    let started = Instant::now();
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &[]));
    let elapsed = started.elapsed();
    eprintln!("429 test: {:.2} s", elapsed.as_secs_f64());
    assert_complete(&out, hub.models());
    let listing = hub.listing_requests();
    let gap = listing[1].at - listing[0].at;
    assert!(gap >= Duration::from_millis(950), "listing retried after {gap:?}, before Retry-After: 1");
    let card_tries: Vec<_> = hub.requests().into_iter().filter(|r| r.target.contains("model-00003/resolve")).collect();
    assert_eq!(card_tries.len(), 2);
    let gap = card_tries[1].at - card_tries[0].at;
    assert!(gap >= Duration::from_millis(1000), "card retried after {gap:?}, before the Retry-After date");
    assert!(summary_number(&stdout, "retries") >= 2);
}

#[test]
fn server_errors_and_cut_bodies_are_retried() {
    let hub = FakeHub::start(models(120), HubConfig::default());
    hub.fail("cursor=", vec![Fault::Status(500, vec![]), Fault::Status(503, vec![]), Fault::CutShort]);
    hub.fail("model-00001/resolve", vec![Fault::Status(502, vec![]), Fault::Status(502, vec![])]);
    hub.fail("model-00010/resolve", vec![Fault::CutShort]);
    let dir = TempDir::new("5xx");
    let out = dir.path("cat.jsonl");
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &[]));
    assert_complete(&out, hub.models());
    assert_eq!(summary_number(&stdout, "retries"), 6);
    assert_eq!(summary_number(&stdout, "errors"), 0);
}

#[test]
fn slow_responses_time_out_and_are_retried() {
    let hub = FakeHub::start(models(40), HubConfig::default());
    hub.fail("/api/models", vec![Fault::Stall(Duration::from_secs(4))]);
    hub.fail("model-00002/resolve", vec![Fault::Stall(Duration::from_secs(4))]);
    let dir = TempDir::new("slow");
    let out = dir.path("cat.jsonl");
    let started = Instant::now();
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &["--timeout", "0.5"]));
    let elapsed = started.elapsed();
    eprintln!("timeout test: {:.2} s", elapsed.as_secs_f64());
    assert_complete(&out, hub.models());
    assert!(elapsed < Duration::from_secs(4), "waited for the stalled response: {elapsed:?}");
    assert!(summary_number(&stdout, "retries") >= 2);
}

#[test]
fn a_persistently_failing_card_is_written_without_card_and_counted() {
    let hub = FakeHub::start(models(20), HubConfig::default());
    hub.fail("model-00005/resolve", vec![Fault::Status(500, vec![]); 10]);
    let dir = TempDir::new("cardfail");
    let out = dir.path("cat.jsonl");
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &["--max-retries", "2"]));
    assert_eq!(summary_number(&stdout, "errors"), 1);
    assert!(stdout.contains("org5/model-00005: HTTP 500"), "{stdout}");
    let recs = lines(&out);
    assert_eq!(recs.len(), 20);
    assert!(recs.iter().find(|r| r["id"] == "org5/model-00005").unwrap()["card"].is_null());
}

#[test]
fn a_garbled_page_is_retried_and_a_persistently_garbled_one_stops_the_crawl_resumably() {
    // Once: retried, nothing lost.
    let hub = FakeHub::start(models(120), HubConfig::default());
    hub.fail("cursor=", vec![Fault::Garbage(b"[{\"id\": \"org0/trunc".to_vec())]);
    let dir = TempDir::new("garbled");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &[]));
    assert_complete(&out, hub.models());

    // Always: a clear error naming the page, exit code 2, state kept; a rerun resumes.
    let hub = FakeHub::start(models(120), HubConfig::default());
    hub.fail("cursor=", vec![Fault::Garbage(b"<html>oops</html>".to_vec()); 5]);
    let out = dir.path("cat2.jsonl");
    let o = crawl_cmd(&hub, &out, &["--max-retries", "2"]).output().unwrap();
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("not valid JSON") && stderr.contains("cursor=") && stderr.contains("rerun"), "{stderr}");
    assert_eq!(lines(&out).len(), 50, "the first page is kept");
    hub.clear_faults();
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &["--max-retries", "2"]));
    assert!(stdout.contains("(resumed)"), "{stdout}");
    assert_complete(&out, hub.models());
}

#[test]
fn missing_gated_empty_and_odd_cards() {
    let mut ms = models(12);
    ms[0].card = Some(b"\xEF\xBB\xBF---\nlicense: mit\n---\r\n# BOM and CRLF\r\n".to_vec());
    ms[1].card = Some(b"bad utf8 \xFF\xFE here \xC3( and a NUL \x00 and emoji \xF0\x9F\xA6\x80 and \"quotes\" \\ and \x1b[31m".to_vec());
    ms[2].card = Some(vec![b'x'; 5000]);
    ms[3].card = Some(b"   \n\n".to_vec());
    ms[5].card_status = Some(403);
    ms[6].card_status = Some(410);
    ms[7].card = Some("é".repeat(3000).into_bytes()); // 6000 bytes, cut at 4096 inside a character
    let hub = FakeHub::start(ms, HubConfig::default());
    let dir = TempDir::new("odd");
    let out = dir.path("cat.jsonl");
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &["--max-card-bytes", "4096"]));
    let recs = lines(&out);
    let card = |i: usize| recs.iter().find(|r| r["id"] == hub.models()[i].id.as_str()).unwrap()["card"].clone();
    assert_eq!(card(0), "---\nlicense: mit\n---\r\n# BOM and CRLF\r\n");
    let odd = card(1);
    let odd = odd.as_str().unwrap();
    assert!(odd.contains("bad utf8 \u{FFFD}\u{FFFD} here \u{FFFD}( and a NUL \u{0} and emoji 🦀 and \"quotes\" \\"), "{odd:?}");
    assert_eq!(card(2).as_str().unwrap().len(), 4096);
    assert!(card(3).is_null());
    assert!(card(4).is_null()); // no README (404)
    assert!(card(5).is_null() && card(6).is_null());
    assert_eq!(card(7).as_str().unwrap(), "é".repeat(2048));
    assert_eq!(summary_number(&stdout, "cards missing"), 5, "{stdout}"); // 3 (blank), 4 and 9 (404), 5 (403), 6 (410)
    assert!(stdout.contains("(2 truncated)"), "{stdout}");
    assert_eq!(summary_number(&stdout, "errors"), 0);
}

#[test]
fn min_downloads_stops_the_listing_early() {
    let hub = FakeHub::start(models(300), HubConfig::default());
    let ms = hub.models().to_vec();
    let threshold = ms[120].downloads; // page 3 of 6
    let dir = TempDir::new("min");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &["--min-downloads", &threshold.to_string()]));
    assert_complete(&out, &ms[..121]);
    assert_eq!(hub.listing_requests().len(), 3, "pages after the threshold were fetched");

    // A server that ignores sort: filtered, but never stopped early.
    let mut shuffled = models(120);
    shuffled.swap(10, 110);
    let hub = FakeHub::start(shuffled.clone(), HubConfig { honor_sort: false, ..Default::default() });
    let out = dir.path("cat2.jsonl");
    let threshold = 1_000_000 - 50 * 13;
    run_ok(crawl_cmd(&hub, &out, &["--min-downloads", &threshold.to_string()]));
    let want: Vec<Model> = shuffled.into_iter().filter(|m| m.downloads >= threshold).collect();
    assert_complete(&out, &want);
}

#[test]
fn pipeline_tags_and_limit() {
    let hub = FakeHub::start(models(150), HubConfig::default());
    let dir = TempDir::new("tags");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &["--pipeline-tag", "fill-mask", "--pipeline-tag", "automatic-speech-recognition"]));
    let want: Vec<Model> = hub.models().iter().filter(|m| m.pipeline_tag.as_deref() != Some("text-generation")).cloned().collect();
    assert_complete(&out, &want);
    let listing = hub.listing_requests();
    assert!(listing.iter().any(|l| l.target.contains("pipeline_tag=fill-mask")));
    assert!(listing.iter().any(|l| l.target.contains("pipeline_tag=automatic-speech-recognition")));

    let out = dir.path("top7.jsonl");
    run_ok(crawl_cmd(&hub, &out, &["--limit", "7"]));
    assert_complete(&out, &hub.models()[..7]);
}

#[test]
fn hf_token_is_sent_as_bearer_and_never_printed() {
    let hub = FakeHub::start(models(30), HubConfig::default());
    hub.fail("model-00001/resolve", vec![Fault::Status(500, vec![]); 10]);
    let dir = TempDir::new("token");
    let out = dir.path("cat.jsonl");
    let mut cmd = crawl_cmd(&hub, &out, &["--max-retries", "1"]);
    cmd.env("HF_TOKEN", "hf_SECRETtoken123");
    let (stdout, stderr) = run_ok(cmd);
    assert!(!stdout.contains("SECRET") && !stderr.contains("SECRET"));
    let reqs = hub.requests();
    assert!(reqs.iter().all(|r| r.authorization.as_deref() == Some("Bearer hf_SECRETtoken123")));
    assert!(!std::fs::read_to_string(dir.path("cat.jsonl.state")).unwrap().contains("SECRET"));

    let hub = FakeHub::start(models(3), HubConfig::default());
    let out = dir.path("anon.jsonl");
    run_ok(crawl_cmd(&hub, &out, &[]));
    assert!(hub.requests().iter().all(|r| r.authorization.is_none()));
}

#[test]
fn reruns_are_safe() {
    let hub = FakeHub::start(models(40), HubConfig::default());
    let dir = TempDir::new("rerun");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &[]));
    let before = std::fs::read(&out).unwrap();
    let n = hub.requests().len();
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &[]));
    assert!(stdout.contains("already complete (40 models)"), "{stdout}");
    assert_eq!(hub.requests().len(), n, "a complete crawl makes no requests");
    assert_eq!(std::fs::read(&out).unwrap(), before);

    // Other options against the same state: refused, file untouched.
    let o = crawl_cmd(&hub, &out, &["--min-downloads", "5"]).output().unwrap();
    assert!(!o.status.success() && text(&o).1.contains("other options"), "{}", text(&o).1);
    // An existing output without state: refused unless --restart.
    std::fs::remove_file(dir.path("cat.jsonl.state")).unwrap();
    let o = crawl_cmd(&hub, &out, &[]).output().unwrap();
    assert!(!o.status.success() && text(&o).1.contains("--restart"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    run_ok(crawl_cmd(&hub, &out, &["--restart"]));
    assert_complete(&out, hub.models());
}

enum KillAt {
    After(Duration),
    Lines(usize),
}

fn count_lines(out: &Path) -> usize {
    std::fs::read(out).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0)
}

/// Starts the crawl and SIGKILLs it at `at`. Returns false if it finished first.
fn run_and_kill(hub: &FakeHub, out: &Path, at: &KillAt) -> bool {
    let mut child = crawl_cmd(hub, out, &["--concurrency", "4"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let due = match at {
            KillAt::After(d) => started.elapsed() >= *d,
            KillAt::Lines(n) => count_lines(out) >= *n,
        };
        if due {
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            return true;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("crawl did not reach the kill point");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn killed_at_any_moment_and_rerun_yields_every_model_exactly_once() {
    let hub = FakeHub::start(models(400), HubConfig { card_delay: Duration::from_millis(4), ..Default::default() });
    let dir = TempDir::new("kill");
    let points = [
        KillAt::After(Duration::from_millis(5)),
        KillAt::After(Duration::from_millis(40)),
        KillAt::Lines(1),
        KillAt::Lines(49),
        KillAt::Lines(137),
        KillAt::Lines(270),
        KillAt::Lines(399),
    ];
    let mut killed_runs = 0;
    for (i, at) in points.iter().enumerate() {
        let out = dir.path(&format!("cat{i}.jsonl"));
        if run_and_kill(&hub, &out, at) {
            killed_runs += 1;
        }
        let started = Instant::now();
        let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &["--concurrency", "4"]));
        eprintln!(
            "kill point {i}: resumed to completion in {:.2} s ({})",
            started.elapsed().as_secs_f64(),
            stdout.lines().nth(1).unwrap_or("")
        );
        assert_complete(&out, hub.models());
    }
    assert!(killed_runs >= 5, "only {killed_runs} runs were killed before finishing");

    // Killed again and again, each time a little further in.
    let out = dir.path("many.jsonl");
    let mut kills = 0;
    let mut target = 23;
    while run_and_kill(&hub, &out, &KillAt::Lines(target)) {
        kills += 1;
        // Between runs the output may end in a partial line; everything before it parses.
        let bytes = std::fs::read(&out).unwrap_or_default();
        let complete = &bytes[..bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0)];
        for l in complete.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            serde_json::from_slice::<Value>(l).expect("complete lines are JSON");
        }
        target = count_lines(&out) + 41;
        assert!(kills < 50);
    }
    assert!(kills >= 5, "only {kills} kills");
    assert_complete(&out, hub.models());
}

#[test]
fn crawled_catalog_builds_an_index() {
    let hub = FakeHub::start(models(80), HubConfig::default());
    let dir = TempDir::new("build");
    let out = dir.path("cat.jsonl");
    run_ok(crawl_cmd(&hub, &out, &[]));
    let index = dir.path("index.bin");
    let o = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["build", "--catalog", out.to_str().unwrap(), "--out", index.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("indexed      80 models"), "{stdout}");
    assert!(stdout.contains("skipped      0"), "{stdout}");
}

#[test]
fn a_server_refusing_expand_gets_the_plain_listing() {
    let hub = FakeHub::start(models(70), HubConfig::default());
    hub.fail("expand=", vec![Fault::Status(400, vec![])]);
    let dir = TempDir::new("expand");
    let out = dir.path("cat.jsonl");
    let (_, stderr) = run_ok(crawl_cmd(&hub, &out, &[]));
    assert!(stderr.contains("expand"), "{stderr}");
    assert_complete(&out, hub.models());
    let listing = hub.listing_requests();
    assert!(listing[0].target.contains("expand=") && !listing[1].target.contains("expand="), "{listing:?}");
    assert!(listing[1].target.contains("full=true&cardData=true"));
}

/// Runs `cmd`, killing it if it is still running after `limit` (so a crawler that fails to stop
/// makes the test fail, not hang). Returns the output and how long it ran.
fn run_bounded(mut cmd: Command, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn index-builder");
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out, started.elapsed())
}

fn state_json(out: &Path) -> Value {
    let mut p = out.as_os_str().to_owned();
    p.push(".state");
    serde_json::from_slice(&std::fs::read(PathBuf::from(p)).unwrap()).unwrap()
}

fn assert_only_from(out: &Path, hub: &FakeHub, count: usize) {
    let recs = lines(out);
    assert_eq!(recs.len(), count, "records written");
    for r in &recs {
        assert!(hub.models().iter().any(|m| r["id"] == m.id.as_str()), "{} is not the endpoint's", r["id"]);
    }
}

#[test]
fn next_links_to_another_origin_are_refused_and_get_no_token() {
    for relative in [false, true] {
        let evil = FakeHub::start((0..60).map(|i| Model::new(&format!("evil/m{i}"), 10_000 - i)).collect(), HubConfig::default());
        let evil_prefix = if relative { evil.url().replacen("http:", "", 1) } else { evil.url() };
        let hub = FakeHub::start(models(120), HubConfig { paging: Paging::Elsewhere(evil_prefix.clone()), ..Default::default() });
        let dir = TempDir::new("foreign");
        let out = dir.path("cat.jsonl");
        let mut cmd = crawl_cmd(&hub, &out, &[]);
        cmd.env("HF_TOKEN", "hf_SECRETtoken123");
        let (o, _) = run_bounded(cmd, Duration::from_secs(30));
        let (stdout, stderr) = text(&o);
        eprintln!("the user sees:\n{stderr}");
        assert_eq!(o.status.code(), Some(2), "{evil_prefix}: {stdout}\n{stderr}");
        assert!(stderr.contains("another origin") && stderr.contains(&evil_prefix) && stderr.contains(&hub.url()), "{stderr}");
        assert!(stderr.contains("not sent") && stderr.contains("kept"), "{stderr}");
        assert!(evil.requests().is_empty(), "the other origin was contacted: {:?}", evil.requests());
        assert!(!stderr.contains("SECRET") && !stdout.contains("SECRET"));
        // The endpoint's first page is kept; nothing of the other host's.
        assert_only_from(&out, &hub, 50);
        assert_eq!(state_json(&out)["complete"], false);
    }
}

#[test]
fn redirects_keep_listings_and_the_token_on_the_endpoint_origin() {
    // Same host, another port: another origin.
    let other = FakeHub::start(models(120), HubConfig::default());
    let hub = FakeHub::start(models(120), HubConfig::default());
    // A card moved to another origin (like the Hub's CDN): fetched, but without the token.
    let card = "org3/model-00003/resolve/main/README.md";
    hub.fail("model-00003/resolve", vec![Fault::Status(302, vec![("Location".into(), format!("{}/{card}", other.url()))])]);
    // A listing page redirected to another origin: refused.
    hub.fail("cursor=", vec![Fault::Status(302, vec![("Location".into(), format!("{}/api/models?limit=50&cursor=32", other.url()))])]);
    let dir = TempDir::new("redirect");
    let out = dir.path("cat.jsonl");
    let mut cmd = crawl_cmd(&hub, &out, &["--max-retries", "1"]);
    cmd.env("HF_TOKEN", "hf_SECRETtoken123");
    let (o, _) = run_bounded(cmd, Duration::from_secs(30));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stderr}");
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stderr.contains("redirected to another origin") && stderr.contains(&other.url()), "{stderr}");
    let reached: Vec<_> = other.requests();
    assert_eq!(reached.len(), 1, "only the card crossed: {reached:?}");
    assert!(reached[0].target.ends_with(card));
    assert_eq!(reached[0].authorization, None, "the token went to another origin");
    assert!(hub.requests().iter().all(|r| r.authorization.as_deref() == Some("Bearer hf_SECRETtoken123")));
    assert_only_from(&out, &hub, 50);
    let recs = lines(&out);
    let moved = recs.iter().find(|r| r["id"] == "org3/model-00003").unwrap();
    assert!(moved["card"].as_str().unwrap().contains("Model 3"), "{moved}");
}

#[test]
fn a_pagination_loop_stops_with_a_clear_error() {
    let hub = FakeHub::start(models(120), HubConfig { paging: Paging::LoopBack, ..Default::default() });
    let dir = TempDir::new("loop");
    let out = dir.path("cat.jsonl");
    let (o, elapsed) = run_bounded(crawl_cmd(&hub, &out, &[]), Duration::from_secs(60));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stderr.contains("already fetched") && stderr.contains("loops") && stderr.contains("cursor=32"), "{stderr}");
    assert_eq!(hub.listing_requests().len(), 3, "pages 1, 2, 3 and no more (bound {HOSTILE_PAGE_BOUND})");
    assert_complete(&out, hub.models());
    eprintln!("loop detected in {:.2} s", elapsed.as_secs_f64());
}

#[test]
fn fresh_cursors_for_the_same_models_stop_with_a_clear_error() {
    let hub = FakeHub::start(models(120), HubConfig { paging: Paging::FreshCursorsSameModels, ..Default::default() });
    let dir = TempDir::new("fresh");
    let out = dir.path("cat.jsonl");
    let (o, _) = run_bounded(crawl_cmd(&hub, &out, &[]), Duration::from_secs(60));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("only models already listed") && stderr.contains("50 of 50") && stderr.contains("does not advance"),
        "{stderr}"
    );
    assert_eq!(hub.listing_requests().len(), 2, "page 1, its repeat, and no more (bound {HOSTILE_PAGE_BOUND})");
    assert_complete(&out, &hub.models()[..50]);
}

#[test]
fn the_time_budget_stops_cleanly_and_the_rerun_resumes() {
    let hub = FakeHub::start(models(300), HubConfig { card_delay: Duration::from_millis(40), ..Default::default() });
    let dir = TempDir::new("budget");
    let out = dir.path("cat.jsonl");
    let (o, elapsed) = run_bounded(crawl_cmd(&hub, &out, &["--max-minutes", "0.02", "--concurrency", "2"]), Duration::from_secs(30));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(elapsed < Duration::from_secs(4), "ran {elapsed:?} on a 1.2 s budget");
    assert!(stdout.contains("incomplete: stopped") && stdout.contains("--max-minutes 0.02") && stdout.contains("rerun"), "{stdout}");
    assert!(stderr.contains("stopped cleanly"), "{stderr}");
    let written = lines(&out).len();
    assert!(written > 0 && written < 300, "{written} written");
    assert_eq!(state_json(&out)["complete"], false);
    assert_eq!(summary_number(&stdout, "errors"), 0, "a card cut by the budget is not an error");
    let (stdout, _) = run_ok(crawl_cmd(&hub, &out, &[]));
    assert!(stdout.contains("(resumed)") && stdout.contains("(complete)"), "{stdout}");
    assert_complete(&out, hub.models());
}

#[test]
fn a_retry_after_beyond_the_time_budget_is_not_slept() {
    let hub = FakeHub::start(models(60), HubConfig::default());
    hub.fail("cursor=", vec![Fault::Status(429, vec![("Retry-After".into(), "3600".into())])]);
    let dir = TempDir::new("ra-budget");
    let out = dir.path("cat.jsonl");
    let (o, elapsed) = run_bounded(crawl_cmd(&hub, &out, &["--max-minutes", "1"]), Duration::from_secs(30));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(elapsed < Duration::from_secs(10), "slept {elapsed:?}");
    assert!(stdout.contains("asked to wait 60.0 min") && stdout.contains("past the end of the time budget"), "{stdout}");
    assert_complete(&out, &hub.models()[..50]);
}

#[test]
fn retry_after_waits_are_capped_in_total() {
    let hub = FakeHub::start(models(60), HubConfig::default());
    let ra = |s: &str| Fault::Status(429, vec![("Retry-After".into(), s.into())]);
    hub.fail("cursor=", vec![ra("2"), ra("2")]);
    let dir = TempDir::new("ra-cap");
    let out = dir.path("cat.jsonl");
    let (o, elapsed) = run_bounded(crawl_cmd(&hub, &out, &["--max-retry-after-minutes", "0.05"]), Duration::from_secs(30));
    let (stdout, stderr) = text(&o);
    eprintln!("the user sees:\n{stdout}{stderr}");
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(elapsed >= Duration::from_millis(1900) && elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(
        stderr.contains("asked to wait 2 s")
            && stderr.contains("only 1 s of the allowance")
            && stderr.contains("--max-retry-after-minutes 0.05"),
        "{stderr}"
    );
    assert!(stderr.contains("rerun"), "{stderr}");
    assert_eq!(lines(&out).len(), 50);
    hub.clear_faults();
    run_ok(crawl_cmd(&hub, &out, &[]));
    assert_complete(&out, hub.models());

    // A huge Retry-After with the default allowance (30 min): refused at once, not slept.
    let hub = FakeHub::start(models(10), HubConfig::default());
    hub.fail("/api/models", vec![ra("27000")]);
    let out = dir.path("huge.jsonl");
    let (o, elapsed) = run_bounded(crawl_cmd(&hub, &out, &[]), Duration::from_secs(30));
    let (_, stderr) = text(&o);
    eprintln!("the user sees:\n{stderr}");
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(elapsed < Duration::from_secs(10), "slept {elapsed:?}");
    assert!(stderr.contains("asked to wait 7.5 h") && stderr.contains("--max-retry-after-minutes 30"), "{stderr}");
}
