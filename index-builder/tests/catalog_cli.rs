//! `build` on awkward catalogs, as a user meets them: a byte-order mark at the start (JSON Lines
//! and a JSON array) is skipped and reported; a line over `--max-line-bytes` is skipped with its
//! line number while the others are indexed.

use std::path::PathBuf;
use std::process::{Command, Output};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ib-catalog-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn build(catalog: &[u8], extra: &[&str], dir: &std::path::Path) -> (Output, String, String) {
    let path = dir.join("catalog.jsonl");
    std::fs::write(&path, catalog).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["build", "--catalog", path.to_str().unwrap(), "--out", dir.join("index.bin").to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    (out, stdout, stderr)
}

fn record(id: &str, card: &str) -> String {
    format!("{{\"id\":\"{id}\",\"pipeline_tag\":\"fill-mask\",\"downloads\":50,\"card\":\"{card}\"}}")
}

#[test]
fn a_bom_is_skipped_and_reported_in_json_lines_and_arrays() {
    let dir = temp_dir("bom");
    let lines = format!("\u{feff}{}\n{}\n", record("org/first", "A masked language model."), record("org/second", "Another one."));
    let array = format!("\u{feff}[{}, {}]", record("org/first", "A masked language model."), record("org/second", "Another one."));
    for catalog in [lines, array] {
        let (o, stdout, stderr) = build(catalog.as_bytes(), &[], &dir);
        assert!(o.status.success(), "{stdout}\n{stderr}");
        assert!(stdout.contains("indexed      2 models"), "the first record was lost:\n{stdout}");
        assert!(stdout.contains("skipped      0"), "{stdout}");
        assert!(stderr.contains("note: the catalog starts with a UTF-8 byte-order mark"), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_over_the_cap_is_skipped_with_its_number() {
    let dir = temp_dir("cap");
    let catalog = format!(
        "{}\n{}\n{}\n",
        record("org/first", "short"),
        record("org/long", &"very long card ".repeat(100)),
        record("org/third", "short")
    );
    let (o, stdout, stderr) = build(catalog.as_bytes(), &["--max-line-bytes", "200"], &dir);
    assert!(o.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("indexed      2 models"), "{stdout}");
    assert!(stdout.contains("line too long            1"), "{stdout}");
    assert!(stdout.contains("e.g. line 2: line too long (1569 bytes; the cap is 200, set with --max-line-bytes)"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
