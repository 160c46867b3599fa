//! `.ci/serve` argument handling, through its `--dry-run` mode (which prints the commands it would
//! run instead of installing and serving): `--port N` as its header documents, 8080 by default.

use std::path::Path;
use std::process::Command;

fn serve(args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = Command::new("bash").arg(root.join(".ci/serve")).arg("--dry-run").args(args).output().expect("run bash");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn trunk_line(stdout: &str) -> String {
    stdout.lines().find(|l| l.starts_with("trunk serve")).unwrap_or_else(|| panic!("no trunk line in\n{stdout}")).to_string()
}

#[test]
fn port_is_passed_once() {
    for (args, port) in [(&["--port", "9000"][..], "9000"), (&["--port=9100"][..], "9100"), (&[][..], "8080")] {
        let (code, stdout, stderr) = serve(args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let line = trunk_line(&stdout);
        assert_eq!(line.matches("--port").count(), 1, "{line}");
        assert!(line.contains(&format!("--port {port}")), "{line}");
    }
    // Other options still reach trunk.
    let (_, stdout, _) = serve(&["--port", "9000", "--open"]);
    assert!(trunk_line(&stdout).trim_end().ends_with("--port 9000 --open"), "{stdout}");
}

#[test]
fn a_bad_port_is_refused_before_anything_runs() {
    for args in [&["--port", "x"][..], &["--port"][..]] {
        let (code, stdout, stderr) = serve(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("--port"), "{stderr}");
    }
}
