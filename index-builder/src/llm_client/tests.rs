//! Client, cache, pool and runner tests against the misbehaving mock server
//! (`tests/support/mock_llm.rs`).

use std::time::{Duration, Instant};

use ptmpicker::constraints::{FieldVerdict, Status, Verdict};
use ptmpicker::llm::policy::RetryPolicy;
use ptmpicker::llm::response::{AnswerVerdict, LlmError};
use ptmpicker::llm::verdicts::{prepare_call, CandidateInput, LlmPlan, LlmSettings, PreparedCall};
use ptmpicker::llm::ResponseMode;
use ptmpicker::template::Field;
use serde_json::json;

#[path = "../../tests/support/mock_llm.rs"]
mod mock_llm;
use mock_llm::{refused_base_url, MockLlm, Reply};

use super::cache::{CacheEntry, DiskCache};
use super::client::{ApiKey, ClientConfig, LlmClient};
use super::pool::run_bounded;
use super::runner::LlmRunner;

const KEY: &str = "sk-test-SECRET-0123456789";

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay_ms: 10,
        max_delay_ms: 40,
        request_timeout_ms: 5_000,
        connect_timeout_ms: 1_000,
        ..RetryPolicy::default()
    }
}

fn client(base: &str, key: Option<&str>) -> LlmClient {
    LlmClient::new(ClientConfig { api_key: key.and_then(ApiKey::new), policy: fast_policy(), ..ClientConfig::new(base) }).unwrap()
}

fn candidate(doc: u32, card: &str) -> CandidateInput {
    CandidateInput {
        doc,
        model_id: format!("org/model-{doc}"),
        facts: ptmpicker::facts::ModelFacts { license: Some("apache-2.0".into()), params: Some(7_000_000_000), ..Default::default() },
        card: vec![(Field::Function, card.to_string())],
        verdicts: vec![FieldVerdict {
            field: Field::Biases,
            requirement: "no known gender bias".into(),
            verdict: Verdict::rule(Status::Pending, "needs the LLM"),
        }],
    }
}

fn call(doc: u32) -> PreparedCall {
    let c = candidate(doc, "A customer support chatbot.");
    prepare_call(0, &c, &c.verdicts[0], &LlmSettings { llm_model: "mock".into(), ..Default::default() }).unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("ptmpicker-llm-client-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn happy_path_sends_a_strict_deterministic_request_with_the_key() {
    let mock = MockLlm::start(|_, _| Reply::verdict("satisfied", "The card reports no bias."));
    let c = client(&mock.base_url(), Some(KEY));
    let report = c.check(&call(1));
    let answer = report.result.unwrap();
    assert_eq!(answer.verdict, AnswerVerdict::Satisfied);
    assert_eq!(answer.reason, "The card reports no bias.");
    assert_eq!((report.attempts, report.mode), (1, ResponseMode::JsonSchema));
    assert_eq!(report.usage.unwrap().total_tokens, 120);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/chat/completions"));
    assert_eq!(r.header("authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let body = r.json();
    assert_eq!(body["temperature"], 0.0);
    assert_eq!(body["seed"], 42);
    assert_eq!(body["model"], "mock");
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["strict"], true);
    assert_eq!(body["response_format"]["json_schema"]["schema"]["properties"]["reason"]["maxLength"], 300);
}

#[test]
fn no_key_no_authorization_header() {
    let mock = MockLlm::start(|_, _| Reply::verdict("unknown", "r"));
    client(&mock.base_url(), None).check(&call(1)).result.unwrap();
    assert_eq!(mock.requests()[0].header("authorization"), None);
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let mock = MockLlm::start(|_, n| if n < 2 { Reply::status(503, "overloaded") } else { Reply::verdict("violated", "r") });
    let report = client(&mock.base_url(), None).check(&call(1));
    assert_eq!(report.result.unwrap().verdict, AnswerVerdict::Violated);
    assert_eq!(report.attempts, 3);
}

#[test]
fn retry_after_is_honoured() {
    let mock =
        MockLlm::start(
            |_, n| if n == 0 { Reply::status(429, "slow down").header("Retry-After", "1") } else { Reply::verdict("satisfied", "r") },
        );
    let started = Instant::now();
    let report = client(&mock.base_url(), None).check(&call(1));
    assert!(report.result.is_ok());
    assert_eq!(report.attempts, 2);
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
}

#[test]
fn too_long_a_retry_after_gives_up_at_once() {
    let mock = MockLlm::start(|_, _| Reply::status(429, r#"{"error": {"message": "quota exceeded"}}"#).header("Retry-After", "3600"));
    let started = Instant::now();
    let report = client(&mock.base_url(), None).check(&call(1));
    assert_eq!(report.result.unwrap_err(), LlmError::Http { status: 429, message: "quota exceeded".into() });
    assert_eq!(report.attempts, 1);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn connection_refused_fails_then_fails_fast() {
    let c = client(&refused_base_url(), Some(KEY));
    let first = c.check(&call(1));
    assert!(matches!(first.result, Err(LlmError::Transport { .. })), "{:?}", first.result);
    assert_eq!(first.attempts, 3);
    let second = c.check(&call(2));
    let e = second.result.unwrap_err();
    assert_eq!(second.attempts, 0, "the endpoint is known to be down");
    assert!(e.to_string().contains("not retried"), "{e}");
    assert!(!e.to_string().contains(KEY));
}

#[test]
fn slow_responses_time_out() {
    let mock = MockLlm::start(|_, _| Reply::verdict("satisfied", "late").delayed(Duration::from_secs(3)));
    let policy = RetryPolicy { request_timeout_ms: 400, timeout_retries: 0, ..fast_policy() };
    let c = LlmClient::new(ClientConfig { policy, ..ClientConfig::new(mock.base_url()) }).unwrap();
    let started = Instant::now();
    let report = c.check(&call(1));
    assert_eq!(report.result.unwrap_err(), LlmError::Timeout { seconds: 1 });
    assert_eq!(report.attempts, 1);
    assert!(started.elapsed() < Duration::from_millis(2500), "{:?}", started.elapsed());
}

#[test]
fn one_timeout_is_retried() {
    let mock = MockLlm::start(|_, n| {
        let r = Reply::verdict("unknown", "r");
        if n == 0 {
            r.delayed(Duration::from_secs(2))
        } else {
            r
        }
    });
    let policy = RetryPolicy { request_timeout_ms: 400, ..fast_policy() };
    let c = LlmClient::new(ClientConfig { policy, ..ClientConfig::new(mock.base_url()) }).unwrap();
    let report = c.check(&call(1));
    assert!(report.result.is_ok(), "{:?}", report.result);
    assert_eq!(report.attempts, 2);
}

#[test]
fn malformed_bodies_are_typed_errors_not_retries() {
    let mock = MockLlm::start(|_, _| Reply::status(200, "{\"choices\": [").header("Content-Type", "application/json"));
    let report = client(&mock.base_url(), None).check(&call(1));
    assert!(matches!(report.result, Err(LlmError::InvalidResponse { .. })), "{:?}", report.result);
    assert_eq!(report.attempts, 1);
    let mock = MockLlm::start(|_, _| Reply::completion("Sure, it satisfies everything!"));
    let report = client(&mock.base_url(), None).check(&call(1));
    assert!(matches!(report.result, Err(LlmError::NotJson { .. })), "{:?}", report.result);
}

#[test]
fn hang_ups_are_retried() {
    let mock = MockLlm::start(|_, n| if n == 0 { Reply::hang_up() } else { Reply::verdict("satisfied", "r") });
    let report = client(&mock.base_url(), None).check(&call(1));
    assert!(report.result.is_ok(), "{:?}", report.result);
    assert_eq!(report.attempts, 2);
}

/// llama-cpp-python's answer to a json_schema response_format.
const PYDANTIC_REJECTION: &str = r#"{"detail":[{"type":"literal_error","loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'","input":"json_schema"}]}"#;

#[test]
fn json_schema_rejection_falls_back_to_json_object_and_is_remembered() {
    let mock = MockLlm::start(|r, _| {
        if r.format() == "json_schema" {
            Reply::status(500, PYDANTIC_REJECTION)
        } else {
            Reply::verdict("unknown", "no bias section")
        }
    });
    let c = client(&mock.base_url(), None);
    let first = c.check(&call(1));
    assert_eq!(first.result.unwrap().verdict, AnswerVerdict::Unknown);
    assert_eq!((first.attempts, first.mode), (1, ResponseMode::JsonObject), "a fallback is not a retry");
    let second = c.check(&call(2));
    assert!(second.result.is_ok());
    let formats: Vec<String> = mock.requests().iter().map(|r| r.format()).collect();
    assert_eq!(formats, ["json_schema", "json_object", "json_object"]);
    // The json_object body carries the schema and the shape in words.
    let body = mock.requests()[1].json();
    assert_eq!(body["response_format"]["schema"]["required"], json!(["reason", "evidence", "verdict"]));
    assert!(body["messages"][0]["content"].as_str().unwrap().contains("must be a single JSON object"));
}

#[test]
fn a_server_without_structured_output_gets_plain_prompts() {
    let mock = MockLlm::start(|r, _| match r.format().as_str() {
        "none" => Reply::completion("Here you go:\n```json\n{\"reason\": \"fine\", \"verdict\": \"satisfied\"}\n```"),
        other => Reply::status(400, &format!(r#"{{"error": {{"message": "response_format type {other} is unsupported"}}}}"#)),
    });
    let report = client(&mock.base_url(), None).check(&call(1));
    assert_eq!(report.result.unwrap().verdict, AnswerVerdict::Satisfied);
    assert_eq!(report.mode, ResponseMode::Plain);
    let formats: Vec<String> = mock.requests().iter().map(|r| r.format()).collect();
    assert_eq!(formats, ["json_schema", "json_object", "none"]);
}

#[test]
fn the_key_never_appears_in_errors() {
    // A server that echoes the Authorization header back in its error.
    let mock = MockLlm::start(|r, _| {
        Reply::status(401, &format!(r#"{{"error": {{"message": "invalid key {}"}}}}"#, r.header("authorization").unwrap_or("")))
    });
    let c = client(&mock.base_url(), Some(KEY));
    let report = c.check(&call(1));
    let e = report.result.unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    assert_eq!(report.attempts, 1, "401 is not retried");
    assert!(!format!("{:?}", ApiKey::new(KEY).unwrap()).contains(KEY));
    assert_eq!(ApiKey::new(KEY).unwrap().to_string(), "[redacted]");
    assert_eq!(ApiKey::new("  "), None);
}

#[test]
fn redirects_are_not_followed() {
    let other = MockLlm::start(|_, _| Reply::verdict("satisfied", "r"));
    let target = format!("{}/chat/completions", other.base_url());
    let mock = MockLlm::start(move |_, _| Reply::status(307, "").header("Location", &target));
    let report = client(&mock.base_url(), Some(KEY)).check(&call(1));
    assert!(matches!(report.result, Err(LlmError::Http { status: 307, .. })), "{:?}", report.result);
    assert!(other.requests().is_empty(), "the key must never be sent to another address");
}

#[test]
fn base_urls_are_checked_and_credentials_in_them_refused_unrepeated() {
    assert!(LlmClient::new(ClientConfig::new("ftp://x")).is_err());
    assert!(LlmClient::new(ClientConfig::new("127.0.0.1:8090")).is_err());
    let e = LlmClient::new(ClientConfig::new("https://user:pw-SECRET-9@example.invalid/v1/")).err().unwrap().to_string();
    assert!(e.contains("user name or password") && !e.contains("pw-SECRET-9"), "{e}");
    let c = LlmClient::new(ClientConfig::new("https://example.invalid/v1/chat/completions")).unwrap();
    assert_eq!(c.base_url_for_display(), "https://example.invalid/v1");
}

#[test]
fn a_successful_answer_that_echoes_the_key_is_redacted_before_anyone_sees_it() {
    let mock = MockLlm::start(|r, _| {
        let auth = r.header("authorization").unwrap_or_default().to_string();
        Reply::grounded("satisfied", &format!("your header was {auth}"), &format!("customer support chatbot {auth}"))
    });
    let report = client(&mock.base_url(), Some(KEY)).check(&call(1));
    let a = report.result.unwrap();
    assert_eq!(a.reason, "your header was Bearer [redacted]");
    assert!(!a.evidence.contains(KEY), "{}", a.evidence);
}

#[test]
fn an_oversized_answer_is_refused_before_parsing() {
    let huge = "{".repeat(2 << 20);
    let mock = MockLlm::start(move |_, _| Reply::status(200, &huge));
    let report = client(&mock.base_url(), None).check(&call(1));
    assert!(matches!(report.result, Err(LlmError::TooLarge { .. })), "{:?}", report.result);
}

#[test]
fn first_model_reads_the_models_list() {
    let mock = MockLlm::start(|r, _| {
        if r.path == "/v1/models" {
            Reply::json(200, json!({"object": "list", "data": [{"id": "smollm2", "object": "model"}]}))
        } else {
            Reply::status(404, "")
        }
    });
    assert_eq!(client(&mock.base_url(), None).first_model().unwrap(), "smollm2");
    let empty = MockLlm::start(|_, _| Reply::json(200, json!({"data": []})));
    assert!(client(&empty.base_url(), None).first_model().is_err());
}

#[test]
fn pool_bounds_concurrency_and_keeps_order() {
    let active = std::sync::atomic::AtomicUsize::new(0);
    let peak = std::sync::atomic::AtomicUsize::new(0);
    let items: Vec<usize> = (0..12).collect();
    let out = run_bounded(&items, 3, |&i| {
        let now = active.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        peak.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(20));
        active.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        i * 2
    });
    assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    assert!(peak.load(std::sync::atomic::Ordering::SeqCst) <= 3);
    assert_eq!(run_bounded(&[] as &[u8], 4, |_| 1), Vec::<i32>::new());
}

#[test]
fn cache_round_trips_atomically_and_ignores_damage() {
    let dir = temp_dir("cache");
    let cache = DiskCache::open(&dir).unwrap();
    assert!(dir.join(".gitignore").exists());
    let c = call(3);
    assert!(cache.get(c.cache_key).is_none());
    let answer = ptmpicker::llm::LlmAnswer { verdict: AnswerVerdict::Violated, reason: "biased".into(), evidence: "e".into() };
    let entry = CacheEntry::new(&c, "http://h/v1", &answer, "json_schema");
    cache.put(&entry).unwrap();
    let got = cache.get(c.cache_key).unwrap();
    assert_eq!(got.answer, answer);
    assert_eq!((got.model_id.as_str(), got.field.as_str(), got.prompt.as_str()), ("org/model-3", "biases", "bias_check"));
    assert_eq!(cache.len(), 1);
    let names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
    // A damaged file or one with another key inside is a miss.
    std::fs::write(dir.join(format!("{}.json", c.cache_key)), "{not json").unwrap();
    assert!(cache.get(c.cache_key).is_none());
    let mut foreign = entry.clone();
    foreign.key = "0000000000000001".into();
    std::fs::write(dir.join(format!("{}.json", c.cache_key)), serde_json::to_string(&foreign).unwrap()).unwrap();
    assert!(cache.get(c.cache_key).is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

fn plan(n: u32, want: usize) -> LlmPlan {
    let inputs = (0..n).map(|d| candidate(d, "A customer support chatbot.")).collect();
    LlmPlan::new(inputs, &LlmSettings { llm_model: "mock".into(), want, ..Default::default() }).unwrap()
}

#[test]
fn runner_limits_concurrency_caches_and_replays_identically() {
    let mock = MockLlm::start(|r, _| {
        let verdict = if r.model_id() == "org/model-0" { "violated" } else { "satisfied" };
        Reply::verdict(verdict, "mock reason").delayed(Duration::from_millis(150))
    });
    let dir = temp_dir("runner");
    let runner = LlmRunner::new(client(&mock.base_url(), None), Some(DiskCache::open(&dir).unwrap()), 2, LlmSettings::default());
    let mut p1 = plan(8, 4);
    let s1 = runner.run_plan(&mut p1);
    // Doc 0 fails, so 5 candidates are checked for 4 to pass.
    assert_eq!((s1.checks, s1.http_checks, s1.cache_hits, s1.failures, s1.passed, s1.candidates_checked), (5, 5, 0, 0, 4, 5));
    assert!(mock.max_in_flight() <= 2, "concurrency limit: {}", mock.max_in_flight());
    assert_eq!(s1.latencies.len(), 5);
    assert_eq!(s1.prompt_tokens, 500);
    // Second run: all from the cache, same verdicts, no HTTP.
    let before = mock.requests().len();
    let mut p2 = plan(8, 4);
    let s2 = runner.run_plan(&mut p2);
    assert_eq!((s2.checks, s2.cache_hits, s2.http_checks), (5, 5, 0));
    assert_eq!(mock.requests().len(), before);
    for i in 0..8 {
        assert_eq!(p1.verdicts(i), p2.verdicts(i), "candidate {i}");
    }
    assert_eq!(p1.verdicts(0)[0].verdict.status, Status::Violated);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn runner_failures_are_not_checked_and_not_cached() {
    let dir = temp_dir("fail");
    let runner = LlmRunner::new(client(&refused_base_url(), None), Some(DiskCache::open(&dir).unwrap()), 2, LlmSettings::default());
    let mut p = plan(5, 3);
    let s = runner.run_plan(&mut p);
    assert_eq!((s.checks, s.failures, s.passed), (3, 3, 3), "failures are not violations");
    for i in 0..3 {
        let v = &p.verdicts(i)[0].verdict;
        assert_eq!(v.status, Status::NotChecked);
        assert!(v.reason.starts_with("LLM check failed: LLM endpoint unreachable"), "{}", v.reason);
    }
    assert_eq!(DiskCache::open(&dir).unwrap().len(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
