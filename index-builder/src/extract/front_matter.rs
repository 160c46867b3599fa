//! The card's YAML front matter (`---` … `---`), read with hard limits.
//!
//! Why not `YamlLoader`: it expands aliases by copying, so a 1 KB "billion laughs" header becomes
//! gigabytes, and it builds arbitrarily deep trees. Cards are written by anyone, so we drive
//! yaml-rust2's event `Parser` ourselves and build a `serde_json::Value` under three budgets:
//! events, nodes (aliases count the full size of what they copy) and nesting depth. When a budget
//! runs out or the YAML is malformed, what was read so far is kept — a bad `widget:` text late in
//! the header should not cost us the license near the top. JSON is the target shape because the Hub
//! API's `cardData` is already JSON, so both feed the same field rules.

use std::collections::HashMap;

use serde_json::{Map, Value};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// Front matter larger than this is not parsed at all.
pub const MAX_YAML_BYTES: usize = 128 * 1024;
const MAX_EVENTS: usize = 200_000;
const MAX_NODES: usize = 200_000;
const MAX_DEPTH: usize = 64;

/// A card split into its YAML header and Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, when the header is closed.
    pub yaml: Option<&'a str>,
    /// Everything after the header (the whole card when there is none).
    pub body: &'a str,
}

fn is_fence(line: &str) -> bool {
    let t = line.trim_end();
    t == "---" || t == "..."
}

/// Splits off a leading `---` header. An unterminated header (cards truncated inside a huge
/// `model-index`) yields no YAML, and its YAML-looking lines are not passed on as Markdown.
pub fn split(card: &str) -> Split<'_> {
    let trimmed = card.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let mut lines = trimmed.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Split { yaml: None, body: card };
    };
    if first.trim_end() != "---" {
        return Split { yaml: None, body: card };
    }
    let start = first.len();
    let mut pos = start;
    for line in lines {
        if is_fence(line) {
            return Split { yaml: Some(&trimmed[start..pos]), body: &trimmed[pos + line.len()..] };
        }
        pos += line.len();
    }
    // Unterminated: skip the lines that look like YAML (keys, list items, indented continuations).
    let mut pos = start;
    for line in trimmed[start..].split_inclusive('\n') {
        let t = line.trim_end();
        let yamlish = t.is_empty()
            || t.starts_with([' ', '\t', '-', '#'])
            || t.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.len() <= 80 && k.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\''))
            });
        if !yamlish {
            break;
        }
        pos += line.len();
    }
    Split { yaml: None, body: &trimmed[pos..] }
}

enum Frame {
    Seq { items: Vec<Value>, anchor: usize, nodes: usize },
    Map { map: Map<String, Value>, key: Option<String>, anchor: usize, nodes: usize },
}

struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    anchors: HashMap<usize, (Value, usize)>,
    nodes: usize,
}

impl Builder {
    /// Adds a finished value (with its node count) to the open collection, or makes it the root.
    fn push(&mut self, value: Value, count: usize) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, nodes, .. }) => {
                items.push(value);
                *nodes += count;
            }
            Some(Frame::Map { map, key, nodes, .. }) => {
                *nodes += count;
                match key.take() {
                    None => *key = Some(key_text(&value)),
                    Some(k) => {
                        map.insert(k, value);
                    }
                }
            }
        }
    }

    /// Closes the innermost collection.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else { return };
        let (value, anchor, count) = match frame {
            Frame::Seq { items, anchor, nodes } => (Value::Array(items), anchor, nodes + 1),
            Frame::Map { map, anchor, nodes, .. } => (Value::Object(map), anchor, nodes + 1),
        };
        if anchor > 0 {
            self.anchors.insert(anchor, (value.clone(), count));
        }
        self.push(value, count);
    }
}

fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => {
            let s = other.to_string();
            super::clean::cap_bytes(&s, 200).to_string()
        }
    }
}

fn scalar(text: String, style: TScalarStyle) -> Value {
    if style != TScalarStyle::Plain {
        return Value::String(text);
    }
    let t = text.trim();
    match t {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty() && digits.len() <= 40 && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_') && digits.as_bytes()[0] != b'_' {
        let clean: String = t.chars().filter(|&c| c != '_').collect();
        if let Ok(n) = clean.parse::<u64>() {
            return Value::from(n);
        }
        if let Ok(n) = clean.parse::<i64>() {
            return Value::from(n);
        }
    }
    let looks_float = t.len() <= 40
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if looks_float {
        if let Some(n) = t.parse::<f64>().ok().filter(|f| f.is_finite()).and_then(serde_json::Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text)
}

/// Parses front matter into a JSON object. `None` when it is too big, empty, or its root is not a
/// mapping (a list or a scalar header carries no named fields). Never panics; bounded work.
pub fn parse(yaml: &str) -> Option<Map<String, Value>> {
    if yaml.len() > MAX_YAML_BYTES || yaml.trim().is_empty() {
        return None;
    }
    let mut parser = Parser::new_from_str(yaml);
    let mut b = Builder { stack: Vec::new(), root: None, anchors: HashMap::new(), nodes: 0 };
    let mut events = 0usize;
    loop {
        events += 1;
        if events > MAX_EVENTS || b.nodes > MAX_NODES {
            break;
        }
        let Ok((event, _)) = parser.next_token() else { break };
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => {}
            Event::Alias(id) => {
                let Some((value, count)) = b.anchors.get(&id) else { break };
                b.nodes += count;
                if b.nodes > MAX_NODES {
                    break;
                }
                let (value, count) = (value.clone(), *count);
                b.push(value, count);
            }
            Event::Scalar(text, style, anchor, _) => {
                b.nodes += 1;
                let value = scalar(text, style);
                if anchor > 0 {
                    b.anchors.insert(anchor, (value.clone(), 1));
                }
                b.push(value, 1);
            }
            Event::SequenceStart(anchor, _) => {
                if b.stack.len() >= MAX_DEPTH {
                    break;
                }
                b.nodes += 1;
                b.stack.push(Frame::Seq { items: Vec::new(), anchor, nodes: 0 });
            }
            Event::MappingStart(anchor, _) => {
                if b.stack.len() >= MAX_DEPTH {
                    break;
                }
                b.nodes += 1;
                b.stack.push(Frame::Map { map: Map::new(), key: None, anchor, nodes: 0 });
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(),
        }
        if b.root.is_some() && b.stack.is_empty() {
            break;
        }
    }
    // Keep what was read: close every open collection (anchors are no longer needed).
    b.anchors.clear();
    while !b.stack.is_empty() {
        let frame = b.stack.pop();
        let value = match frame {
            Some(Frame::Seq { items, .. }) => Value::Array(items),
            Some(Frame::Map { map, .. }) => Value::Object(map),
            None => break,
        };
        b.push(value, 0);
    }
    match b.root {
        Some(Value::Object(map)) if !map.is_empty() => Some(map),
        _ => None,
    }
}

/// A scalar front-matter value as text: strings trimmed, numbers and booleans printed, the first
/// usable element of a list. Objects give `None`.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => items.iter().find_map(text),
        _ => None,
    }
}

/// A value as a list of texts (a scalar becomes a one-element list; objects are skipped).
pub fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(|i| if i.is_array() { None } else { text(i) }).collect(),
        other => text(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn splits_closed_open_and_absent_headers() {
        let s = split("---\nlicense: mit\n---\n# Title\nBody");
        assert_eq!(s.yaml, Some("license: mit\n"));
        assert_eq!(s.body, "# Title\nBody");
        let s = split("\n\n---\r\nlicense: mit\r\n---\r\nBody");
        assert_eq!(s.yaml, Some("license: mit\r\n"));
        assert_eq!(s.body, "Body");
        let s = split("# No header\n---\nkey: v\n---\n");
        assert_eq!(s.yaml, None);
        let s = split("---\nlicense: mit\ntags:\n- a\nmodel-index:\n  - name: x\nThis sentence is prose. It is not YAML\n");
        assert_eq!(s.yaml, None);
        assert!(s.body.starts_with("This sentence"), "{:?}", s.body);
        assert_eq!(split("---").yaml, None);
        assert_eq!(split("").body, "");
    }

    #[test]
    fn reads_typical_header() {
        let y = "license: other\nlicense_name: acme-research\nlanguage:\n- en\n- de\ndatasets: squad\nco2_eq_emissions:\n  emissions: 24_700_000\n  hardware_used: 8 A100 GPUs\nparams: \"350\"\nratio: 0.5\nflag: true\n";
        let m = parse(y).unwrap();
        assert_eq!(text(&m["license"]).as_deref(), Some("other"));
        assert_eq!(list(&m["language"]), vec!["en", "de"]);
        assert_eq!(list(&m["datasets"]), vec!["squad"]);
        assert_eq!(m["co2_eq_emissions"]["emissions"], Value::from(24_700_000u64));
        assert_eq!(m["params"], Value::from("350"));
        assert_eq!(text(&m["ratio"]).as_deref(), Some("0.5"));
        assert_eq!(m["flag"], Value::Bool(true));
    }

    #[test]
    fn non_mapping_roots_and_junk_give_none() {
        assert!(parse("- a\n- b\n").is_none());
        assert!(parse("just a scalar").is_none());
        assert!(parse("").is_none());
        assert!(parse("{{{{").is_none());
        let big = "a: b\n".repeat(40_000);
        assert!(parse(&big).is_none());
    }

    #[test]
    fn malformed_tail_keeps_the_head() {
        let m = parse("license: mit\nlanguage: [en, de\nwidget: \"unterminated\n").unwrap();
        assert_eq!(text(&m["license"]).as_deref(), Some("mit"));
    }

    #[test]
    fn license_list_reads_first() {
        let m = parse("license: [mit, apache-2.0]\n").unwrap();
        assert_eq!(text(&m["license"]).as_deref(), Some("mit"));
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut y = String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            y.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 9].join(",")));
        }
        y.push_str("license: mit\n");
        let t = Instant::now();
        let m = parse(&y);
        // A hang guard: unbounded expansion is 9^12 nodes (hours); a debug build on a loaded
        // machine took 2.4 s once, so the bound is wide.
        assert!(t.elapsed().as_secs_f64() < 30.0, "{:?}", t.elapsed());
        // Budget exhausted before the end: the early keys survive, nothing exploded.
        let m = m.unwrap();
        assert!(m.contains_key("a0"));
        assert!(serde_json::to_string(&m).unwrap().len() < 10_000_000);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        for y in [
            format!("k: {}", "[".repeat(10_000)),
            format!("k: {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
            format!("k: {}", "{a: ".repeat(10_000)),
            format!("k:\n{}", "- ".repeat(10_000)),
        ] {
            let t = Instant::now();
            let _ = parse(&y);
            // A hang guard: unbounded expansion is 9^12 nodes (hours); a debug build on a loaded
            // machine took 2.4 s once, so the bound is wide.
            assert!(t.elapsed().as_secs_f64() < 30.0, "{:?}", t.elapsed());
        }
    }
}
