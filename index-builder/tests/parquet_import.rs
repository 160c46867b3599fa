//! `build` on the Hub's parquet dump of model cards (fixtures written here with the parquet
//! crate's writer, in the published schema): rows index exactly as the same records crawled as
//! JSON Lines do; a dump merges with a crawl by model id, the later catalog winning field by field;
//! and bad files (not parquet, truncated, damaged pages, missing columns, wrong types, an empty
//! directory) fail with an error naming the file and the problem, leaving the old index alone.

#[path = "support/dump_fixture.rs"]
mod dump_fixture;

#[path = "support/temp_dir.rs"]
mod temp_dir;
use std::path::Path;
use std::process::{Command, Output};
use temp_dir::TempDir;

use dump_fixture::{write_dump, write_other_schema, DumpRow};
use serde_json::{json, Value};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn run(cmd: &mut Command) -> (Output, String, String) {
    let o = cmd.output().unwrap();
    let (a, b) = (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned());
    (o, a, b)
}

fn build(catalogs: &[&Path], out: &Path, extra: &[&str]) -> (Output, String, String) {
    let mut c = bin();
    c.arg("build");
    for p in catalogs {
        c.arg("--catalog").arg(p);
    }
    c.arg("--out").arg(out).args(extra);
    run(&mut c)
}

/// `search` results (id → the result object) for one request.
fn search(index: &Path, request: Value) -> Vec<Value> {
    let (o, stdout, stderr) =
        run(bin().args(["search", "--index", index.to_str().unwrap(), "--top", "50", "--request", &request.to_string()]));
    assert!(o.status.success(), "{stdout}\n{stderr}");
    let line: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    line["results"].as_array().unwrap().clone()
}

const T0: i64 = 1_714_564_800_000_000; // 2024-05-01T12:00:00Z in microseconds

fn card(license: &str, language: &str, dataset: &str, base: &str, body: &str) -> String {
    format!("---\nlicense: {license}\nlanguage:\n- {language}\ndatasets:\n- {dataset}\nbase_model: {base}\n---\n# Model\n\n{body}\n")
}

/// Eight models over two files and three row groups, in the dump's shape (license etc. only in
/// the card's YAML and the tags), plus one row without an id.
fn dump_rows() -> Vec<Vec<DumpRow>> {
    let tasks = ["automatic-speech-recognition", "text-classification", "translation", "fill-mask"];
    let mut rows: Vec<DumpRow> = (0..8)
        .map(|i| {
            let mut r = DumpRow::new(&format!("org{}/model-{i}", i % 3), 10_000 - i * 100);
            r.pipeline_tag = Some(tasks[i as usize % 4].into());
            r.library = Some("transformers".into());
            r.tags = Some(match i % 3 {
                0 => vec!["transformers".into(), "en".into(), format!("license:{}", ["mit", "apache-2.0"][i as usize % 2])],
                1 => vec![],
                _ => vec!["pytorch".into(), "dataset:squad".into()],
            });
            r.last_modified_us = Some(T0 + i * 1_000_123);
            r.created_us = (i != 5).then_some(T0 - 86_400_000_000);
            r.card = (i != 6).then(|| {
                card(
                    ["mit", "cc-by-nc-4.0", "apache-2.0"][i as usize % 3],
                    ["de", "en", "fr"][i as usize % 3],
                    "common_voice",
                    "openai/whisper-small",
                    &format!("This model transcribes speech and classifies text, variant {i}. It has 39M parameters."),
                )
            });
            r
        })
        .collect();
    rows.insert(3, DumpRow { id: None, downloads: Some(5), ..Default::default() });
    let rest = rows.split_off(4);
    let (second, third) = rest.split_at(2);
    vec![rows, second.to_vec(), third.to_vec()]
}

/// The same rows as a crawled catalog would hold them (the crawler's flat JSON Lines).
fn as_json_lines(groups: &[Vec<DumpRow>]) -> String {
    let time = |us: Option<i64>| us.map(dump_time);
    groups
        .iter()
        .flatten()
        .filter(|r| r.id.is_some())
        .map(|r| {
            json!({"id": r.id, "pipeline_tag": r.pipeline_tag, "library_name": r.library, "tags": r.tags, "downloads": r.downloads,
                   "likes": r.likes, "createdAt": time(r.created_us), "lastModified": time(r.last_modified_us), "card": r.card})
            .to_string()
                + "\n"
        })
        .collect()
}

/// RFC 3339 with milliseconds for the fixture's times (whole seconds within a day of
/// 2024-04-30T12:00:00Z), written out independently of the importer's date arithmetic.
fn dump_time(us: i64) -> String {
    let since = us - (T0 - 86_400_000_000);
    let secs = since / 1_000_000;
    assert!((0..2 * 86_400).contains(&secs) && secs % 86_400 < 12 * 3600, "fixture time out of the helper's range");
    let (date, rem) = if secs < 86_400 { ("2024-04-30", secs) } else { ("2024-05-01", secs - 86_400) };
    format!("{date}T{:02}:{:02}:{:02}.{:03}Z", 12 + rem / 3600, rem % 3600 / 60, rem % 60, since % 1_000_000 / 1000)
}

#[test]
fn dump_rows_index_exactly_as_the_same_crawled_records() {
    let dir = TempDir::new("same");
    let dump = dir.path("dump");
    std::fs::create_dir_all(&dump).unwrap();
    let groups = dump_rows();
    write_dump(&dump.join("train-00000-of-00002.parquet"), &groups[..2]);
    write_dump(&dump.join("train-00001-of-00002.parquet"), &groups[2..]);
    std::fs::write(dump.join("README.md"), "not parquet, not read").unwrap();
    let jsonl = dir.path("crawl.jsonl");
    std::fs::write(&jsonl, as_json_lines(&groups)).unwrap();

    let (o, stdout, stderr) = build(&[&dump], &dir.path("dump.bin"), &[]);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("import       parquet: 2 file(s), 3 row group(s)"), "{stdout}");
    assert!(stdout.contains("read         9 records"), "{stdout}");
    assert!(stdout.contains("missing id               1"), "{stdout}");
    assert!(stdout.contains("e.g. train-00000-of-00002.parquet row 4: missing id"), "{stdout}");
    assert!(stdout.contains("indexed      8 models"), "{stdout}");
    let (o, stdout, stderr) = build(&[&jsonl], &dir.path("jsonl.bin"), &[]);
    assert!(o.status.success(), "{stdout}\n{stderr}");

    for request in [
        json!({"function": "transcribe speech"}),
        json!({"function": "classify text", "license": "commercial use"}),
        json!({"task": "translation", "language": "French"}),
        json!({"dataset": "common voice", "base_model": "whisper small"}),
    ] {
        let from_dump = search(&dir.path("dump.bin"), request.clone());
        let from_jsonl = search(&dir.path("jsonl.bin"), request.clone());
        assert!(!from_dump.is_empty(), "{request}");
        assert_eq!(from_dump, from_jsonl, "{request}");
    }
    // What the card's YAML and the tags gave, as for a crawled record.
    let all = search(&dir.path("dump.bin"), json!({"function": "model"}));
    let m0 = all.iter().find(|r| r["id"] == "org0/model-0").expect("org0/model-0 indexed");
    assert_eq!((m0["license"].as_str(), m0["downloads"].as_u64()), (Some("mit"), Some(10_000)), "{m0}");
    let m1 = all.iter().find(|r| r["id"] == "org1/model-1").unwrap();
    assert_eq!(m1["license"], "cc-by-nc-4.0", "license from the card's YAML: {m1}");
}

#[test]
fn a_dump_merges_with_a_crawl_the_later_catalog_winning_field_by_field() {
    let dir = TempDir::new("merge");
    let dump = dir.path("dump.parquet");
    let mut a = DumpRow::new("org/asr-model", 1_500);
    a.pipeline_tag = Some("automatic-speech-recognition".into());
    a.card = Some(card("mit", "de", "common_voice", "openai/whisper-small", "Transcribes German phone calls."));
    let mut b = DumpRow::new("org/old-model", 100);
    b.pipeline_tag = Some("fill-mask".into());
    b.card = Some("# Old\n\nA masked language model.".into());
    let mut c = DumpRow::new("org/dump-only", 9_000);
    c.pipeline_tag = Some("fill-mask".into());
    write_dump(&dump, &[vec![a, b, c]]);
    // The crawl: fresher downloads and a parameter count for asr-model, no card; a new model.
    let crawl = dir.path("crawl.jsonl");
    std::fs::write(
        &crawl,
        [
            json!({"id": "org/asr-model", "pipeline_tag": "automatic-speech-recognition", "downloads": 2_500, "params": 244_000_000u64, "gated": "manual", "card": null}),
            json!({"id": "org/new-model", "pipeline_tag": "automatic-speech-recognition", "downloads": 3_000, "card": "# New\n\nTranscribes speech."}),
        ]
        .iter()
        .map(|v| v.to_string() + "\n")
        .collect::<String>(),
    )
    .unwrap();
    let index = dir.path("merged.bin");
    let (o, stdout, stderr) = build(&[&dump, &crawl], &index, &["--min-downloads", "2000"]);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("merged       1 models found in more than one catalog"), "{stdout}");
    assert!(stdout.contains("below --min-downloads after merging: 1"), "old-model (100) is dropped:\n{stdout}");
    assert!(stdout.contains("indexed      3 models"), "{stdout}");
    let results = search(&index, json!({"function": "transcribe speech"}));
    let asr =
        results.iter().find(|r| r["id"] == "org/asr-model").expect("the merged model passes --min-downloads 2000 by the crawl's count");
    assert_eq!(asr["downloads"], 2_500, "{asr}");
    assert_eq!(asr["params"], 244_000_000u64, "the crawl's parameter count wins: {asr}");
    assert_eq!(asr["license"], "mit", "the dump's card still gives the license: {asr}");
    assert!(results.iter().any(|r| r["id"] == "org/new-model"));

    // The other order: the dump is later, so its 1,500 downloads win and the model falls below 2,000.
    let (o, stdout, stderr) = build(&[&crawl, &dump], &index, &["--min-downloads", "2000"]);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("below --min-downloads after merging: 2"), "{stdout}");
    let results = search(&index, json!({"function": "transcribe speech"}));
    assert!(!results.iter().any(|r| r["id"] == "org/asr-model"), "{results:?}");
}

/// Runs `build` on `catalog` over an existing index and checks it fails with `needles` in the
/// error and leaves the index as it was.
fn assert_refused(dir: &TempDir, catalog: &Path, needles: &[&str]) {
    let index = dir.path("index.bin");
    std::fs::write(&index, b"previous index").unwrap();
    let (o, stdout, stderr) = build(&[catalog], &index, &[]);
    assert_eq!(o.status.code(), Some(2), "{stdout}\n{stderr}");
    for n in needles {
        assert!(stderr.contains(n), "missing {n:?} in:\n{stderr}");
    }
    assert_eq!(std::fs::read(&index).unwrap(), b"previous index");
    eprintln!("{}: {}", catalog.file_name().unwrap().to_string_lossy(), stderr.trim());
}

#[test]
fn bad_dump_files_are_refused_with_the_file_and_the_problem() {
    let dir = TempDir::new("bad");
    let good = dir.path("good.parquet");
    let rows: Vec<DumpRow> = (0..40)
        .map(|i| DumpRow { card: Some(format!("# Model {i}\n\n{}", "text ".repeat(200))), ..DumpRow::new(&format!("o/m{i}"), 10) })
        .collect();
    write_dump(&good, &[rows]);
    let bytes = std::fs::read(&good).unwrap();

    let not_parquet = dir.path("notes.parquet");
    std::fs::write(&not_parquet, "modelId,downloads\no/m,3\n").unwrap();
    assert_refused(&dir, &not_parquet, &["notes.parquet", "not a parquet file"]);

    let truncated = dir.path("truncated.parquet");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused(
        &dir,
        &truncated,
        &["truncated.parquet", "not a parquet file (it starts like one, but its footer is missing or damaged"],
    );

    // Footer intact, a data page overwritten: found while reading the row group.
    let damaged = dir.path("damaged.parquet");
    let mut broken = bytes.clone();
    for b in &mut broken[4..bytes.len() / 2] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, &broken).unwrap();
    assert_refused(&dir, &damaged, &["damaged.parquet", "row group 1 of 1 cannot be read"]);

    let other = dir.path("other-dataset.parquet");
    write_other_schema(
        &other,
        "message schema { optional binary id (STRING); optional int64 downloads; optional binary text (STRING); }",
        3,
    );
    assert_refused(
        &dir,
        &other,
        &[
            "other-dataset.parquet",
            "missing column(s) modelId, last_modified, likes, library_name, tags, pipeline_tag, createdAt, card",
            "the file has id, downloads, text",
        ],
    );

    let wrong_type = dir.path("wrong-type.parquet");
    write_other_schema(
        &wrong_type,
        "message schema { optional binary modelId (STRING); optional int64 last_modified (TIMESTAMP(MICROS,true)); optional double downloads; \
         optional int64 likes; optional binary library_name (STRING); optional binary tags (STRING); optional binary pipeline_tag (STRING); \
         optional int64 createdAt (TIMESTAMP(MICROS,true)); optional binary card (STRING); }",
        2,
    );
    assert_refused(
        &dir,
        &wrong_type,
        &["wrong-type.parquet", "column `downloads` should be an integer (INT64 or INT32), but it is DOUBLE"],
    );

    let empty = dir.path("empty-dir");
    std::fs::create_dir_all(&empty).unwrap();
    assert_refused(&dir, &empty, &["empty-dir", "a directory with no .parquet files"]);

    // The good file itself imports.
    let (o, stdout, stderr) = build(&[&good], &dir.path("ok.bin"), &[]);
    assert!(o.status.success() && stdout.contains("indexed      40 models"), "{stdout}\n{stderr}");
}

/// The stand-in dump of `../shared/data` (3,049 real cards in the published schema), when present:
/// every row imports.
#[test]
fn the_stand_in_dump_imports_every_row() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/model-cards-parquet");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let (o, stdout, stderr) = run(bin().args(["build", "--check", "--catalog", dir.to_str().unwrap()]));
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("read         3049 records") && stdout.contains("skipped      0"), "{stdout}");
    eprintln!("{stdout}");
}
