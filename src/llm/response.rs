//! Reading a chat-completions response: body → `choices[0].message.content` → JSON → schema check
//! → typed answer, with a clear typed error at each step.
//!
//! In `json_schema` mode the server enforced the schema, so a mismatch is an error (the server
//! probably ignored `response_format`). In the `json_object` / plain fallbacks the model only saw
//! the shape in words, so the reader is lenient where it is safe: it takes the first JSON object
//! out of surrounding text or a code fence, accepts `satisfies: true|false|null` for `verdict`,
//! and cuts an over-long reason; it never guesses a verdict that is not there.
//!
//! Bounded, because answers come from servers we do not control: a body over [`MAX_BODY_BYTES`]
//! or an answer over [`MAX_CONTENT_BYTES`] is refused before parsing, and the JSON object is found
//! by one linear scan ([`extract_json_object_counted`]), so no answer costs more than a few passes
//! over its bytes (an answer of 100 kB of `{` used to cost one parse per brace).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::request::ResponseMode;
use super::schema::{validate, verdict_schema, OutputKind, Schema, SchemaViolation, EVIDENCE_MAX, REASON_MAX};
use crate::template::{Field, Template};

/// Why an LLM check produced no answer. `Display` is what users see (a `NotChecked` reason), so it
/// must never contain secrets: transports redact before building these.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LlmError {
    /// Bad settings (no base URL, bad URL, …).
    Config { message: String },
    /// Could not connect / the connection broke.
    Transport { message: String },
    /// No response in time.
    Timeout { seconds: u64 },
    /// The server answered with a non-success status.
    Http { status: u16, message: String },
    /// The server rejected every response format (json_schema, json_object, plain).
    FormatRejected { message: String },
    /// The HTTP body is not a chat completion.
    InvalidResponse { message: String },
    /// The model refused (`message.refusal`).
    Refusal { message: String },
    /// The content holds no JSON object.
    NotJson { snippet: String, finish_reason: Option<String> },
    /// JSON of the wrong shape.
    SchemaMismatch { problems: Vec<String> },
    /// The body or the answer is longer than PTMPicker reads (refused before parsing).
    TooLarge { what: String, bytes: usize, limit: usize },
    /// An answer that was read but is not used: it is not grounded in the text sent (see
    /// [`crate::llm::grounding`]).
    Ungrounded { why: String },
}

impl LlmError {
    /// Applies `f` to every text this error carries (e.g. to redact an API key before it is shown
    /// or logged; both transports use this).
    pub fn map_text(self, f: impl Fn(String) -> String) -> LlmError {
        match self {
            LlmError::Config { message } => LlmError::Config { message: f(message) },
            LlmError::Transport { message } => LlmError::Transport { message: f(message) },
            LlmError::Timeout { seconds } => LlmError::Timeout { seconds },
            LlmError::Http { status, message } => LlmError::Http { status, message: f(message) },
            LlmError::FormatRejected { message } => LlmError::FormatRejected { message: f(message) },
            LlmError::InvalidResponse { message } => LlmError::InvalidResponse { message: f(message) },
            LlmError::Refusal { message } => LlmError::Refusal { message: f(message) },
            LlmError::NotJson { snippet, finish_reason } => LlmError::NotJson { snippet: f(snippet), finish_reason },
            LlmError::SchemaMismatch { problems } => LlmError::SchemaMismatch { problems: problems.into_iter().map(f).collect() },
            LlmError::TooLarge { what, bytes, limit } => LlmError::TooLarge { what, bytes, limit },
            LlmError::Ungrounded { why } => LlmError::Ungrounded { why: f(why) },
        }
    }
}

impl std::fmt::Display for LlmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LlmError::Config { message } => write!(f, "LLM not configured: {message}"),
            LlmError::Transport { message } => write!(f, "LLM endpoint unreachable: {message}"),
            LlmError::Timeout { seconds } => write!(f, "LLM endpoint timed out after {seconds} s"),
            LlmError::Http { status, message } => write!(f, "LLM endpoint answered HTTP {status}: {message}"),
            LlmError::FormatRejected { message } => write!(f, "LLM endpoint rejected every response format: {message}"),
            LlmError::InvalidResponse { message } => write!(f, "LLM response is not a chat completion: {message}"),
            LlmError::Refusal { message } => write!(f, "the LLM refused: {message}"),
            LlmError::NotJson { snippet, finish_reason } => {
                write!(f, "LLM answer holds no JSON object: {snippet:?}")?;
                if finish_reason.as_deref() == Some("length") {
                    write!(f, " (cut off at max_tokens)")?;
                }
                Ok(())
            }
            LlmError::SchemaMismatch { problems } => write!(f, "LLM answer has the wrong shape: {}", problems.join("; ")),
            LlmError::TooLarge { what, bytes, limit } => {
                write!(f, "LLM {what} is too large to read: {bytes} bytes, more than the {limit}-byte limit")
            }
            LlmError::Ungrounded { why } => write!(f, "LLM answer not used: {why}"),
        }
    }
}

impl std::error::Error for LlmError {}

impl LlmError {
    /// Builds the error for a non-2xx response, taking the server's own message when the body is
    /// an OpenAI-style `{"error": {"message": ...}}` (or `{"error": "..."}`, `{"detail": ...}`).
    pub fn from_status(status: u16, body: &str) -> LlmError {
        LlmError::Http { status, message: error_message(body) }
    }
}

/// The human message inside an error body, shortened.
pub fn error_message(body: &str) -> String {
    let parsed = (body.len() <= MAX_BODY_BYTES).then(|| serde_json::from_str::<Value>(body).ok()).flatten();
    let from_json = parsed.and_then(|v| {
        let e = v.get("error").or_else(|| v.get("detail")).or_else(|| v.get("message"))?;
        Some(match e {
            Value::String(s) => s.clone(),
            Value::Object(o) => o.get("message").and_then(Value::as_str).map(str::to_string).unwrap_or_else(|| e.to_string()),
            other => other.to_string(),
        })
    });
    snippet(&from_json.unwrap_or_else(|| body.to_string()), 300)
}

fn snippet(text: &str, max: usize) -> String {
    let t = text.trim();
    let mut chars = t.char_indices();
    match chars.nth(max) {
        None => t.to_string(),
        Some((cut, _)) => format!("{}…", &t[..cut]),
    }
}

/// Token counts, when the server reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
}

/// The parts of a chat completion PTMPicker uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub content: String,
    pub finish_reason: Option<String>,
    pub model: Option<String>,
    pub usage: Option<Usage>,
}

/// Parses a 2xx response body.
pub fn parse_completion(body: &str) -> Result<Completion, LlmError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(LlmError::TooLarge { what: "response body".into(), bytes: body.len(), limit: MAX_BODY_BYTES });
    }
    let v: Value = serde_json::from_str(body)
        .map_err(|e| LlmError::InvalidResponse { message: format!("body is not JSON ({e}): {:?}", snippet(body, 120)) })?;
    if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
        return Err(LlmError::InvalidResponse {
            message: format!("error object in a success response: {}", snippet(&err.to_string(), 300)),
        });
    }
    let choice = v
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .ok_or_else(|| LlmError::InvalidResponse { message: "no choices[0]".into() })?;
    let message = choice.get("message").ok_or_else(|| LlmError::InvalidResponse { message: "choices[0] has no message".into() })?;
    if let Some(refusal) = message.get("refusal").and_then(Value::as_str).filter(|r| !r.trim().is_empty()) {
        return Err(LlmError::Refusal { message: snippet(refusal, 300) });
    }
    let content = match message.get("content") {
        Some(Value::String(s)) => s.clone(),
        // Some servers send content as a list of parts: [{"type":"text","text":"..."}].
        Some(Value::Array(parts)) => parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect::<Vec<_>>().join(""),
        _ => return Err(LlmError::InvalidResponse { message: "choices[0].message.content is missing or not text".into() }),
    };
    let usage = v.get("usage").and_then(|u| {
        let n = |k: &str| u.get(k).and_then(Value::as_u64).unwrap_or(0);
        Some(Usage { prompt_tokens: n("prompt_tokens"), completion_tokens: n("completion_tokens"), total_tokens: n("total_tokens") })
            .filter(|u| u.total_tokens > 0 || u.prompt_tokens > 0 || u.completion_tokens > 0)
    });
    Ok(Completion {
        content,
        finish_reason: choice.get("finish_reason").and_then(Value::as_str).map(str::to_string),
        model: v.get("model").and_then(Value::as_str).map(str::to_string),
        usage,
    })
}

/// Longest HTTP body read as a chat completion; a longer one is refused before any parsing.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Longest answer content parsed (the schemas ask for a few hundred characters).
pub const MAX_CONTENT_BYTES: usize = 64 << 10;
/// Nesting the scan keeps track of: `serde_json` refuses deeper documents (its limit is 128), so a
/// span that starts deeper can never parse and need not be remembered.
const MAX_TRACKED_DEPTH: usize = 128;

/// What [`extract_json_object_counted`] did: bytes scanned, bytes handed to `serde_json` and the
/// number of parse attempts. Property tests check these stay linear in the input length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanWork {
    pub scanned: usize,
    pub parsed: usize,
    pub parse_attempts: usize,
}

/// The whole text as JSON, else the first balanced `{...}` in it that parses (code fences and
/// chatter around it are skipped). Linear time: see [`extract_json_object_counted`].
pub fn extract_json_object(text: &str) -> Option<Value> {
    extract_json_object_counted(text).0
}

/// [`extract_json_object`] with the work it did. One string-aware scan finds the outermost balanced
/// `{...}` spans (they are disjoint); each is handed to `serde_json` at most once, so the work is
/// at most about three times the input length, whatever the input (100 kB of `{`, deep nesting,
/// huge strings).
pub fn extract_json_object_counted(text: &str) -> (Option<Value>, ScanWork) {
    let mut work = ScanWork::default();
    let trimmed = text.trim();
    work.parsed += trimmed.len();
    work.parse_attempts += 1;
    if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(trimmed) {
        return (Some(v), work);
    }
    for (start, end) in outermost_spans(trimmed.as_bytes(), &mut work) {
        work.parsed += end - start;
        work.parse_attempts += 1;
        if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(&trimmed[start..end]) {
            return (Some(v), work);
        }
    }
    (None, work)
}

/// The balanced `{...}` spans of `bytes` not inside another balanced span, in order, from one
/// scan. Strings are tracked inside braces only (quotes in the chatter around do not count).
fn outermost_spans(bytes: &[u8], work: &mut ScanWork) -> Vec<(usize, usize)> {
    use std::collections::VecDeque;
    // Positions of the open `{` not closed yet (the newest MAX_TRACKED_DEPTH of them) and how many
    // older ones were let go.
    let mut open: VecDeque<usize> = VecDeque::new();
    let mut forgotten = 0usize;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let (mut in_string, mut escaped) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        work.scanned += 1;
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' if !open.is_empty() || forgotten > 0 => in_string = true,
            b'{' => {
                open.push_back(i);
                if open.len() > MAX_TRACKED_DEPTH {
                    open.pop_front();
                    forgotten += 1;
                }
            }
            b'}' => match open.pop_back() {
                Some(start) => {
                    // Spans that closed earlier and start later are inside this one.
                    while spans.last().is_some_and(|s| s.0 > start) {
                        spans.pop();
                    }
                    spans.push((start, i + 1));
                }
                None => forgotten = forgotten.saturating_sub(1),
            },
            _ => {}
        }
    }
    spans
}

/// Content → JSON value that matches `schema`. The content should be the JSON object itself (in
/// the fallback modes, and tolerated in `json_schema` mode, the first JSON object in surrounding
/// text is taken). A schema mismatch is `Err(SchemaMismatch)`: an error in `json_schema` mode, and
/// the cue for [`parse_verdict`]'s lenient reading in the fallback modes.
pub fn parse_json_content(content: &str, schema: &Schema, mode: ResponseMode) -> Result<Value, LlmError> {
    if content.len() > MAX_CONTENT_BYTES {
        return Err(LlmError::TooLarge { what: "answer".into(), bytes: content.len(), limit: MAX_CONTENT_BYTES });
    }
    let value = if mode == ResponseMode::JsonSchema {
        serde_json::from_str::<Value>(content.trim()).ok().or_else(|| extract_json_object(content))
    } else {
        extract_json_object(content)
    }
    .ok_or_else(|| LlmError::NotJson { snippet: snippet(content, 120), finish_reason: None })?;
    validate(&schema.json, &value).map_err(|v| mismatch(&v))?;
    Ok(value)
}

fn mismatch(violations: &[SchemaViolation]) -> LlmError {
    LlmError::SchemaMismatch { problems: violations.iter().take(6).map(ToString::to_string).collect() }
}

/// A verdict as the LLM gave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerVerdict {
    Satisfied,
    Violated,
    Unknown,
}

impl AnswerVerdict {
    pub fn name(self) -> &'static str {
        match self {
            AnswerVerdict::Satisfied => "satisfied",
            AnswerVerdict::Violated => "violated",
            AnswerVerdict::Unknown => "unknown",
        }
    }
}

/// The answer to one constraint check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LlmAnswer {
    pub verdict: AnswerVerdict,
    pub reason: String,
    /// The words of the card (or facts) the answer rests on, quoted by the LLM; checked by
    /// [`crate::llm::grounding`] before the answer counts. Empty when none was given.
    #[serde(default)]
    pub evidence: String,
}

impl LlmAnswer {
    /// `Some(true)` satisfied, `Some(false)` violated, `None` unknown.
    pub fn satisfies(&self) -> Option<bool> {
        match self.verdict {
            AnswerVerdict::Satisfied => Some(true),
            AnswerVerdict::Violated => Some(false),
            AnswerVerdict::Unknown => None,
        }
    }
}

/// A whole 2xx response body → the verdict answer.
pub fn parse_verdict_response(body: &str, mode: ResponseMode) -> Result<LlmAnswer, LlmError> {
    let completion = parse_completion(body)?;
    parse_verdict(&completion.content, mode).map_err(|e| with_finish_reason(e, &completion))
}

fn with_finish_reason(e: LlmError, completion: &Completion) -> LlmError {
    match e {
        LlmError::NotJson { snippet, .. } => LlmError::NotJson { snippet, finish_reason: completion.finish_reason.clone() },
        other => other,
    }
}

/// Message content → the verdict answer (see the module notes on strictness).
///
/// A missing `evidence` is read as "" in every mode: the answer then fails the grounding check
/// with a message that says so, which tells the user more than "wrong shape".
pub fn parse_verdict(content: &str, mode: ResponseMode) -> Result<LlmAnswer, LlmError> {
    let schema = verdict_schema();
    let with_evidence = |text: &str| -> Option<String> {
        let mut v = extract_json_object(text)?;
        let obj = v.as_object_mut()?;
        if obj.contains_key("evidence") {
            return None;
        }
        obj.insert("evidence".into(), Value::String(String::new()));
        Some(v.to_string())
    };
    let patched = if content.len() <= MAX_CONTENT_BYTES { with_evidence(content) } else { None };
    let content = patched.as_deref().unwrap_or(content);
    match parse_json_content(content, &schema, mode) {
        Ok(v) => Ok(LlmAnswer {
            verdict: verdict_word(v["verdict"].as_str().unwrap_or_default()).expect("schema enum"),
            reason: v["reason"].as_str().unwrap_or_default().trim().to_string(),
            evidence: v["evidence"].as_str().unwrap_or_default().trim().to_string(),
        }),
        Err(LlmError::SchemaMismatch { problems }) if mode != ResponseMode::JsonSchema => {
            let v = extract_json_object(content).expect("parsed above");
            lenient_verdict(&v).ok_or(LlmError::SchemaMismatch { problems })
        }
        Err(e) => Err(e),
    }
}

fn verdict_word(word: &str) -> Option<AnswerVerdict> {
    match word.trim().to_ascii_lowercase().as_str() {
        "satisfied" | "satisfies" | "yes" | "true" | "pass" | "passed" | "met" => Some(AnswerVerdict::Satisfied),
        "violated" | "violates" | "no" | "false" | "fail" | "failed" | "not met" | "not satisfied" => Some(AnswerVerdict::Violated),
        "unknown" | "unclear" | "not stated" | "n/a" => Some(AnswerVerdict::Unknown),
        _ => None,
    }
}

/// Reads `verdict` / `satisfies` / `satisfied` in the shapes small models produce; `None` when no
/// verdict is stated.
fn lenient_verdict(v: &Value) -> Option<LlmAnswer> {
    let obj = v.as_object()?;
    let verdict = match obj.get("verdict") {
        Some(Value::String(s)) => verdict_word(s),
        Some(Value::Bool(b)) => Some(if *b { AnswerVerdict::Satisfied } else { AnswerVerdict::Violated }),
        _ => None,
    }
    .or_else(|| match obj.get("satisfies").or_else(|| obj.get("satisfied")) {
        Some(Value::Bool(true)) => Some(AnswerVerdict::Satisfied),
        Some(Value::Bool(false)) => Some(AnswerVerdict::Violated),
        Some(Value::Null) => Some(AnswerVerdict::Unknown),
        Some(Value::String(s)) => verdict_word(s),
        _ => None,
    })?;
    let reason = ["reason", "explanation", "rationale"].iter().find_map(|k| obj.get(*k).and_then(Value::as_str)).unwrap_or_default().trim();
    let reason: String = reason.chars().take(REASON_MAX as usize).collect();
    let evidence = ["evidence", "quote"].iter().find_map(|k| obj.get(*k).and_then(Value::as_str)).unwrap_or_default().trim();
    let evidence: String = evidence.chars().take(EVIDENCE_MAX as usize).collect();
    Some(LlmAnswer { verdict, reason, evidence })
}

/// Extracted template fields (`extract_metadata`); empty values are dropped.
pub fn parse_extraction(content: &str, mode: ResponseMode) -> Result<Vec<(Field, String)>, LlmError> {
    Ok(parse_extraction_cited(content, mode)?.into_iter().map(|c| (c.field, c.value)).collect())
}

/// One extracted value with the card words the LLM cites for it ("" when it cites none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedValue {
    pub field: Field,
    pub value: String,
    pub quote: String,
}

/// An extraction answer with each value's quote from its `evidence` object.
pub fn parse_extraction_cited(content: &str, mode: ResponseMode) -> Result<Vec<CitedValue>, LlmError> {
    let v = parse_json_content(content, &OutputKind::Extraction.schema(), mode)?;
    let evidence = &v["evidence"];
    Ok(fields_of(&v)
        .into_iter()
        .map(|(field, value)| {
            let quote = evidence.get(field.name()).and_then(Value::as_str).unwrap_or("").trim().to_string();
            CitedValue { field, value, quote }
        })
        .collect())
}

fn fields_of(v: &Value) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    if let Some(obj) = v.as_object() {
        for (k, val) in obj {
            if let (Some(field), Some(text)) = (Field::from_name(k), val.as_str()) {
                if !text.trim().is_empty() {
                    out.push((field, text.trim().to_string()));
                }
            }
        }
    }
    out.sort_by_key(|(f, _)| *f);
    out
}

/// A review verdict (`validate_extraction`, `validate_request`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    Invalid,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationAnswer {
    pub verdict: Validity,
    pub reason: String,
    pub wrong_fields: Vec<Field>,
}

pub fn parse_validation(content: &str, mode: ResponseMode) -> Result<ValidationAnswer, LlmError> {
    let v = parse_json_content(content, &OutputKind::Validation.schema(), mode)?;
    let verdict = match v["verdict"].as_str() {
        Some("valid") => Validity::Valid,
        Some("invalid") => Validity::Invalid,
        _ => Validity::Unknown,
    };
    let mut wrong_fields: Vec<Field> =
        v["wrong_fields"].as_array().into_iter().flatten().filter_map(|f| f.as_str().and_then(Field::from_name)).collect();
    wrong_fields.dedup();
    Ok(ValidationAnswer { verdict, reason: v["reason"].as_str().unwrap_or_default().trim().to_string(), wrong_fields })
}

/// A synthesized request (`synthesize_request`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestAnswer {
    pub request: Template,
    pub mutation_applied: String,
}

pub fn parse_request(content: &str, mode: ResponseMode) -> Result<RequestAnswer, LlmError> {
    let v = parse_json_content(content, &OutputKind::Request.schema(), mode)?;
    let mut request = Template::default();
    for (field, text) in fields_of(&v["request"]) {
        request.set(field, Some(text));
    }
    Ok(RequestAnswer { request, mutation_applied: v["mutation_applied"].as_str().unwrap_or_default().trim().to_string() })
}

/// One field a description states, as the LLM read it (`fill_request`): the user's own words and
/// the value it made of them. Not yet trusted: `crate::request_text::llm_fill` checks both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestedField {
    pub field: Field,
    pub quote: String,
    pub value: String,
}

/// Reads a `fill_request` answer (checked against its schema in every mode); items with an empty
/// value are skipped.
pub fn parse_fill(content: &str, mode: ResponseMode) -> Result<Vec<SuggestedField>, LlmError> {
    let v = parse_json_content(content, &OutputKind::Fill.schema(), mode)?;
    let items = v["fields"].as_array().map(Vec::as_slice).unwrap_or_default();
    Ok(items
        .iter()
        .filter_map(|item| {
            let field = item["field"].as_str().and_then(Field::from_name)?;
            let value = item["value"].as_str().unwrap_or_default().trim().to_string();
            let quote = item["quote"].as_str().unwrap_or_default().trim().to_string();
            (!value.is_empty()).then_some(SuggestedField { field, quote, value })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn completion(content: &str) -> String {
        json!({
            "id": "x", "object": "chat.completion", "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
        })
        .to_string()
    }

    #[test]
    fn parses_a_strict_answer_and_usage() {
        let body = completion(r#"{"reason": "The card allows commercial use.", "verdict": "satisfied"}"#);
        let c = parse_completion(&body).unwrap();
        assert_eq!(c.usage, Some(Usage { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }));
        assert_eq!(c.finish_reason.as_deref(), Some("stop"));
        let a = parse_verdict_response(&body, ResponseMode::JsonSchema).unwrap();
        assert_eq!(
            a,
            LlmAnswer { verdict: AnswerVerdict::Satisfied, reason: "The card allows commercial use.".into(), evidence: "".into() }
        );
        let body = completion(r#"{"reason": "r", "evidence": " for commercial use ", "verdict": "violated"}"#);
        assert_eq!(parse_verdict_response(&body, ResponseMode::JsonSchema).unwrap().evidence, "for commercial use");
        assert_eq!(a.satisfies(), Some(true));
    }

    #[test]
    fn strict_mode_rejects_wrong_shapes_with_typed_errors() {
        let e = parse_verdict(r#"{"reason": "x", "verdict": "probably"}"#, ResponseMode::JsonSchema).unwrap_err();
        assert!(matches!(&e, LlmError::SchemaMismatch { problems } if problems[0].contains("/verdict")), "{e}");
        let e = parse_verdict(r#"{"satisfies": true, "reason": "x"}"#, ResponseMode::JsonSchema).unwrap_err();
        assert!(matches!(e, LlmError::SchemaMismatch { .. }), "{e}");
        let e = parse_verdict("I think it is fine.", ResponseMode::JsonSchema).unwrap_err();
        assert!(matches!(e, LlmError::NotJson { .. }), "{e}");
    }

    #[test]
    fn fallback_modes_read_json_out_of_text_and_common_shapes() {
        let a = parse_verdict("Sure! ```json\n{\"reason\": \"ok\", \"verdict\": \"violated\"}\n``` Hope that helps {", ResponseMode::Plain)
            .unwrap();
        assert_eq!(a.verdict, AnswerVerdict::Violated);
        let a = parse_verdict(r#"{"satisfies": false, "reason": "non-commercial"}"#, ResponseMode::JsonObject).unwrap();
        assert_eq!((a.verdict, a.reason.as_str()), (AnswerVerdict::Violated, "non-commercial"));
        let a = parse_verdict(r#"{"satisfies": null}"#, ResponseMode::Plain).unwrap();
        assert_eq!((a.verdict, a.reason.as_str()), (AnswerVerdict::Unknown, ""));
        let a = parse_verdict(r#"{"verdict": "Yes", "explanation": "fine"}"#, ResponseMode::Plain).unwrap();
        assert_eq!((a.verdict, a.reason.as_str()), (AnswerVerdict::Satisfied, "fine"));
        let long = "y".repeat(1000);
        let a = parse_verdict(&json!({"verdict": "unknown", "reason": long}).to_string(), ResponseMode::Plain).unwrap();
        assert_eq!(a.reason.chars().count(), REASON_MAX as usize);
        // No verdict stated: never guessed.
        let e = parse_verdict(r#"{"type": "json", "data": "apache"}"#, ResponseMode::JsonObject).unwrap_err();
        assert!(matches!(e, LlmError::SchemaMismatch { .. }), "{e}");
        let e = parse_verdict(r#"{"verdict": "maybe"}"#, ResponseMode::Plain).unwrap_err();
        assert!(matches!(e, LlmError::SchemaMismatch { .. }), "{e}");
    }

    #[test]
    fn extracts_first_json_object_string_aware() {
        assert_eq!(extract_json_object(r#"x {"a": "}{", "b": {"c": 1}} y {"d": 2}"#), Some(json!({"a": "}{", "b": {"c": 1}})));
        assert_eq!(extract_json_object(r#"{bad} then {"ok": true}"#), Some(json!({"ok": true})));
        assert_eq!(extract_json_object(r#"{"a": "\"}"}"#), Some(json!({"a": "\"}"})));
        assert_eq!(extract_json_object("[1, 2]"), None);
        assert_eq!(extract_json_object("{\"cut\": \"off"), None);
        assert_eq!(extract_json_object(""), None);
    }

    #[test]
    fn oversized_bodies_and_answers_are_refused_before_parsing() {
        let e = parse_completion(&" ".repeat(MAX_BODY_BYTES + 1)).unwrap_err();
        assert!(matches!(e, LlmError::TooLarge { limit: MAX_BODY_BYTES, .. }), "{e}");
        let e = parse_verdict(&"{".repeat(MAX_CONTENT_BYTES + 1), ResponseMode::Plain).unwrap_err();
        assert!(matches!(e, LlmError::TooLarge { limit: MAX_CONTENT_BYTES, .. }), "{e}");
        assert!(e.to_string().contains("too large"), "{e}");
        assert!(error_message(&"x".repeat(MAX_BODY_BYTES + 10)).chars().count() <= 301);
    }

    /// Work bound of the scan: each byte scanned once, each parsed at most twice (whole text,
    /// then the disjoint spans).
    fn assert_linear(text: &str) {
        let (_, work) = extract_json_object_counted(text);
        let n = text.len();
        assert!(work.scanned <= n, "scanned {} of {n}", work.scanned);
        assert!(work.parsed <= 2 * n, "parsed {} of {n}", work.parsed);
        assert!(work.parse_attempts <= n / 2 + 2, "{} attempts for {n} bytes", work.parse_attempts);
    }

    #[test]
    fn adversarial_answers_take_linear_work() {
        let n = 100_000;
        for text in [
            "{".repeat(n),
            "}".repeat(n),
            "{}".repeat(n / 2),
            format!("{}{}", "{".repeat(n / 2), "}".repeat(n / 2)),
            format!("{{\"a\": \"{}\"}}", "x".repeat(n)),
            format!("{{\"a\": \"{}", "\\\"".repeat(n / 2)),
            format!("{}{{\"ok\": 1}}", "{ ".repeat(n / 2)),
            "{\"a\":".repeat(n / 5),
            "[{".repeat(n / 2),
        ] {
            assert_linear(&text);
        }
        // Deep nesting is refused by serde_json, quickly; an object after an unclosed prefix is found.
        let deep = format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000));
        assert_eq!(extract_json_object(&deep), None);
        assert_eq!(extract_json_object(&format!("{}{{\"ok\": 1}}", "{ ".repeat(1000))), Some(json!({"ok": 1})));
    }

    proptest::proptest! {
        #[test]
        fn extraction_work_is_linear_for_any_mix_of_json_characters(
            parts in proptest::collection::vec(proptest::sample::select(vec!["{", "}", "\"", "\\", "[", "]", ":", ",", "a", " ", "{\"k\": 1}"]), 0..2000)
        ) {
            assert_linear(&parts.concat());
        }
    }

    #[test]
    fn malformed_bodies_are_invalid_responses() {
        for body in
            ["", "not json", "{}", r#"{"choices": []}"#, r#"{"choices": [{"index": 0}]}"#, r#"{"choices": [{"message": {"content": 3}}]}"#]
        {
            let e = parse_completion(body).unwrap_err();
            assert!(matches!(e, LlmError::InvalidResponse { .. }), "{body}: {e}");
        }
        let e = parse_completion(r#"{"error": {"message": "boom"}}"#).unwrap_err();
        assert!(e.to_string().contains("boom"), "{e}");
        let refusal = json!({"choices": [{"message": {"content": null, "refusal": "I can't help"}}]}).to_string();
        assert_eq!(parse_completion(&refusal).unwrap_err(), LlmError::Refusal { message: "I can't help".into() });
        let parts = json!({"choices": [{"message": {"content": [{"type": "text", "text": "{\"a\""}, {"type": "text", "text": ":1}"}]}}]})
            .to_string();
        assert_eq!(parse_completion(&parts).unwrap().content, "{\"a\":1}");
    }

    #[test]
    fn truncated_answers_say_so() {
        let body = json!({"choices": [{"finish_reason": "length", "message": {"content": "{\"reason\": \"aaaa"}}]}).to_string();
        let e = parse_verdict_response(&body, ResponseMode::JsonSchema).unwrap_err();
        assert!(e.to_string().contains("cut off at max_tokens"), "{e}");
    }

    #[test]
    fn error_bodies_give_the_servers_message() {
        let e = LlmError::from_status(
            400,
            r#"{"error": {"message": "response_format json_schema is not supported", "type": "invalid_request_error"}}"#,
        );
        assert_eq!(e.to_string(), "LLM endpoint answered HTTP 400: response_format json_schema is not supported");
        assert_eq!(
            error_message(r#"{"detail": [{"msg": "Input should be 'text' or 'json_object'"}]}"#),
            r#"[{"msg":"Input should be 'text' or 'json_object'"}]"#
        );
        assert_eq!(error_message("plain failure"), "plain failure");
        assert!(error_message(&"z".repeat(1000)).chars().count() <= 301);
    }

    #[test]
    fn extraction_validation_and_request_answers() {
        let answer = r#"{"task": "ner", "language": "German", "license": "", "parameter_size": "110M", "dataset": "", "base_model": "", "limitations": "", "biases": "", "evidence": {"task": "tags names", "language": "German news", "license": "", "parameter_size": "", "dataset": "", "base_model": "", "limitations": "", "biases": ""}}"#;
        let fields = parse_extraction(answer, ResponseMode::JsonSchema).unwrap();
        assert_eq!(
            fields,
            vec![(Field::Task, "ner".to_string()), (Field::Language, "German".into()), (Field::ParameterSize, "110M".into())]
        );
        let cited = parse_extraction_cited(answer, ResponseMode::JsonSchema).unwrap();
        assert_eq!((cited[1].field, cited[1].quote.as_str()), (Field::Language, "German news"));
        assert_eq!(cited[2].quote, "", "a value may cite nothing; the extractor then drops it");
        // The schema asks for the quotes: an answer without them is not an extraction.
        assert!(parse_extraction(r#"{"task": "ner", "language": "", "license": "", "parameter_size": "", "dataset": "", "base_model": "", "limitations": "", "biases": ""}"#, ResponseMode::JsonSchema).is_err());
        let v =
            parse_validation(r#"{"reason": "r", "verdict": "invalid", "wrong_fields": ["license", "license"]}"#, ResponseMode::JsonSchema)
                .unwrap();
        assert_eq!((v.verdict, v.wrong_fields), (Validity::Invalid, vec![Field::License]));
        let r = parse_request(
            r#"{"request": {"function": "chat", "task": "", "input_format": "", "output_format": "", "language": "de", "license": "", "parameter_size": "", "hardware": "", "domain": "", "limitations": "", "biases": ""}, "mutation_applied": "changed language"}"#,
            ResponseMode::JsonSchema,
        )
        .unwrap();
        assert_eq!(r.request.get(Field::Language), Some("de"));
        assert_eq!(r.request.get(Field::Function), Some("chat"));
        assert_eq!(r.mutation_applied, "changed language");
    }

    #[test]
    fn errors_serialize_with_a_kind_tag() {
        let e = LlmError::Timeout { seconds: 5 };
        assert_eq!(serde_json::to_value(&e).unwrap(), json!({"kind": "timeout", "seconds": 5}));
    }
}
