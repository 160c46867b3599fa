//! JSON Schemas of the LLM answers, and a small validator for the subset they use.
//!
//! Why every string has `maxLength` (and every array `maxItems`): llama.cpp compiles the schema into
//! a grammar; without bounds a small model can ramble until `max_tokens` and the JSON is cut off.
//! With bounds the answer always closes (see shared/LLM.md §3.4), provided `max_tokens` leaves room
//! for every string at its limit. `evidence` and `reason` come *before* `verdict` (object keys are
//! sent sorted, and servers keep that order): small models give more coherent verdicts when they
//! quote and reason first.
//!
//! The validator is used on every answer (also in the `json_object` / plain fallbacks, where the
//! server does not enforce the schema) so that a wrong shape becomes a clear typed error instead of
//! a silently misread verdict.

use serde_json::{json, Map, Value};

use crate::template::Field;

/// Longest `reason` we ask for (characters).
pub const REASON_MAX: u64 = 300;
/// Longest `evidence` quote we ask for (characters): a phrase, not a paragraph, so the whole answer
/// fits in `LlmSettings::max_tokens` even when a small model fills every string to its limit.
pub const EVIDENCE_MAX: u64 = 160;
/// Longest extracted / synthesized field value (characters).
pub const VALUE_MAX: u64 = 150;
/// Most field names in a `wrong_fields` list.
pub const WRONG_FIELDS_MAX: u64 = 8;

/// Fields the `extract_metadata` prompt fills: the template table's `llm_extracted` column
/// (the prompt's system text is checked against it in `prompts.rs`).
pub fn extract_fields() -> Vec<Field> {
    Field::ALL.into_iter().filter(|f| f.llm_extracted()).collect()
}

/// Fields a synthesized request has (must match the `synthesize_request` prompt's system text).
pub const REQUEST_FIELDS: [Field; 11] = [
    Field::Function,
    Field::Task,
    Field::InputFormat,
    Field::OutputFormat,
    Field::Language,
    Field::License,
    Field::ParameterSize,
    Field::Hardware,
    Field::Domain,
    Field::Limitations,
    Field::Biases,
];

/// What a prompt asks the LLM to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputKind {
    /// `{"reason", "evidence", "verdict": satisfied|violated|unknown}`
    Verdict,
    /// `{<extract_fields()>: string, "evidence": {<extract_fields()>: quote}}`
    Extraction,
    /// `{"reason", "verdict": valid|invalid|unknown, "wrong_fields": [field names]}`
    Validation,
    /// `{"request": {<REQUEST_FIELDS>: string}, "mutation_applied": string}`
    Request,
    /// `{"fields": [{"field": <REQUEST_FIELDS name>, "quote": string, "value": string}]}`
    Fill,
}

impl OutputKind {
    pub fn from_name(name: &str) -> Option<OutputKind> {
        match name {
            "verdict" => Some(OutputKind::Verdict),
            "extraction" => Some(OutputKind::Extraction),
            "validation" => Some(OutputKind::Validation),
            "request" => Some(OutputKind::Request),
            "fill" => Some(OutputKind::Fill),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OutputKind::Verdict => "verdict",
            OutputKind::Extraction => "extraction",
            OutputKind::Validation => "validation",
            OutputKind::Request => "request",
            OutputKind::Fill => "fill",
        }
    }

    /// The schema of this kind of answer.
    pub fn schema(self) -> Schema {
        match self {
            OutputKind::Verdict => verdict_schema(),
            OutputKind::Extraction => extraction_schema(),
            OutputKind::Validation => validation_schema(),
            OutputKind::Request => request_schema(),
            OutputKind::Fill => fill_schema(),
        }
    }
}

/// A named JSON Schema, as sent in `response_format.json_schema`.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// `[a-zA-Z0-9_-]{1,64}` as OpenAI requires.
    pub name: &'static str,
    pub json: Value,
}

fn string_max(max: u64) -> Value {
    json!({"type": "string", "maxLength": max})
}

fn strict_object(props: Vec<(String, Value)>) -> Value {
    let required: Vec<Value> = props.iter().map(|(k, _)| Value::String(k.clone())).collect();
    let properties: Map<String, Value> = props.into_iter().collect();
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

/// `{"evidence": string≤160, "reason": string≤300, "verdict": "satisfied"|"violated"|"unknown"}`.
/// `evidence` is a quote from the card or facts; the engine checks that it occurs there. The keys
/// are sent in this (alphabetical) order, which servers keep in their grammar: the model quotes,
/// then reasons, then judges.
pub fn verdict_schema() -> Schema {
    Schema {
        name: "verdict",
        json: strict_object(vec![
            ("reason".into(), string_max(REASON_MAX)),
            ("evidence".into(), string_max(EVIDENCE_MAX)),
            ("verdict".into(), json!({"type": "string", "enum": ["satisfied", "violated", "unknown"]})),
        ]),
    }
}

/// An object with one bounded string per field ("" = not stated).
pub fn fields_schema(name: &'static str, fields: &[Field]) -> Schema {
    Schema { name, json: strict_object(fields.iter().map(|f| (f.name().to_string(), string_max(VALUE_MAX))).collect()) }
}

/// One bounded string per extracted field, plus `evidence`: per field, the card's words the value
/// rests on (≤ [`EVIDENCE_MAX`]); the extractor keeps a value only when its quote occurs in the card.
pub fn extraction_schema() -> Schema {
    let fields = extract_fields();
    let mut props: Vec<(String, Value)> = fields.iter().map(|f| (f.name().to_string(), string_max(VALUE_MAX))).collect();
    props.push(("evidence".into(), strict_object(fields.iter().map(|f| (f.name().to_string(), string_max(EVIDENCE_MAX))).collect())));
    Schema { name: "extraction", json: strict_object(props) }
}

/// `{"reason", "verdict": "valid"|"invalid"|"unknown", "wrong_fields": [field names]}`.
pub fn validation_schema() -> Schema {
    let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
    Schema {
        name: "validation",
        json: strict_object(vec![
            ("reason".into(), string_max(REASON_MAX)),
            ("verdict".into(), json!({"type": "string", "enum": ["valid", "invalid", "unknown"]})),
            ("wrong_fields".into(), json!({"type": "array", "items": {"type": "string", "enum": names}, "maxItems": WRONG_FIELDS_MAX})),
        ]),
    }
}

/// `{"request": {<REQUEST_FIELDS>}, "mutation_applied": string}`.
pub fn request_schema() -> Schema {
    Schema {
        name: "synthesized_request",
        json: strict_object(vec![
            ("request".into(), fields_schema("request", &REQUEST_FIELDS).json),
            ("mutation_applied".into(), string_max(VALUE_MAX)),
        ]),
    }
}

/// `{"fields": [{"field", "quote", "value"}]}`: the fields a free-text description states, each
/// with the user's own words it rests on. An array (not one key per field) because a description
/// states few fields: a small model writes only those, and the grammar stays short. `quote` comes
/// before `value` (sorted keys): the model copies the words first, then restates them.
pub fn fill_schema() -> Schema {
    let names: Vec<&str> = REQUEST_FIELDS.iter().map(|f| f.name()).collect();
    let item = strict_object(vec![
        ("field".into(), json!({"type": "string", "enum": names})),
        ("quote".into(), string_max(EVIDENCE_MAX)),
        ("value".into(), string_max(VALUE_MAX)),
    ]);
    Schema {
        name: "filled_request",
        json: strict_object(vec![("fields".into(), json!({"type": "array", "items": item, "maxItems": REQUEST_FIELDS.len()}))]),
    }
}

/// One way a value breaks a schema, with a JSON-pointer-like path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaViolation {
    pub path: String,
    pub problem: String,
}

impl std::fmt::Display for SchemaViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() { "/" } else { &self.path };
        write!(f, "{path}: {}", self.problem)
    }
}

/// Validates `value` against `schema` (subset: type, enum, maxLength/minLength, properties,
/// required, additionalProperties=false, items, maxItems/minItems, minimum/maximum).
pub fn validate(schema: &Value, value: &Value) -> Result<(), Vec<SchemaViolation>> {
    let mut out = Vec::new();
    validate_at(schema, value, String::new(), &mut out);
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(wanted: &str, v: &Value) -> bool {
    let have = type_name(v);
    wanted == have || (wanted == "number" && have == "integer")
}

fn validate_at(schema: &Value, value: &Value, path: String, out: &mut Vec<SchemaViolation>) {
    let mut fail = |problem: String| out.push(SchemaViolation { path: path.clone(), problem });
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(s) => type_matches(s, value),
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|s| type_matches(s, value)),
            _ => true,
        };
        if !ok {
            fail(format!("expected {}, got {}", t.to_string().replace('"', ""), type_name(value)));
            return;
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(value) {
            let shown: Vec<String> = options.iter().map(Value::to_string).collect();
            fail(format!("{} is not one of {}", short(&value.to_string()), shown.join(", ")));
        }
    }
    match value {
        Value::String(s) => {
            let n = s.chars().count() as u64;
            if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
                if n > max {
                    fail(format!("string of {n} characters is longer than maxLength {max}"));
                }
            }
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64) {
                if n < min {
                    fail(format!("string of {n} characters is shorter than minLength {min}"));
                }
            }
        }
        Value::Number(x) => {
            let x = x.as_f64().unwrap_or(f64::NAN);
            if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
                if x > max {
                    fail(format!("{x} is above maximum {max}"));
                }
            }
            if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                if x < min {
                    fail(format!("{x} is below minimum {min}"));
                }
            }
        }
        Value::Array(items) => {
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                if items.len() as u64 > max {
                    fail(format!("{} items, more than maxItems {max}", items.len()));
                }
            }
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    fail(format!("{} items, fewer than minItems {min}", items.len()));
                }
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    validate_at(item_schema, item, format!("{path}/{i}"), out);
                }
            }
        }
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            if let Some(Value::Array(required)) = schema.get("required") {
                for r in required.iter().filter_map(Value::as_str) {
                    if !map.contains_key(r) {
                        fail(format!("missing required property \"{r}\""));
                    }
                }
            }
            if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                for k in map.keys() {
                    if !props.is_some_and(|p| p.contains_key(k)) {
                        fail(format!("unexpected property \"{}\"", short(k)));
                    }
                }
            }
            if let Some(props) = props {
                for (k, v) in map {
                    if let Some(s) = props.get(k) {
                        validate_at(s, v, format!("{path}/{k}"), out);
                    }
                }
            }
        }
        _ => {}
    }
}

fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(60).collect::<String>())
    }
}

/// Checks a schema is "strict-ready": every object closed with all properties required, every
/// string bounded (`maxLength` or `enum`), every array bounded (`maxItems`). Used by tests and
/// by [`crate::llm::request`] debug assertions.
pub fn check_strict(schema: &Value) -> Result<(), String> {
    fn walk(s: &Value, path: &str) -> Result<(), String> {
        let ty = s.get("type").and_then(Value::as_str).unwrap_or("");
        match ty {
            "string" => {
                if s.get("maxLength").is_none() && s.get("enum").is_none() {
                    return Err(format!("{path}: string without maxLength"));
                }
            }
            "array" => {
                if s.get("maxItems").is_none() {
                    return Err(format!("{path}: array without maxItems"));
                }
                walk(s.get("items").ok_or_else(|| format!("{path}: array without items"))?, &format!("{path}/items"))?;
            }
            "object" => {
                if s.get("additionalProperties") != Some(&Value::Bool(false)) {
                    return Err(format!("{path}: object without additionalProperties: false"));
                }
                let props = s.get("properties").and_then(Value::as_object).ok_or_else(|| format!("{path}: object without properties"))?;
                let required: Vec<&str> =
                    s.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
                for (k, v) in props {
                    if !required.contains(&k.as_str()) {
                        return Err(format!("{path}/{k}: not required (strict mode needs every property required)"));
                    }
                    walk(v, &format!("{path}/{k}"))?;
                }
            }
            "boolean" | "integer" | "number" | "null" => {}
            other => return Err(format!("{path}: unsupported type {other:?}")),
        }
        Ok(())
    }
    walk(schema, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_schemas_are_strict_ready() {
        for kind in [OutputKind::Verdict, OutputKind::Extraction, OutputKind::Validation, OutputKind::Request] {
            let s = kind.schema();
            check_strict(&s.json).unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
            assert!(s.name.len() <= 64 && s.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
            assert_eq!(OutputKind::from_name(kind.name()), Some(kind));
        }
        assert!(check_strict(&json!({"type": "string"})).is_err());
        assert!(check_strict(&json!({"type": "array", "items": {"type": "boolean"}})).is_err());
        assert!(check_strict(&json!({"type": "object", "properties": {"a": {"type": "boolean"}}, "additionalProperties": false})).is_err());
    }

    #[test]
    fn verdict_schema_accepts_good_and_rejects_bad_answers() {
        let s = verdict_schema().json;
        assert!(validate(&s, &json!({"reason": "ok", "evidence": "quoted words", "verdict": "satisfied"})).is_ok());
        let errs = validate(&s, &json!({"reason": "ok", "evidence": "", "verdict": "maybe"})).unwrap_err();
        assert!(errs[0].to_string().contains("/verdict") && errs[0].problem.contains("not one of"), "{errs:?}");
        let errs = validate(&s, &json!({"verdict": "satisfied", "extra": 1})).unwrap_err();
        assert_eq!(errs.len(), 3, "reason and evidence missing, extra key: {errs:?}");
        let long = "x".repeat(EVIDENCE_MAX as usize + 1);
        assert!(validate(&s, &json!({"reason": "r", "evidence": long, "verdict": "unknown"})).is_err());
        let long = "x".repeat(REASON_MAX as usize + 1);
        assert!(validate(&s, &json!({"reason": long, "verdict": "unknown"})).is_err());
        assert!(validate(&s, &json!({"reason": 3, "verdict": "unknown"})).is_err());
        assert!(validate(&s, &json!(["reason"])).is_err());
    }

    #[test]
    fn validation_schema_bounds_the_field_list() {
        let s = validation_schema().json;
        assert!(validate(&s, &json!({"reason": "r", "verdict": "invalid", "wrong_fields": ["license"]})).is_ok());
        assert!(validate(&s, &json!({"reason": "r", "verdict": "invalid", "wrong_fields": ["nonsense"]})).is_err());
        let many: Vec<&str> = vec!["license"; WRONG_FIELDS_MAX as usize + 1];
        assert!(validate(&s, &json!({"reason": "r", "verdict": "invalid", "wrong_fields": many})).is_err());
    }

    #[test]
    fn numbers_and_nullable_types() {
        let s = json!({"type": ["integer", "null"], "minimum": 0, "maximum": 10});
        assert!(validate(&s, &json!(3)).is_ok());
        assert!(validate(&s, &Value::Null).is_ok());
        assert!(validate(&s, &json!(11)).is_err());
        assert!(validate(&s, &json!(2.5)).is_err());
        assert!(validate(&json!({"type": "number"}), &json!(2)).is_ok());
    }
}
