//! Hub API listing items → flat catalog records, and README bytes → card text.

use crate::catalog::HubRecord;

/// Parses one listing page: a JSON array of model objects. Anything else is an error (the caller
/// retries it as a garbled response).
pub fn parse_page(body: &[u8]) -> Result<Vec<serde_json::Value>, String> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        let head: String = String::from_utf8_lossy(&body[..body.len().min(80)]).chars().filter(|c| !c.is_control()).collect();
        format!("listing page is not valid JSON ({e}); it starts with {head:?}")
    })?;
    match value {
        serde_json::Value::Array(items) => Ok(items),
        serde_json::Value::Object(map) => {
            let msg = map.get("error").and_then(|e| e.as_str()).unwrap_or("a JSON object");
            Err(format!("listing page is not a JSON array of models (got {msg:?})"))
        }
        other => Err(format!("listing page is not a JSON array of models (got {})", kind(&other))),
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// One listing item as a flat record (no card yet). `safetensors.total` or, failing that,
/// `gguf.total` gives the parameter count.
pub fn to_record(item: serde_json::Value) -> Result<HubRecord, String> {
    if !item.is_object() {
        return Err(format!("listing item is {}, not an object", kind(&item)));
    }
    let gguf_total = item.get("gguf").and_then(|g| g.get("total")).and_then(|t| t.as_u64()).filter(|&n| n > 0);
    let mut record: HubRecord = serde_json::from_value(item).map_err(|e| format!("listing item does not parse: {e}"))?;
    record.normalize();
    if record.id.is_empty() {
        return Err("listing item has no id".into());
    }
    if record.id.chars().any(|c| c.is_whitespace() || c.is_control()) || record.id.contains("..") {
        return Err(format!("listing item has an unusable id {:?}", record.id.chars().take(80).collect::<String>()));
    }
    if record.params.is_none() {
        record.params = gguf_total;
    }
    record.card_data = None;
    record.safetensors = None;
    record.model_id = None;
    record.card = None;
    Ok(record)
}

/// README bytes → card text. Invalid UTF-8 is replaced (U+FFFD) rather than rejected, a BOM is
/// dropped, and when the body was cut at the size limit a trailing partial character is dropped
/// too. An empty or whitespace-only README is no card.
pub fn decode_card(body: &[u8], truncated: bool) -> Option<String> {
    let mut bytes = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if truncated {
        if let Err(e) = std::str::from_utf8(bytes) {
            if e.error_len().is_none() {
                bytes = &bytes[..e.valid_up_to()];
            }
        }
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_items_become_flat_records() {
        let item = serde_json::json!({
            "_id": "x", "id": "org/m", "modelId": "org/m", "pipeline_tag": "fill-mask", "library_name": "transformers",
            "tags": ["license:mit", "dataset:wiki", "en"], "downloads": 12, "likes": 3, "createdAt": "2024-01-01T00:00:00.000Z",
            "cardData": {"language": ["en", "de"], "base_model": "bert-base"}, "safetensors": {"total": 110}, "siblings": [{"rfilename": "x"}]
        });
        let r = to_record(item).unwrap();
        let line = serde_json::to_value(&r).unwrap();
        let mut keys: Vec<&str> = line.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut want = [
            "id",
            "pipeline_tag",
            "library_name",
            "tags",
            "license",
            "languages",
            "datasets",
            "base_model",
            "downloads",
            "likes",
            "created_at",
            "params",
            "card",
        ];
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(line["license"], "mit");
        assert_eq!(line["languages"], serde_json::json!(["en", "de"]));
        assert_eq!(line["params"], 110);
        assert_eq!(line["base_model"], "bert-base");
        assert_eq!(line["card"], serde_json::Value::Null);

        let gguf = to_record(serde_json::json!({"id": "a/b-GGUF", "gguf": {"total": 7000}})).unwrap();
        assert_eq!(gguf.params, Some(7000));
        assert!(to_record(serde_json::json!({"modelId": "a/c"})).is_ok());
        assert!(to_record(serde_json::json!({"downloads": 3})).is_err());
        assert!(to_record(serde_json::json!(["x"])).is_err());
        assert!(to_record(serde_json::json!({"id": "a b"})).is_err());
    }

    #[test]
    fn pages_must_be_arrays() {
        assert_eq!(parse_page(b"[{\"id\":\"a\"}]").unwrap().len(), 1);
        assert!(parse_page(b"[{\"id\":").unwrap_err().contains("not valid JSON"));
        assert!(parse_page(b"{\"error\":\"Invalid expand\"}").unwrap_err().contains("Invalid expand"));
        assert!(parse_page(b"<html>").is_err());
    }

    #[test]
    fn odd_card_bytes_are_kept_readable() {
        assert_eq!(decode_card(b"\xEF\xBB\xBF# Hi\r\n", false).unwrap(), "# Hi\r\n");
        assert_eq!(decode_card(b"a\xFFb\x00c", false).unwrap(), "a\u{FFFD}b\u{0}c");
        // Cut inside "é" (C3 A9) at the size limit: the partial character is dropped.
        assert_eq!(decode_card(b"caf\xC3", true).unwrap(), "caf");
        assert_eq!(decode_card(b"caf\xC3", false).unwrap(), "caf\u{FFFD}");
        assert_eq!(decode_card(b"  \n", false), None);
        assert_eq!(decode_card(b"", false), None);
    }
}
