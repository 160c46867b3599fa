//! The chat-completions request body (OpenAI-compatible `POST {base}/chat/completions`).
//!
//! Three variants of the same request, tried in this order when a server rejects one
//! ([`ResponseMode::fallback`]):
//! 1. `json_schema` (strict): the server constrains decoding to the schema (llama.cpp, OpenAI, vLLM);
//! 2. `json_object` (+ the schema under `schema`, which llama.cpp and llama-cpp-python honour and
//!    others ignore): valid JSON, shape not enforced, so the answer is validated afterwards;
//! 3. plain: no `response_format`; the system message spells out the JSON shape and the first JSON
//!    object is taken from the reply.
//!
//! Deterministic by default: temperature 0 and a fixed seed.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::schema::Schema;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub role: Role,
    pub content: String,
}

impl ChatMessage {
    pub fn role_name(&self) -> &'static str {
        match self.role {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// How the answer's format is requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMode {
    JsonSchema,
    JsonObject,
    Plain,
}

impl ResponseMode {
    pub const ALL: [ResponseMode; 3] = [ResponseMode::JsonSchema, ResponseMode::JsonObject, ResponseMode::Plain];

    /// The next variant to try when the server rejects this one.
    pub fn fallback(self) -> Option<ResponseMode> {
        match self {
            ResponseMode::JsonSchema => Some(ResponseMode::JsonObject),
            ResponseMode::JsonObject => Some(ResponseMode::Plain),
            ResponseMode::Plain => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ResponseMode::JsonSchema => "json_schema",
            ResponseMode::JsonObject => "json_object",
            ResponseMode::Plain => "plain",
        }
    }

    pub fn from_name(name: &str) -> Option<ResponseMode> {
        ResponseMode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Small integer for atomics (`AtomicU8`) in transports.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<ResponseMode> {
        ResponseMode::ALL.get(code as usize).copied()
    }
}

/// Sampling and size parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GenerationParams {
    /// The `model` field (llama.cpp ignores it; OpenAI-style services need it).
    pub model: String,
    pub temperature: f32,
    pub seed: u64,
    pub max_tokens: u32,
    /// llama.cpp's per-request `cache_prompt`; `None` = not sent (other servers may reject
    /// unknown fields).
    pub cache_prompt: Option<bool>,
}

impl GenerationParams {
    pub fn new(model: impl Into<String>) -> GenerationParams {
        GenerationParams { model: model.into(), temperature: 0.0, seed: 42, max_tokens: 256, cache_prompt: None }
    }
}

/// Everything needed to produce the request body in any [`ResponseMode`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChatRequest {
    pub messages: Vec<ChatMessage>,
    pub schema: Schema,
    pub params: GenerationParams,
}

impl ChatRequest {
    /// The JSON body for `mode`.
    pub fn body(&self, mode: ResponseMode) -> Value {
        let mut messages: Vec<Value> = self.messages.iter().map(|m| json!({"role": m.role, "content": m.content})).collect();
        if mode != ResponseMode::JsonSchema {
            // The server won't enforce the shape: state it, exactly, in the system message.
            let hint = format!(
                "\n\nYour reply must be a single JSON object (no text before or after it) that matches this JSON Schema: {}",
                self.schema.json
            );
            match messages.first_mut() {
                Some(first) if first["role"] == "system" => {
                    let content = format!("{}{hint}", first["content"].as_str().unwrap_or_default());
                    first["content"] = Value::String(content);
                }
                _ => messages.insert(0, json!({"role": "system", "content": hint.trim_start()})),
            }
        }
        let mut body = json!({
            "model": self.params.model,
            "messages": messages,
            "temperature": self.params.temperature,
            "seed": self.params.seed,
            "max_tokens": self.params.max_tokens,
            "stream": false,
        });
        match mode {
            ResponseMode::JsonSchema => {
                body["response_format"] = json!({
                    "type": "json_schema",
                    "json_schema": {"name": self.schema.name, "strict": true, "schema": self.schema.json},
                });
            }
            ResponseMode::JsonObject => {
                body["response_format"] = json!({"type": "json_object", "schema": self.schema.json});
            }
            ResponseMode::Plain => {}
        }
        if let Some(cache) = self.params.cache_prompt {
            body["cache_prompt"] = Value::Bool(cache);
        }
        body
    }

    /// [`ChatRequest::body`] as a string, ready to POST.
    pub fn body_json(&self, mode: ResponseMode) -> String {
        self.body(mode).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::schema::{check_strict, verdict_schema};

    fn request() -> ChatRequest {
        ChatRequest {
            messages: vec![
                ChatMessage { role: Role::System, content: "sys".into() },
                ChatMessage { role: Role::User, content: "question".into() },
            ],
            schema: verdict_schema(),
            params: GenerationParams::new("smollm2"),
        }
    }

    #[test]
    fn json_schema_body_is_strict_and_deterministic() {
        let body = request().body(ResponseMode::JsonSchema);
        assert_eq!(body["model"], "smollm2");
        assert_eq!(body["temperature"], 0.0);
        assert_eq!(body["seed"], 42);
        assert_eq!(body["max_tokens"], 256);
        assert_eq!(body["stream"], false);
        assert_eq!(body["messages"][0], json!({"role": "system", "content": "sys"}));
        assert_eq!(body["messages"][1], json!({"role": "user", "content": "question"}));
        let rf = &body["response_format"];
        assert_eq!(rf["type"], "json_schema");
        assert_eq!(rf["json_schema"]["strict"], true);
        assert_eq!(rf["json_schema"]["name"], "verdict");
        check_strict(&rf["json_schema"]["schema"]).unwrap();
        assert!(body.get("cache_prompt").is_none());
        // Same request, same bytes.
        assert_eq!(request().body_json(ResponseMode::JsonSchema), request().body_json(ResponseMode::JsonSchema));
    }

    #[test]
    fn fallback_bodies_state_the_shape_in_the_system_message() {
        let obj = request().body(ResponseMode::JsonObject);
        assert_eq!(obj["response_format"]["type"], "json_object");
        assert!(obj["response_format"]["schema"]["properties"]["verdict"].is_object());
        let plain = request().body(ResponseMode::Plain);
        assert!(plain.get("response_format").is_none());
        for body in [&obj, &plain] {
            let sys = body["messages"][0]["content"].as_str().unwrap();
            assert!(sys.starts_with("sys\n\nYour reply must be a single JSON object"), "{sys}");
            assert!(sys.contains("\"maxLength\":300"), "{sys}");
            assert_eq!(body["messages"].as_array().unwrap().len(), 2);
        }
        // No system message: one is added.
        let mut r = request();
        r.messages.remove(0);
        let body = r.body(ResponseMode::Plain);
        assert_eq!(body["messages"][0]["role"], "system");
        assert_eq!(body["messages"][1]["content"], "question");
    }

    #[test]
    fn modes_fall_back_in_order() {
        assert_eq!(ResponseMode::JsonSchema.fallback(), Some(ResponseMode::JsonObject));
        assert_eq!(ResponseMode::JsonObject.fallback(), Some(ResponseMode::Plain));
        assert_eq!(ResponseMode::Plain.fallback(), None);
        for m in ResponseMode::ALL {
            assert_eq!(ResponseMode::from_code(m.code()), Some(m));
            assert_eq!(ResponseMode::from_name(m.name()), Some(m));
        }
    }

    #[test]
    fn cache_prompt_is_opt_in() {
        let mut r = request();
        r.params.cache_prompt = Some(false);
        assert_eq!(r.body(ResponseMode::JsonSchema)["cache_prompt"], false);
    }
}
