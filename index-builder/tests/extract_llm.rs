//! `index-builder extract` (LLM-assisted) and `validate-requests` against the mock
//! OpenAI-compatible server: deterministic values win, the LLM fills gaps, validation drops flagged
//! values, answers are cached, and invalid requests can be dropped.

#[path = "support/llm_fixture.rs"]
mod llm_fixture;
#[path = "support/mock_llm.rs"]
mod mock_llm;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use llm_fixture::{lines, ok};
use mock_llm::{MockLlm, Reply};
use serde_json::{json, Value};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ib-extract-llm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_index-builder")).args(args).env_remove("PTMPICKER_LLM_API_KEY").output().unwrap()
}

fn catalog(dir: &Path) -> PathBuf {
    // The limitation is worded so the rules do not read it ("it struggles with …" they do):
    // the gap the LLM fills.
    let recs = [
        json!({"id": "acme/ner-de", "pipeline_tag": "token-classification", "license": "mit", "downloads": 500,
               "card": "# German NER\n\nNamed entity recognition for German news, trained on GermEval 2014. Be aware: social media text is hard for it, and there is some gender bias in names.\n"}),
        json!({"id": "acme/no-card", "pipeline_tag": "fill-mask", "downloads": 100}),
        json!({"id": "acme/asr", "pipeline_tag": "automatic-speech-recognition", "downloads": 900,
               "card": "Speech recognition for English podcasts.\n"}),
    ];
    let path = dir.join("catalog.jsonl");
    std::fs::write(&path, recs.iter().map(|r| r.to_string() + "\n").collect::<String>()).unwrap();
    path
}

fn system_message(r: &mock_llm::Recorded) -> String {
    r.json()["messages"][0]["content"].as_str().unwrap_or("").to_string()
}

fn mock() -> MockLlm {
    MockLlm::start(|r, _| {
        let system = system_message(r);
        if system.contains("You extract facts") {
            Reply::completion(
                &json!({"task": "named entity recognition", "language": "German", "license": "Apache-2.0", "parameter_size": "",
                        "dataset": "", "base_model": "", "limitations": "social media text is hard for it", "biases": "gender bias in names",
                        "evidence": {"task": "Named entity recognition", "language": "for German news", "license": "Apache-2.0", "parameter_size": "",
                        "dataset": "", "base_model": "", "limitations": "social media text is hard for it", "biases": "some gender bias in names"}})
                .to_string(),
            )
        } else if system.contains("You review facts") {
            Reply::completion(&json!({"reason": "biases is not in the card", "verdict": "invalid", "wrong_fields": ["biases"]}).to_string())
        } else if system.contains("You review a request") {
            let invalid = r.last_user_message().contains("at least 70B");
            Reply::completion(
                &json!({"reason": "mock", "verdict": if invalid { "invalid" } else { "valid" }, "wrong_fields": if invalid { vec!["parameter_size"] } else { vec![] }})
                    .to_string(),
            )
        } else {
            Reply::status(500, "unexpected prompt")
        }
    })
}

fn source(line: &Value, field: &str) -> Option<String> {
    line["sources"].as_array()?.iter().find(|s| s[0] == field).map(|s| s[1].as_str().unwrap_or("").to_string())
}

#[test]
fn the_llm_fills_gaps_deterministic_values_win_and_answers_are_cached() {
    let llm = mock();
    let dir = temp_dir("fill");
    let cat = catalog(&dir);
    let out = dir.join("instances.jsonl");
    let cache = dir.join("cache");
    let base = llm.base_url();
    let args = [
        "extract",
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--llm-base-url",
        &base,
        "--llm-model",
        "mock",
        "--llm-cache-dir",
        cache.to_str().unwrap(),
    ];
    let stdout = ok(&run(&args));
    assert_eq!(llm.chats().len(), 2, "one call per card; none for the card-less model");
    let recs = lines(&out);
    assert_eq!(recs.len(), 3);
    let ner = &recs[0];
    // The license is a structured fact from the metadata: the LLM's "Apache-2.0" is ignored.
    assert_eq!(ner["template"]["license"], "mit");
    assert_eq!(ner["facts"]["license"], "mit");
    assert_eq!(source(ner, "license").as_deref(), Some("Metadata"));
    // Gaps are filled, marked as LLM-sourced.
    assert_eq!(ner["template"]["limitations"], "social media text is hard for it");
    assert_eq!(source(ner, "limitations").as_deref(), Some("Llm"));
    assert_eq!(ner["llm"]["status"], "ok");
    assert!(ner["llm"]["used"].as_array().unwrap().iter().any(|f| f == "biases"));
    assert_eq!(recs[1]["llm"]["status"], "not asked");
    // The ASR card supports none of the (NER) values the mock returns: all dropped as ungrounded.
    assert_eq!(recs[2]["llm"]["status"], "ok");
    assert_eq!(recs[2]["llm"]["used"], json!([]));
    assert!(recs[2]["template"].get("limitations").is_none());
    assert!(stdout.contains("ungrounded"), "{stdout}");
    assert!(stdout.contains("limitations") && stdout.contains("llm filled"), "{stdout}");
    // The instance part reads back as the engine's ModelInstance.
    let inst: ptmpicker::facts::ModelInstance = serde_json::from_value(ner.clone()).unwrap();
    assert_eq!(inst.id, "acme/ner-de");

    // Rerun: every answer comes from the cache; same output.
    let before = std::fs::read(&out).unwrap();
    let stdout = ok(&run(&args));
    assert_eq!(llm.chats().len(), 2, "cached");
    assert!(stdout.contains("2 cached"), "{stdout}");
    let after: Vec<Value> = lines(&out);
    let before: Vec<Value> = String::from_utf8(before).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let strip = |v: &Vec<Value>| v.iter().map(|l| l["template"].clone()).collect::<Vec<_>>();
    assert_eq!(strip(&before), strip(&after));
    assert_eq!(after[0]["llm"]["status"], "cached");
}

#[test]
fn validation_drops_what_the_reviewer_flags() {
    let llm = mock();
    let dir = temp_dir("validate");
    let cat = catalog(&dir);
    let out = dir.join("instances.jsonl");
    let base = llm.base_url();
    let stdout = ok(&run(&[
        "extract",
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--llm-base-url",
        &base,
        "--llm-model",
        "mock",
        "--llm-no-cache",
        "--llm-validate",
    ]));
    assert_eq!(llm.chats().len(), 4, "extraction + review per card");
    let recs = lines(&out);
    assert!(recs[0]["template"].get("biases").is_none(), "{}", recs[0]["template"]);
    assert_eq!(recs[0]["template"]["limitations"], "social media text is hard for it");
    assert_eq!(recs[0]["llm"]["validation"]["verdict"], "invalid");
    assert!(stdout.contains("invalid"), "{stdout}");
}

#[test]
fn without_an_endpoint_extract_is_deterministic_and_validate_requests_refuses() {
    let dir = temp_dir("offline");
    let cat = catalog(&dir);
    let out = dir.join("instances.jsonl");
    ok(&run(&["extract", "--catalog", cat.to_str().unwrap(), "--out", out.to_str().unwrap()]));
    let recs = lines(&out);
    assert_eq!(recs.len(), 3);
    assert!(recs.iter().all(|r| r["llm"]["status"] == "not asked"));
    let o = run(&["validate-requests", "--requests", cat.to_str().unwrap(), "--out", dir.join("x").to_str().unwrap()]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("--llm-base-url"));
}

#[test]
fn synthesized_requests_are_validated_and_invalid_ones_dropped() {
    let llm = mock();
    let dir = temp_dir("requests");
    let reqs = dir.join("requests.jsonl");
    let lines_in = [
        json!({"id": "syn-1", "origin": "acme/a", "mutations": [{"field": "license", "kind": "compatible", "from": "mit", "to": "a permissive license"}],
               "request": {"function": "tag people", "license": "a permissive license"}, "judge": {"task_any": ["token-classification"]}}),
        json!({"id": "syn-2", "origin": "acme/b", "mutations": [{"field": "parameter_size", "kind": "incompatible", "from": "7B", "to": "at least 70B parameters"}],
               "request": {"function": "chat on a phone", "parameter_size": "at least 70B parameters"}}),
        json!({"id": "hand-3", "request": {"function": "transcribe podcasts"}}),
    ];
    std::fs::write(&reqs, lines_in.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    let base = llm.base_url();
    let out = dir.join("validated.jsonl");
    let cache = dir.join("cache");
    let stdout = ok(&run(&[
        "validate-requests",
        "--requests",
        reqs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--llm-base-url",
        &base,
        "--llm-model",
        "mock",
        "--llm-cache-dir",
        cache.to_str().unwrap(),
    ]));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["validation"]["verdict"], "valid");
    assert_eq!(got[1]["validation"]["verdict"], "invalid");
    assert_eq!(got[1]["validation"]["wrong_fields"], json!(["parameter_size"]));
    assert_eq!(got[0]["judge"], lines_in[0]["judge"], "other keys are kept");
    assert!(stdout.contains("\"invalid\": 1"), "{stdout}");
    // The seed request sent to the LLM has the mutation undone.
    let first = llm.chats().into_iter().find(|c| c.last_user_message().contains("tag people")).unwrap();
    assert!(first.last_user_message().contains("\"license\":\"mit\""), "{}", first.last_user_message());

    let out2 = dir.join("kept.jsonl");
    ok(&run(&[
        "validate-requests",
        "--requests",
        reqs.to_str().unwrap(),
        "--out",
        out2.to_str().unwrap(),
        "--drop-invalid",
        "--llm-base-url",
        &base,
        "--llm-model",
        "mock",
        "--llm-cache-dir",
        cache.to_str().unwrap(),
    ]));
    let kept = lines(&out2);
    assert_eq!(kept.iter().map(|l| l["id"].as_str().unwrap()).collect::<Vec<_>>(), ["syn-1", "hand-3"]);
    assert_eq!(llm.chats().len(), 3, "the second run is answered from the cache");
}

/// A catalog whose card leaves the license, base model and datasets to prose the rules do not
/// read, and a mock LLM that cites card words for some values and invents the quote of another.
fn citing_mock() -> MockLlm {
    MockLlm::start(|r, _| {
        if system_message(r).contains("You extract facts") {
            Reply::completion(
                &json!({"task": "", "language": "", "license": "BSD-3-Clause", "parameter_size": "",
                        "dataset": "Harbor Logs", "base_model": "acme/harbor-base", "limitations": "misreads handwritten dates", "biases": "",
                        "evidence": {"task": "", "language": "", "license": "weights follow BSD-3-Clause terms", "parameter_size": "",
                        "dataset": "tuned with the Harbor Logs collection", "base_model": "starting point was acme/harbor-base",
                        "limitations": "it never misreads anything", "biases": ""}})
                .to_string(),
            )
        } else {
            Reply::status(500, "unexpected prompt")
        }
    })
}

#[test]
fn llm_values_carry_their_cited_words_and_uncited_ones_are_dropped() {
    let llm = citing_mock();
    let dir = temp_dir("cited");
    let cat = dir.join("catalog.jsonl");
    let rec = json!({"id": "acme/harbor-ocr", "pipeline_tag": "image-to-text", "downloads": 10,
        "card": "# Harbor OCR\n\nReads shipping manifests. Our starting point was acme/harbor-base; we tuned with the Harbor Logs collection. The weights follow BSD-3-Clause terms.\n\n## Notes\n\nIt sometimes misreads handwritten dates.\n"});
    std::fs::write(&cat, rec.to_string() + "\n").unwrap();
    let out = dir.join("instances.jsonl");
    let base = llm.base_url();
    let stdout = ok(&run(&[
        "extract",
        "--catalog",
        cat.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--llm-base-url",
        &base,
        "--llm-model",
        "mock",
    ]));
    let line = &lines(&out)[0];
    // Facts the rules left empty are set from cited values, with the LLM as source and the quote.
    assert_eq!(line["facts"]["license"], "bsd-3-clause", "{line}");
    assert_eq!(line["facts"]["base_model"], "acme/harbor-base", "{line}");
    assert_eq!(line["facts"]["datasets"], json!(["Harbor Logs"]), "{line}");
    let inst: ptmpicker::facts::ModelInstance = serde_json::from_value(line.clone()).unwrap();
    let ev = inst.facts.evidence_for(ptmpicker::facts::FactKind::BaseModel).unwrap();
    assert_eq!((ev.source, ev.confidence), (ptmpicker::facts::Source::Llm, ptmpicker::facts::Confidence::Read));
    assert_eq!(ev.quote.as_deref(), Some("starting point was acme/harbor-base"));
    assert_eq!(line["llm"]["cited"]["dataset"], "tuned with the Harbor Logs collection");
    // The limitation's words are in the card, but its cited words are not: dropped.
    assert!(line["template"].get("limitations").is_none(), "{line}");
    assert!(!line["llm"]["used"].as_array().unwrap().iter().any(|f| f == "limitations"));
    assert!(stdout.contains("uncited"), "{stdout}");
}
