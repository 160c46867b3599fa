//! Results → JSON, CSV and Markdown: the one result shape ([`SelectionRecord`]) that the CLI's
//! `search` lines and the app's JSON export both write, plus CSV and Markdown for people.
//!
//! Why here and pure: the same text must come out in the browser, the CLI and tests, and nothing
//! about producing it needs a browser. Only the request's template fields are written: no secrets
//! (an LLM API key is never part of a [`Template`]) can end up in an export.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::constraints::{DecidedBy, FieldVerdict, Status};
use crate::facts::ModelFacts;
use crate::human::human_params;
use crate::rank::{Explanation, TaskIntent};
use crate::select::{LeftOut, RankedModel, Selection};
use crate::template::Template;

/// The page of a model on the Hub. The id is percent-encoded (only letters, digits, `-._~` and
/// the `/` between owner and name stay as they are), so no id can break out of a link.
pub fn model_url(id: &str) -> String {
    let mut url = String::from("https://huggingface.co/");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Matched request words per search field, strongest field first: `[("function", ["transcribe"])]`.
pub fn matched_terms(model: &RankedModel) -> Vec<(String, Vec<String>)> {
    model
        .explanation
        .fields
        .iter()
        .map(|f| {
            let mut words: Vec<String> = Vec::new();
            for t in &f.terms {
                if !words.contains(&t.surface) {
                    words.push(t.surface.clone());
                }
            }
            (f.field.name().to_string(), words)
        })
        .collect()
}

fn decided_by(v: &FieldVerdict) -> &'static str {
    match v.verdict.decided_by {
        DecidedBy::Rule => "rule",
        DecidedBy::Llm => "LLM",
    }
}

fn verdicts_text(verdicts: &[FieldVerdict]) -> String {
    verdicts
        .iter()
        .map(|v| format!("{}: {} ({}; by {})", v.field.name(), v.verdict.status.label(), v.verdict.reason, decided_by(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A score as results show it: three decimals.
fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

/// One verdict, keyed by its field in [`ResultRecord::verdicts`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictRecord {
    pub status: Status,
    pub decided_by: DecidedBy,
    pub reason: String,
    pub requirement: String,
}

fn verdict_records(verdicts: &[FieldVerdict]) -> BTreeMap<String, VerdictRecord> {
    verdicts
        .iter()
        .map(|v| {
            let record = VerdictRecord {
                status: v.verdict.status,
                decided_by: v.verdict.decided_by,
                reason: v.verdict.reason.clone(),
                requirement: v.requirement.clone(),
            };
            (v.field.name().to_string(), record)
        })
        .collect()
}

/// One ranked model: `{rank, id, url, score, task, license, params, …facts, verdicts,
/// matched_terms, explanation}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultRecord {
    pub rank: usize,
    pub id: String,
    pub url: String,
    pub score: f64,
    #[serde(flatten)]
    pub facts: ModelFacts,
    pub verdicts: BTreeMap<String, VerdictRecord>,
    pub matched_terms: BTreeMap<String, Vec<String>>,
    pub explanation: Explanation,
}

impl ResultRecord {
    pub fn new(rank: usize, m: &RankedModel) -> ResultRecord {
        ResultRecord {
            rank,
            id: m.id.clone(),
            url: model_url(&m.id),
            score: rounded(m.score),
            facts: m.facts.clone(),
            verdicts: verdict_records(&m.verdicts),
            matched_terms: matched_terms(m).into_iter().collect(),
            explanation: m.explanation.clone(),
        }
    }
}

/// What stands for a left-out model's name that is not on this device (a sharded index keeps
/// names in document shards; the app fetches them first, so this shows only offline).
pub const NAME_NOT_DOWNLOADED: &str = "(name not downloaded)";

/// One model a rule removed: `{id, url, score, …facts, removed_by, verdicts}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeftOutRecord {
    /// `null` when the model's name is not on this device ([`NAME_NOT_DOWNLOADED`]).
    pub id: Option<String>,
    pub url: Option<String>,
    pub score: f64,
    #[serde(flatten)]
    pub facts: ModelFacts,
    /// The field whose requirement removed the model.
    pub removed_by: String,
    pub verdicts: BTreeMap<String, VerdictRecord>,
}

impl LeftOutRecord {
    pub fn new(m: &LeftOut) -> LeftOutRecord {
        LeftOutRecord {
            id: m.id.clone(),
            url: m.id.as_deref().map(model_url),
            score: rounded(m.score),
            facts: m.facts.clone(),
            removed_by: m.removed_by.name().to_string(),
            verdicts: verdict_records(&m.verdicts),
        }
    }
}

/// The answer to one request, as the CLI writes it (one JSON line) and the app exports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelectionRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Template>,
    /// In rank order.
    pub results: Vec<ResultRecord>,
    pub intents: Vec<TaskIntent>,
    pub matched: usize,
    pub violations_filtered: usize,
    /// The best-scoring models a rule removed (see [`crate::select::LEFT_OUT_KEPT`]).
    pub excluded: Vec<LeftOutRecord>,
    /// Request words read as corrected ("sumarize → summarize").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
    /// Learned related words added to the query ("angry → emotion").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<String>,
    /// The language the request is written in (not English) and the words that decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_language: Option<crate::knowledge::request_language::RequestLanguage>,
    /// Requirements the rules could not read, how the request's language and a translation
    /// direction were used, and what the list follows when few models match the words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl SelectionRecord {
    /// `left_out` is [`crate::select::Engine::left_out`] of the selection's `excluded`.
    pub fn new(selection: &Selection, left_out: &[LeftOut]) -> SelectionRecord {
        SelectionRecord {
            request_id: None,
            request: None,
            results: selection.results.iter().enumerate().map(|(i, m)| ResultRecord::new(i + 1, m)).collect(),
            intents: selection.intents.clone(),
            matched: selection.matched,
            violations_filtered: selection.violations_filtered,
            excluded: left_out.iter().map(LeftOutRecord::new).collect(),
            corrections: selection.corrections.iter().map(ToString::to_string).collect(),
            expansions: selection.expansions.clone(),
            request_language: selection.request_language.clone(),
            notices: selection.notices.clone(),
            warnings: Vec::new(),
            error: None,
        }
    }

    /// A request that could not be answered.
    pub fn failed(request_id: String, error: String) -> SelectionRecord {
        SelectionRecord { request_id: Some(request_id), error: Some(error), ..SelectionRecord::new(&Selection::default(), &[]) }
    }
}

/// Pretty JSON: the request and its [`SelectionRecord`].
pub fn to_json(request: &Template, selection: &Selection, left_out: &[LeftOut]) -> String {
    let record = SelectionRecord { request: Some(request.clone()), ..SelectionRecord::new(selection, left_out) };
    serde_json::to_string_pretty(&record).expect("a result record always serializes") + "\n"
}

/// RFC 4180 cell: quoted when needed; text starting like a spreadsheet formula is defused.
fn csv_cell(value: &str) -> String {
    let defused =
        if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() { format!("'{value}") } else { value.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// CSV with a header row, one line per result (CRLF line ends, as RFC 4180 says).
pub fn to_csv(_request: &Template, selection: &Selection) -> String {
    let mut out = String::from("rank,id,url,task,license,parameters,downloads,likes,languages,score,verdicts,matched_terms\r\n");
    for (i, m) in selection.results.iter().enumerate() {
        let s = &m.facts;
        let terms = matched_terms(m).into_iter().map(|(f, w)| format!("{f}: {}", w.join(" "))).collect::<Vec<_>>().join("; ");
        let cells = [
            (i + 1).to_string(),
            m.id.clone(),
            model_url(&m.id),
            s.task.clone().unwrap_or_default(),
            s.license.clone().unwrap_or_default(),
            s.params.map(|p| p.to_string()).unwrap_or_default(),
            s.downloads.to_string(),
            s.likes.to_string(),
            s.languages.join(" "),
            format!("{:.3}", m.score),
            verdicts_text(&m.verdicts),
            terms,
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escapes text for Markdown (a table cell, a list item, a link's text): pipes, line breaks, and
/// every character that starts markup or raw HTML is backslash-escaped.
fn md(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '#' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown link to a model's Hub page: the text escaped, the URL percent-encoded.
fn md_model_link(id: &str) -> String {
    format!("[{}]({})", md(id), model_url(id))
}

/// A Markdown report: the request, a results table, each model's verdicts, then the models a
/// rule left out and why.
pub fn to_markdown(request: &Template, selection: &Selection, left_out: &[LeftOut]) -> String {
    let mut out = String::from("# PTMPicker results\n\n## Request\n\n");
    if request.is_empty() {
        out.push_str("(empty request)\n");
    }
    for (field, value) in request.iter() {
        out.push_str(&format!("- **{}** (`{}`): {}\n", field.label(), field.name(), md(value)));
    }
    out.push_str(&format!(
        "\n{} models matched; {} relevant models dropped for violating a requirement.\n\n## Top {}\n\n",
        selection.matched,
        selection.violations_filtered,
        selection.results.len()
    ));
    out.push_str("| # | Model | Task | License | Parameters | Downloads | Verdicts |\n|---:|---|---|---|---:|---:|---|\n");
    for (i, m) in selection.results.iter().enumerate() {
        let s = &m.facts;
        let verdicts =
            m.verdicts.iter().map(|v| format!("{}: {}", v.field.name(), v.verdict.status.label())).collect::<Vec<_>>().join(", ");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            md_model_link(&m.id),
            md(s.task.as_deref().unwrap_or("—")),
            md(s.license.as_deref().unwrap_or("—")),
            s.params.map(human_params).unwrap_or_else(|| "—".into()),
            s.downloads,
            md(&verdicts),
        ));
    }
    let with_verdicts: Vec<_> = selection.results.iter().enumerate().filter(|(_, m)| !m.verdicts.is_empty()).collect();
    if !with_verdicts.is_empty() {
        out.push_str("\n## Requirements per model\n");
        for (i, m) in with_verdicts {
            out.push_str(&format!("\n### {}. {}\n\n", i + 1, md(&m.id)));
            for v in &m.verdicts {
                out.push_str(&format!(
                    "- **{}** — {}: {} (decided by {})\n",
                    md(&v.requirement),
                    v.verdict.status.label(),
                    md(&v.verdict.reason),
                    decided_by(v)
                ));
            }
        }
    }
    if !left_out.is_empty() {
        out.push_str(&format!(
            "\n## Left out\n\n{} relevant models were removed for violating a requirement; the best-scoring {}:\n\n",
            selection.violations_filtered,
            left_out.len()
        ));
        out.push_str("| Model | Requirement | Reason | Decided by |\n|---|---|---|---|\n");
        for m in left_out {
            let (requirement, reason, by) = match m.removing_verdict() {
                Some(v) => (format!("{}: {}", v.field.label(), v.requirement), v.verdict.reason.clone(), decided_by(v)),
                None => (m.removed_by.label().to_string(), String::new(), "rule"),
            };
            let model = m.id.as_deref().map_or_else(|| NAME_NOT_DOWNLOADED.to_string(), md_model_link);
            out.push_str(&format!("| {model} | {} | {} | {by} |\n", md(&requirement), md(&reason)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::RankedModel;
    use crate::template::Field;
    use serde_json::Value;

    fn selection() -> (Template, Selection, Vec<LeftOut>) {
        let mut engine = crate::select::testing::engine_of(&[
            ("org/whisper-tiny", "apache-2.0", "automatic-speech-recognition", "transcribe speech, podcasts"),
            ("=evil/model", "cc-by-nc-4.0", "automatic-speech-recognition", "transcribe audio | with pipes, \"quotes\""),
            ("org/wav2vec", "mit", "automatic-speech-recognition", "transcribe podcasts and calls"),
            ("org/bert", "mit", "fill-mask", "predict masked words"),
            ("org/tagger", "mit", "image-classification", "label photos"),
            ("org/table-qa", "mit", "table-question-answering", "answer questions about tables"),
            ("org/summarizer", "mit", "summarization", "shorten long articles"),
        ]);
        let request = Template {
            function: Some("transcribe podcasts".into()),
            parameter_size: Some("under 1B".into()),
            license: Some("commercial use".into()),
            ..Default::default()
        };
        let sel = engine.select(&request, 10);
        let left_out = engine.left_out(&request, &sel);
        (request, sel, left_out)
    }

    #[test]
    fn json_has_the_one_result_shape() {
        let (request, sel, left_out) = selection();
        assert!(sel.results.len() >= 2);
        let text = to_json(&request, &sel, &left_out);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["request"]["function"], "transcribe podcasts");
        let first = &v["results"][0];
        assert_eq!(first["rank"], 1);
        assert_eq!(first["url"], format!("https://huggingface.co/{}", sel.results[0].id));
        // The CLI's keys: id, score, facts by name, verdicts keyed by field, the explanation.
        for key in ["id", "score", "task", "license", "params", "downloads", "likes", "languages", "explanation"] {
            assert!(first.get(key).is_some(), "{key} missing in {first}");
        }
        assert_eq!(first["verdicts"]["parameter_size"]["status"], "satisfied");
        assert_eq!(first["verdicts"]["parameter_size"]["decided_by"], "rule");
        assert!(first["matched_terms"]["function"].as_array().is_some());
        // The model the license rule removed is listed with the verdict that removed it.
        assert_eq!(v["violations_filtered"], 1);
        let out = &v["excluded"][0];
        assert_eq!(out["id"], "=evil/model");
        assert_eq!(out["removed_by"], "license");
        assert_eq!(out["verdicts"]["license"]["status"], "violated");
        assert!(out["verdicts"]["license"]["reason"].as_str().unwrap().contains("cc-by-nc-4.0"), "{out}");
    }

    #[test]
    fn a_failed_request_keeps_the_contract_keys() {
        let v: Value = serde_json::to_value(SelectionRecord::failed("r1".into(), "bad".into())).unwrap();
        assert_eq!(v["request_id"], "r1");
        assert_eq!(v["error"], "bad");
        assert_eq!(v["results"], serde_json::json!([]));
        assert!(v.get("warnings").is_none() && v.get("request").is_none());
    }

    #[test]
    fn csv_quotes_and_defuses() {
        let (request, sel, _) = selection();
        let csv = to_csv(&request, &sel);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), sel.results.len() + 1);
        assert!(lines[0].starts_with("rank,id,url"));
        assert!(to_csv(&request, &with_evil_result()).contains("'=evil/model"), "formula-like ids are defused");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn markdown_escapes_table_cells() {
        let (request, sel, left_out) = selection();
        let text = to_markdown(&request, &sel, &left_out);
        assert!(text.starts_with("# PTMPicker results"));
        assert!(text.contains("- **Function** (`function`): transcribe podcasts"));
        assert!(text.contains("[org/whisper-tiny](https://huggingface.co/org/whisper-tiny)"), "{text}");
        let table_rows = text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| #")).count();
        assert_eq!(table_rows, sel.results.len() + 1 + left_out.len(), "results, the left-out header and its rows");
        assert_eq!(md("a|b\nc"), "a\\|b c");
        assert!(text.contains("decided by rule"));
        assert!(text.contains("## Left out"), "{text}");
        assert!(text.contains("| [=evil/model](https://huggingface.co/%3Devil/model) | License: commercial use |"), "{text}");
    }

    /// A selection whose results carry hostile ids (a crafted catalog can hold any id).
    fn with_evil_result() -> Selection {
        let (_, mut sel, _) = selection();
        let template = sel.results[0].clone();
        sel.results =
            ["=evil/model", "evil/x)<img src=x onerror=alert(1)>", "evil/a](javascript:alert(1)) \"t\"", "evil/<script>x</script>\n# h"]
                .iter()
                .map(|id| RankedModel { id: id.to_string(), ..template.clone() })
                .collect();
        sel
    }

    /// A left-out model whose name is not on this device (a sharded index offline) is named as
    /// such: no link to a wrong page, `null` in JSON.
    #[test]
    fn a_left_out_model_without_its_name_says_so() {
        let sel = with_evil_result();
        let m = &sel.results[0];
        let left = vec![LeftOut {
            doc: m.doc,
            score: m.score,
            id: None,
            facts: m.facts.clone(),
            removed_by: Field::License,
            verdicts: Vec::new(),
        }];
        let text = to_markdown(&Template::default(), &sel, &left);
        assert!(text.contains(&format!("| {NAME_NOT_DOWNLOADED} | ")), "{text}");
        let json: serde_json::Value = serde_json::from_str(&to_json(&Template::default(), &sel, &left)).unwrap();
        assert_eq!(json["excluded"][0]["id"], serde_json::Value::Null);
        assert_eq!(json["excluded"][0]["url"], serde_json::Value::Null);
    }

    #[test]
    fn markdown_links_cannot_be_broken_by_an_id() {
        let sel = with_evil_result();
        let left: Vec<LeftOut> = sel
            .results
            .iter()
            .map(|m| LeftOut {
                doc: m.doc,
                score: m.score,
                id: Some(m.id.clone()),
                facts: m.facts.clone(),
                removed_by: Field::License,
                verdicts: Vec::new(),
            })
            .collect();
        let text = to_markdown(&Template::default(), &sel, &left);
        // No raw HTML: every '<' is backslash-escaped text.
        for (i, _) in text.match_indices('<') {
            assert_eq!(&text[i - 1..i], "\\", "unescaped '<' at {i} in:\n{text}");
        }
        // Every link is `[escaped text](https://huggingface.co/<safe characters>)`, one per row.
        let links: Vec<&str> = text.match_indices("](").map(|(i, _)| &text[i + 2..]).collect();
        assert_eq!(links.len(), 8, "{text}");
        for rest in links {
            let url = &rest[..rest.find(')').unwrap()];
            assert!(url.starts_with("https://huggingface.co/evil") || url.starts_with("https://huggingface.co/%3Devil"), "{url}");
            assert!(url.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/:%".contains(&b)), "unsafe URL {url}");
        }
        // No id starts a heading or a new line.
        assert!(!text.lines().any(|l| l.starts_with("# h")), "{text}");
        assert_eq!(model_url("evil/x)<y>"), "https://huggingface.co/evil/x%29%3Cy%3E");
    }

    #[test]
    fn empty_selection_exports() {
        let empty = Selection::default();
        let t = Template::default();
        assert!(to_json(&t, &empty, &[]).contains("\"results\": []"));
        assert_eq!(to_csv(&t, &empty).lines().count(), 1);
        assert!(to_markdown(&t, &empty, &[]).contains("(empty request)"));
    }
}
