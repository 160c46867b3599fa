//! A reader that goes away (`index-builder search … | head -1`) ends the command quietly with exit
//! code 0, like ripgrep: no error text, no panic. Both kinds of output are covered: `search`
//! writes through a buffered writer (the error comes back as a value), `build` prints its summary
//! line by line with `println!` (the standard library panics).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ib-pipe-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn default_catalog() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/default.jsonl")
}

/// Runs `cmd` with its stdout a pipe whose reading end is closed before the command writes.
fn into_closed_pipe(mut cmd: Command) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

fn assert_quiet_success(o: &Output) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("error") && !stderr.contains("panicked") && !stderr.contains("Broken pipe"), "stderr:\n{stderr}");
}

#[test]
fn search_into_a_closed_pipe_ends_quietly() {
    let dir = temp_dir("search");
    let index = dir.join("index.bin");
    let status =
        bin().args(["build", "--catalog", default_catalog().to_str().unwrap(), "--out", index.to_str().unwrap()]).output().unwrap();
    assert!(status.status.success());
    // Far more output than a pipe buffer holds, so writes keep failing after the reader left.
    let line = r#"{"id": "asr", "request": {"function": "transcribe English podcasts", "license": "commercial use"}}"#;
    let requests = dir.join("requests.jsonl");
    std::fs::write(&requests, format!("{line}\n").repeat(300)).unwrap();
    let mut cmd = bin();
    cmd.args(["search", "--index", index.to_str().unwrap(), "--requests", requests.to_str().unwrap(), "--top", "10"]);
    assert_quiet_success(&into_closed_pipe(cmd));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn build_into_a_closed_pipe_ends_quietly_and_still_writes_the_index() {
    let dir = temp_dir("build");
    let index = dir.join("index.bin");
    let mut cmd = bin();
    cmd.args(["build", "--catalog", default_catalog().to_str().unwrap(), "--out", index.to_str().unwrap(), "--field-report"]);
    assert_quiet_success(&into_closed_pipe(cmd));
    assert!(std::fs::metadata(&index).unwrap().len() > 1000);
    let _ = std::fs::remove_dir_all(&dir);
}
