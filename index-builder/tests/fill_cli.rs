//! `index-builder fill`: descriptions in, request lines out — by rules alone, and completed by an
//! LLM (a mock OpenAI-compatible server) whose suggestions are kept only when they quote the
//! user's words and read as their field; piped into `search`.

#[path = "support/llm_fixture.rs"]
mod llm_fixture;
#[path = "support/mock_llm.rs"]
mod mock_llm;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use llm_fixture::{build_index, temp_dir, BIN};
use mock_llm::{MockLlm, Reply};
use serde_json::{json, Value};

fn fill(args: &[&str]) -> Output {
    Command::new(BIN).arg("fill").args(args).env_remove("PTMPICKER_LLM_API_KEY").output().unwrap()
}

/// `extra` plus the flags that point `fill` at `mock`, with a fresh cache directory.
fn with_llm(mock: &MockLlm, name: &str, extra: &[&str]) -> Vec<String> {
    let cache = temp_dir(name).join("cache").to_string_lossy().to_string();
    let mut args: Vec<String> = extra.iter().map(|a| a.to_string()).collect();
    args.extend(["--llm-base-url".into(), mock.base_url(), "--llm-model".into(), "m".into(), "--llm-cache-dir".into(), cache]);
    args
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn note<'a>(line: &'a Value, key: &str, field: &str) -> Option<&'a Value> {
    line[key].as_array().unwrap().iter().find(|n| n["field"] == field)
}

#[test]
fn rules_alone_fill_fields_and_say_which_words_led_to_them() {
    let out = fill(&["--text", "transcribe German phone calls, not for commercial use", "--text", "translate English to Japanese"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = lines(&out);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["id"], "fill-1");
    assert_eq!(v[0]["request"]["task"], "automatic-speech-recognition");
    assert_eq!(v[0]["request"]["language"], "German");
    let license = note(&v[0], "notes", "license").expect("a license note");
    assert_eq!(license["by"], "rule");
    assert!(v[0]["request"]["license"].as_str().unwrap().contains("non-commercial"), "{}", v[0]["request"]);
    assert_eq!(v[1]["request"]["language"], "English to Japanese");
}

#[test]
fn no_description_is_a_clear_error() {
    let out = fill(&["--text", "   "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --text"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_llm_completes_the_rules_and_ungrounded_values_are_set_aside() {
    let answer = json!({"fields": [
        {"field": "function", "quote": "Kundenbewertungen nach Stimmung klassifizieren", "value": "classify customer reviews by sentiment"},
        {"field": "task", "quote": "nach Stimmung klassifizieren", "value": "text-classification"},
        {"field": "license", "quote": "free for commercial use", "value": "commercial use allowed"},
        {"field": "domain", "quote": "Kundenbewertungen", "value": "e-commerce reviews"}
    ]});
    let mock = MockLlm::start(move |_, _| Reply::completion(&answer.to_string()));
    let args = with_llm(&mock, "fill-llm", &["--text", "Kundenbewertungen nach Stimmung klassifizieren"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = fill(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = &lines(&out)[0];
    assert_eq!(v["request"]["function"], "classify customer reviews by sentiment");
    assert_eq!(note(v, "notes", "function").unwrap()["by"], "llm");
    assert_eq!(v["request"]["domain"], "e-commerce reviews");
    // The license quote is not in the description: never applied.
    assert!(v["request"].get("license").is_none(), "{}", v["request"]);
    assert!(note(v, "set_aside", "license").unwrap()["because"].as_str().unwrap().contains("not in your description"));
    // The prompt carried the description fenced, with the schema.
    let chats = mock.chats();
    assert_eq!(chats.len(), 1);
    assert!(chats[0].last_user_message().contains("<<<TEXT\nKundenbewertungen nach Stimmung klassifizieren\nTEXT>>>"));
    assert_eq!(chats[0].json()["response_format"]["json_schema"]["name"], "filled_request");
    // A second run is answered from the cache.
    let again = fill(&args);
    assert_eq!(lines(&again)[0]["request"], v["request"]);
    assert_eq!(mock.chats().len(), 1, "cached");
}

#[test]
fn an_unreachable_llm_keeps_the_rules_reading_and_says_so() {
    let mock = MockLlm::start(|_, _| Reply::status(500, "{\"error\": {\"message\": \"model crashed\"}}"));
    let args = with_llm(&mock, "fill-llm-down", &["--text", "summarize news articles", "--llm-max-attempts", "1"]);
    let out = fill(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(1));
    let v = &lines(&out)[0];
    assert_eq!(v["request"]["task"], "summarization");
    assert!(v["llm_error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the rules' reading is printed"));
}

#[test]
fn fill_lines_feed_search() {
    let dir = temp_dir("fill-search");
    let index = build_index(&dir);
    let filled = fill(&["--text", "a customer support chatbot that answers FAQ questions"]);
    assert!(filled.status.success());
    let mut search = Command::new(BIN)
        .args(["search", "--requests", "-", "--top", "3", "--index"])
        .arg(&index)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    search.stdin.take().unwrap().write_all(&filled.stdout).unwrap();
    let out = search.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["request_id"], "fill-1");
    assert!(!v["results"].as_array().unwrap().is_empty(), "{v}");
}
