//! `index-builder synthesize` with an LLM (the mock OpenAI-compatible server): mask-and-infill of
//! the request's function text is applied when the answer passes the checks, rejected when it
//! copies the hidden words or is empty, and a failing server leaves every request rule-based
//! while the run still succeeds. The output stays valid for `index-builder eval`, and a rerun
//! over the cache is byte-identical without HTTP calls.

#[path = "support/llm_fixture.rs"]
mod llm_fixture;
#[path = "support/mock_llm.rs"]
mod mock_llm;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use llm_fixture::{build_index, lines, ok, temp_dir, BIN};
use mock_llm::{refused_base_url, MockLlm, Recorded, Reply};
use serde_json::{json, Map, Value};

/// The fields of the `synthesize_request` answer schema.
const FIELDS: [&str; 11] = [
    "function",
    "task",
    "input_format",
    "output_format",
    "language",
    "license",
    "parameter_size",
    "hardware",
    "domain",
    "limitations",
    "biases",
];

const INFILL: &str = "freshly invented wording";

/// What a mock server writes in place of `[MASK]`, given the hidden words.
type Fill = fn(&str) -> String;

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env_remove("PTMPICKER_LLM_API_KEY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let start = text.find(open).unwrap_or_else(|| panic!("no {open:?} in {text}")) + open.len();
    let end = start + text[start..].find(close).unwrap_or_else(|| panic!("no {close:?} in {text}"));
    &text[start..end]
}

/// What a chat request asks: the seed request, the masked field and the hidden words.
struct Asked {
    seed: Value,
    field: String,
    hidden: String,
}

fn asked(r: &Recorded) -> Asked {
    let user = r.last_user_message();
    let seed: Value = serde_json::from_str(between(&user, "<<<SEED\n", "\nSEED>>>")).unwrap();
    let mutation = between(&user, "<<<MUTATION\n", "\nMUTATION>>>");
    let field = between(mutation, "infill ", ":").to_string();
    let hidden = between(mutation, "mean the same as \"", "\"").to_string();
    Asked { seed, field, hidden }
}

/// A schema-valid answer: the seed's fields, the masked one set to `text`.
fn answer(a: &Asked, text: &str) -> Reply {
    let mut request = Map::new();
    for f in FIELDS {
        request.insert(f.into(), a.seed.get(f).cloned().unwrap_or(json!("")));
    }
    request.insert(a.field.clone(), json!(text));
    Reply::completion(&json!({"request": request, "mutation_applied": "mock"}).to_string())
}

/// A server that fills every mask with `fill(hidden words)`; the masked field's text otherwise kept.
fn mock(fill: Fill) -> MockLlm {
    MockLlm::start(move |r, _| {
        if !r.path.ends_with("/chat/completions") {
            return Reply::status(404, "not found");
        }
        let a = asked(r);
        let masked = a.seed[&a.field].as_str().unwrap().to_string();
        answer(&a, &masked.replace("[MASK]", &fill(&a.hidden)))
    })
}

struct Setup {
    dir: PathBuf,
    catalog: PathBuf,
    index: PathBuf,
}

/// The fixture's 8 support chatbots, built into an index (for `eval`).
fn setup(name: &str) -> Setup {
    let dir = temp_dir(&format!("synth-llm-{name}"));
    let index = build_index(&dir);
    Setup { catalog: dir.join("catalog.jsonl"), index, dir }
}

fn synthesize(s: &Setup, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![
        "synthesize",
        "--catalog",
        s.catalog.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--min-satisfying",
        "1",
        "--seed",
        "7",
    ];
    args.extend_from_slice(extra);
    run(&args, env)
}

/// The rules-only output (no LLM).
fn rule_based(s: &Setup) -> (PathBuf, Vec<Value>) {
    let out = s.dir.join("rules.jsonl");
    let stdout = ok(&synthesize(s, &out, &[], &[]));
    assert!(!stdout.contains("infill"), "{stdout}");
    let got = lines(&out);
    assert!(got.len() >= 6, "{got:?}");
    (out, got)
}

fn llm_flags<'a>(base: &'a str, cache: &'a Path) -> Vec<&'a str> {
    vec!["--llm-base-url", base, "--llm-model", "mock", "--llm-cache-dir", cache.to_str().unwrap(), "--llm-max-attempts", "1"]
}

fn without_infill(line: &Value) -> Value {
    let mut l = line.clone();
    let mutations: Vec<Value> = l["mutations"].as_array().unwrap().iter().filter(|m| m["kind"] != "infill").cloned().collect();
    l["mutations"] = json!(mutations);
    l["request"]["function"] = json!("");
    l
}

#[test]
fn good_infills_are_applied_recorded_cached_and_evaluable() {
    let s = setup("good");
    let (_, rules) = rule_based(&s);
    let llm = mock(|_| INFILL.to_string());
    let base = llm.base_url();
    let cache = s.dir.join("cache");
    let out = s.dir.join("infilled.jsonl");
    let stdout = ok(&synthesize(&s, &out, &llm_flags(&base, &cache), &[]));
    let got = lines(&out);
    assert_eq!(got.len(), rules.len());
    assert_eq!(llm.chats().len(), rules.len(), "one call per request (function; no request has limitations)");
    assert!(stdout.contains(&format!("infill             {n} of {n} requests reworded by the LLM", n = rules.len())), "{stdout}");

    for (line, rule) in got.iter().zip(&rules) {
        // Only the function text changed, and the change is recorded.
        assert_eq!(without_infill(line), without_infill(rule), "judge, expectations, ids and other fields are the rules'");
        let m = line["mutations"].as_array().unwrap().last().unwrap();
        assert_eq!((m["kind"].as_str(), m["field"].as_str(), m["llm"].as_str()), (Some("infill"), Some("function"), Some(INFILL)), "{m}");
        let (from, masked) = (m["from"].as_str().unwrap(), m["masked"].as_str().unwrap());
        assert_eq!(from, rule["request"]["function"], "from is the rule-based text");
        assert!(!masked.is_empty() && from.contains(masked), "{m}");
        assert_eq!(m["to"], line["request"]["function"]);
        assert_eq!(line["request"]["function"].as_str().unwrap(), from.replacen(masked, INFILL, 1), "{m}");
    }
    // The LLM saw the mask, not the origin: the seed's function has [MASK]; the model id is absent.
    for chat in llm.chats() {
        let a = asked(&chat);
        assert_eq!(a.field, "function");
        assert_eq!(a.seed["function"].as_str().unwrap().matches("[MASK]").count(), 1, "{}", a.seed);
        assert!(!chat.last_user_message().contains("acme/"), "{}", chat.last_user_message());
        assert_eq!(chat.format(), "json_schema");
    }

    // Rerun: every answer from the cache, byte-identical output.
    let before = std::fs::read(&out).unwrap();
    let stdout = ok(&synthesize(&s, &out, &llm_flags(&base, &cache), &[]));
    assert_eq!(llm.chats().len(), rules.len(), "no new HTTP calls");
    assert!(stdout.contains(&format!("{} cached", rules.len())), "{stdout}");
    assert_eq!(std::fs::read(&out).unwrap(), before, "deterministic given the seed and the cache");

    // `eval` reads the output.
    let o = run(
        &["eval", "--index", s.index.to_str().unwrap(), "--requests", out.to_str().unwrap(), "--catalog", s.catalog.to_str().unwrap()],
        &[],
    );
    let report = ok(&o);
    assert!(report.contains("ptmpicker") && report.to_lowercase().contains("mrr"), "{report}");
}

#[test]
fn copies_and_empty_answers_are_rejected_and_the_rules_kept() {
    let s = setup("reject");
    let (rules_path, rules) = rule_based(&s);
    let rules_bytes = std::fs::read(&rules_path).unwrap();
    let cases: [(Fill, &str); 3] = [
        (|hidden| hidden.to_string(), "copy of the hidden words"),
        (|hidden| hidden.to_uppercase(), "copy of the hidden words"),
        (|_| String::new(), "empty infill"),
    ];
    for (fill, reason) in cases {
        let llm = mock(fill);
        let base = llm.base_url();
        let out = s.dir.join("rejected.jsonl");
        let stdout = ok(&synthesize(&s, &out, &["--llm-base-url", &base, "--llm-model", "mock", "--llm-no-cache"], &[]));
        assert_eq!(llm.chats().len(), rules.len());
        assert_eq!(std::fs::read(&out).unwrap(), rules_bytes, "every request keeps its rule-based form");
        assert!(
            stdout
                .contains(&format!("0 of {n} requests reworded by the LLM (0 of {n} masked fields); {n} kept rule-based", n = rules.len())),
            "{stdout}"
        );
        assert!(stdout.contains(&format!("  {reason:<28} {}", rules.len())), "{reason}: {stdout}");
        assert!(stdout.contains("kept rule-based    syn-7-00001 function"), "{stdout}");
    }
    // An answer that drops the whole field: empty.
    let llm = MockLlm::start(|r, _| answer(&asked(r), ""));
    let base = llm.base_url();
    let out = s.dir.join("dropped.jsonl");
    let stdout = ok(&synthesize(&s, &out, &["--llm-base-url", &base, "--llm-model", "mock", "--llm-no-cache"], &[]));
    assert_eq!(std::fs::read(&out).unwrap(), rules_bytes);
    assert!(stdout.contains("empty infill"), "{stdout}");
}

#[test]
fn a_failing_server_leaves_the_requests_rule_based_and_the_run_succeeds() {
    let s = setup("failing");
    let (rules_path, rules) = rule_based(&s);
    let rules_bytes = std::fs::read(&rules_path).unwrap();
    let key = "sk-synth-test-secret-4242";

    // HTTP errors (echoing the key back): rules kept, the key never printed.
    let llm = MockLlm::start(|r, _| Reply::status(401, &format!("invalid key {}", r.header("authorization").unwrap_or(""))));
    let base = llm.base_url();
    let out = s.dir.join("failed.jsonl");
    let o = synthesize(&s, &out, &llm_flags(&base, &s.dir.join("cache")), &[("PTMPICKER_LLM_API_KEY", key)]);
    let stdout = ok(&o);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(std::fs::read(&out).unwrap(), rules_bytes);
    assert!(stdout.contains(&format!("  {:<28} {}", "no usable LLM answer", rules.len())), "{stdout}");
    assert!(stdout.contains("first llm error"), "{stdout}");
    assert!(!stdout.contains(key) && !stderr.contains(key), "the API key leaked:\n{stdout}\n{stderr}");
    assert!(llm.chats().iter().all(|c| c.header("authorization") == Some(&format!("Bearer {key}"))));
    assert_eq!(std::fs::read_dir(s.dir.join("cache/answers")).map(|d| d.count()).unwrap_or(0), 0, "failures are not cached");

    // Answers that are not JSON.
    let llm = MockLlm::start(|_, _| Reply::completion("Sure! Here is a better request: transcribe calls."));
    let base = llm.base_url();
    let stdout =
        ok(&synthesize(&s, &out, &["--llm-base-url", &base, "--llm-model", "mock", "--llm-no-cache", "--llm-max-attempts", "1"], &[]));
    assert_eq!(std::fs::read(&out).unwrap(), rules_bytes);
    assert!(stdout.contains("no usable LLM answer"), "{stdout}");

    // Nothing listening, with and without --llm-model (then /models fails too).
    let refused = refused_base_url();
    for flags in [vec!["--llm-model", "mock"], vec![]] {
        let mut args = vec!["--llm-base-url", refused.as_str(), "--llm-no-cache", "--llm-max-attempts", "1", "--llm-timeout-secs", "5"];
        args.extend(flags);
        let stdout = ok(&synthesize(&s, &out, &args, &[]));
        assert_eq!(std::fs::read(&out).unwrap(), rules_bytes, "{stdout}");
        assert!(stdout.contains("kept rule-based") || stdout.contains("not done"), "{stdout}");
    }

    // A malformed URL is the user's mistake: an error, not a silent fallback.
    let o = synthesize(&s, &out, &["--llm-base-url", "ftp://example.org/v1", "--llm-model", "mock"], &[]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("http://"), "{}", String::from_utf8_lossy(&o.stderr));

    // The rule-based output is still valid for eval.
    ok(&run(
        &["eval", "--index", s.index.to_str().unwrap(), "--requests", out.to_str().unwrap(), "--catalog", s.catalog.to_str().unwrap()],
        &[],
    ));
}
