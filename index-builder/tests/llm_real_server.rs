//! Against a REAL OpenAI-compatible server (tests/llm/start.sh: llama.cpp via xllamacpp serving
//! SmolLM2-135M-Instruct). Runs only when `PTMPICKER_LLM_BASE_URL` is set, e.g.
//!
//! ```text
//! export PTMPICKER_LLM_BASE_URL="$(bash tests/llm/start.sh)"
//! cargo test -p index-builder --test llm_real_server -- --nocapture --test-threads 1
//! bash tests/llm/stop.sh
//! ```
//!
//! The tiny model's verdicts are not reliable, so these tests assert the protocol (HTTP 200, a chat
//! completion), the schema (content parses, matches it, fields typed), and stability (a fixed
//! prompt's parsed answer is identical across repeats) — never verdict values.

#[path = "support/llm_fixture.rs"]
mod llm_fixture;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use ptmpicker::analysis::Lexicon;
use ptmpicker::constraints::{DecidedBy, FieldVerdict, Status, Verdict};
use ptmpicker::llm::prompts::PromptName;
use ptmpicker::llm::response::{parse_completion, parse_extraction, parse_fill, parse_verdict, LlmAnswer};
use ptmpicker::llm::schema::{extract_fields, validate, OutputKind, REASON_MAX, VALUE_MAX};
use ptmpicker::llm::verdicts::{prepare_call, CandidateInput, LlmSettings};
use ptmpicker::llm::{ChatRequest, GenerationParams, ResponseMode};
use ptmpicker::request_text::llm_fill::{fill_chat_request, merge_llm_fill};
use ptmpicker::template::Field;
use serde_json::Value;

/// One check at a time: the server has one slot, and latencies should mean something.
static SERIAL: Mutex<()> = Mutex::new(());

fn base_url(test: &str) -> Option<String> {
    match std::env::var("PTMPICKER_LLM_BASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_string()),
        _ => {
            // Straight to the stderr handle: the test harness does not capture it, so the skip is
            // visible in a normal `cargo test` run.
            use std::io::Write;
            let _ =
                writeln!(std::io::stderr(), "\nSKIPPED {test}: PTMPICKER_LLM_BASE_URL is not set (start a server with tests/llm/start.sh)");
            None
        }
    }
}

struct Posted {
    status: u16,
    body: String,
    elapsed: Duration,
}

fn post(base: &str, body: &str) -> Posted {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(300))).proxy(None).build().into();
    let started = Instant::now();
    let mut response = agent
        .post(&format!("{base}/chat/completions"))
        .header("Content-Type", "application/json")
        .send(body.as_bytes())
        .unwrap_or_else(|e| panic!("POST {base}/chat/completions: {e}"));
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap();
    Posted { status, body, elapsed: started.elapsed() }
}

fn fixed_call(examples: usize) -> ptmpicker::llm::PreparedCall {
    let candidate = CandidateInput {
        doc: 0,
        model_id: "acme/helpdesk-chat-custom".into(),
        facts: ptmpicker::facts::ModelFacts {
            license: Some("other:acme-custom-terms".into()),
            params: Some(1_100_000_000),
            languages: vec!["en".into()],
            ..Default::default()
        },
        card: vec![
            (Field::Function, "A customer support chatbot that answers FAQ questions.".into()),
            (Field::License, "ACME custom terms: free for internal evaluation; commercial use requires a paid license.".into()),
        ],
        verdicts: vec![FieldVerdict {
            field: Field::License,
            requirement: "commercial use".into(),
            verdict: Verdict::rule(Status::Unknown, "unknown terms"),
        }],
    };
    let settings = LlmSettings { llm_model: "smollm2".into(), examples, ..LlmSettings::default() };
    prepare_call(0, &candidate, &candidate.verdicts[0], &settings).unwrap()
}

/// Checks the protocol and schema of one verdict answer and returns it parsed.
fn checked_verdict(posted: &Posted) -> LlmAnswer {
    assert_eq!(posted.status, 200, "HTTP status; body: {}", posted.body);
    let completion = parse_completion(&posted.body).unwrap_or_else(|e| panic!("{e}: {}", posted.body));
    let content: Value =
        serde_json::from_str(&completion.content).unwrap_or_else(|e| panic!("content is not JSON ({e}): {:?}", completion.content));
    validate(&OutputKind::Verdict.schema().json, &content).unwrap_or_else(|e| panic!("schema: {e:?}: {content}"));
    let reason = content["reason"].as_str().expect("reason is a string");
    assert!(reason.chars().count() <= REASON_MAX as usize);
    assert!(["satisfied", "violated", "unknown"].contains(&content["verdict"].as_str().expect("verdict is a string")));
    assert!(content["evidence"].is_string(), "the evidence quote is a string: {content}");
    assert_eq!(content.as_object().unwrap().len(), 3, "no extra keys: {content}");
    let usage = completion.usage.expect("the server reports usage");
    assert!(usage.prompt_tokens > 0 && usage.completion_tokens > 0, "{usage:?}");
    eprintln!(
        "  HTTP 200 in {:.2} s ({} prompt + {} completion tokens, finish {:?}): {}",
        posted.elapsed.as_secs_f64(),
        usage.prompt_tokens,
        usage.completion_tokens,
        completion.finish_reason,
        completion.content.replace('\n', " ")
    );
    parse_verdict(&completion.content, ResponseMode::JsonSchema).expect("typed answer")
}

#[test]
fn real_server_verdict_is_well_formed_and_stable() {
    let Some(base) = base_url("real_server_verdict_is_well_formed_and_stable") else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    for examples in [3, 0] {
        let call = fixed_call(examples);
        let body = call.body_json(ResponseMode::JsonSchema);
        eprintln!("license_check with {examples} worked examples:");
        let answers: Vec<LlmAnswer> = (0..2).map(|_| checked_verdict(&post(&base, &body))).collect();
        assert_eq!(answers[0], answers[1], "the same prompt must give the same parsed answer");
    }
}

#[test]
fn real_server_extraction_matches_its_schema() {
    let Some(base) = base_url("real_server_extraction_matches_its_schema") else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let template = PromptName::ExtractMetadata.template();
    let fields: Vec<String> = extract_fields().iter().map(|f| format!("- {} ({})", f.name(), f.label())).collect();
    let card = "# Tiny NER\nNamed entity recognition for Dutch, fine-tuned from bert-base-multilingual-cased on CoNLL-2002. 177M parameters. MIT license.";
    let messages =
        template.render_with_examples(&[("model_id", "org/tiny-ner-nl"), ("fields", &fields.join("\n")), ("card", card)], 1).unwrap();
    let mut params = GenerationParams::new("smollm2");
    params.max_tokens = 400;
    let request = ChatRequest { messages, schema: template.output.schema(), params };
    let posted = post(&base, &request.body_json(ResponseMode::JsonSchema));
    assert_eq!(posted.status, 200, "{}", posted.body);
    let completion = parse_completion(&posted.body).unwrap();
    let content: Value = serde_json::from_str(&completion.content).unwrap_or_else(|e| panic!("{e}: {:?}", completion.content));
    validate(&template.output.schema().json, &content).unwrap_or_else(|e| panic!("{e:?}: {content}"));
    for f in extract_fields() {
        let v = content[f.name()].as_str().unwrap_or_else(|| panic!("{} is not a string: {content}", f.name()));
        assert!(v.chars().count() <= VALUE_MAX as usize);
    }
    let fields = parse_extraction(&completion.content, ResponseMode::JsonSchema).unwrap();
    eprintln!("  extraction in {:.2} s: {fields:?}", posted.elapsed.as_secs_f64());
}

#[test]
fn real_server_fill_matches_its_schema_and_merges() {
    let Some(base) = base_url("real_server_fill_matches_its_schema_and_merges") else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let text = "Kundenanrufe auf Deutsch in Text umwandeln, kommerziell nutzbar";
    let request = fill_chat_request(text, GenerationParams::new("smollm2"), 1).unwrap();
    let posted = post(&base, &request.body_json(ResponseMode::JsonSchema));
    assert_eq!(posted.status, 200, "{}", posted.body);
    let completion = parse_completion(&posted.body).unwrap();
    let content: Value = serde_json::from_str(&completion.content).unwrap_or_else(|e| panic!("{e}: {:?}", completion.content));
    validate(&OutputKind::Fill.schema().json, &content).unwrap_or_else(|e| panic!("{e:?}: {content}"));
    let suggestions = parse_fill(&completion.content, ResponseMode::JsonSchema).unwrap();
    // Whatever the tiny model says, the merge keeps only grounded, readable values: every kept
    // LLM note quotes the description.
    let filled = merge_llm_fill(&Lexicon::new(), text, &suggestions);
    for n in filled.notes.iter().filter(|n| n.by == DecidedBy::Llm) {
        assert!(n.because.contains('\''), "{n:?}");
    }
    eprintln!("  fill in {:.2} s: {} suggested, {} set aside", posted.elapsed.as_secs_f64(), suggestions.len(), filled.set_aside.len());
}

#[test]
fn real_server_cli_search_is_stable_and_cached() {
    let Some(base) = base_url("real_server_cli_search_is_stable_and_cached") else { return };
    let _guard = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let dir = llm_fixture::temp_dir("llm-real-cli");
    let index = llm_fixture::build_index(&dir);
    // At most 3 candidates, no few-shot examples: a handful of ~2 s checks per run.
    let args = |cache: &str| -> Vec<String> {
        [
            "--top",
            "2",
            "--llm-candidates",
            "3",
            "--llm-examples",
            "0",
            "--llm-concurrency",
            "1",
            "--llm-base-url",
            &base,
            "--llm-cache-dir",
            cache,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let mut outputs = Vec::new();
    let mut answers = Vec::new();
    for run in 0..2 {
        let cache = dir.join(format!("cache-{run}")).to_string_lossy().to_string();
        let started = Instant::now();
        // No --llm-model: the client asks the server's /models.
        let a = args(&cache);
        let out = llm_fixture::search(&index, &a.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{stderr}");
        let summary = stderr.lines().last().unwrap_or_default().to_string();
        eprintln!("  run {run}: {:.2} s; {summary}", started.elapsed().as_secs_f64());
        // The tiny CI model sometimes runs out of tokens mid-answer; such a check must surface as
        // "not checked" (below), never as a pass. What must hold is the protocol, not the model.
        assert!(summary.contains(" failed;"), "the run reports its failed checks: {stderr}");
        // Whatever the (unreliable) verdicts, the shown LLM verdicts are well-formed, and the
        // rule-violating model with the hostile card is never shown.
        let v = llm_fixture::output_json(&out);
        assert!(!llm_fixture::ids(&v).contains(&"acme/helpdesk-chat-nc".to_string()));
        for r in v["results"].as_array().unwrap() {
            for (field, verdict) in r["verdicts"].as_object().unwrap() {
                if verdict["decided_by"] == "llm" {
                    assert!(
                        ["satisfied", "unknown", "not_checked"].contains(&verdict["status"].as_str().unwrap()),
                        "{} {field}: {verdict}",
                        r["id"]
                    );
                    assert!(verdict["reason"].is_string() && verdict["requirement"].is_string());
                }
            }
        }
        outputs.push(out.stdout);
        answers.push(cached_answers(&dir.join(format!("cache-{run}"))));
    }
    assert!(answers[0].len() >= 2, "at least two checks ran: {:?}", answers[0]);
    assert_eq!(answers[0], answers[1], "two uncached runs give identical parsed answers");
    assert_eq!(outputs[0], outputs[1], "and byte-identical output");
    // A third run on the first cache makes no HTTP check and prints the same.
    let cache = dir.join("cache-0").to_string_lossy().to_string();
    let a = args(&cache);
    let out = llm_fixture::search(&index, &a.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Every well-formed answer comes from the cache (failed checks are never cached, so they may
    // be asked again, and fail the same way: the server is deterministic).
    assert!(stderr.contains(&format!("({} cached,", answers[0].len())), "{stderr}");
    assert_eq!(out.stdout, outputs[0]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// cache key → (model, field, answer) of every cached answer in `dir`.
fn cached_answers(dir: &std::path::Path) -> std::collections::BTreeMap<String, (String, String, Value)> {
    let mut out = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let key = v["key"].as_str().unwrap().to_string();
            out.insert(key, (v["model_id"].as_str().unwrap().into(), v["field"].as_str().unwrap().into(), v["answer"].clone()));
        }
    }
    out
}
