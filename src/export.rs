//! Results → JSON, CSV and Markdown, for the app's "export" buttons (and any other caller).
//!
//! Why here and pure: the same text must come out in the browser and in tests, and nothing about
//! producing it needs a browser. Only the request's template fields are written: no secrets (an
//! LLM API key is never part of a [`Template`]) can end up in an export.

use serde_json::{json, Value};

use crate::constraints::size::human_params;
use crate::select::{RankedModel, Selection};
use crate::template::Template;

/// The page of a model on the Hub.
pub fn model_url(id: &str) -> String {
    format!("https://huggingface.co/{id}")
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

fn verdicts_text(model: &RankedModel) -> String {
    model
        .verdicts
        .iter()
        .map(|v| format!("{}: {} ({}; by {})", v.field.name(), v.verdict.status.label(), v.verdict.reason, decided_by(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn decided_by(v: &crate::constraints::FieldVerdict) -> &'static str {
    match v.verdict.decided_by {
        crate::constraints::DecidedBy::Rule => "rule",
        crate::constraints::DecidedBy::Llm => "LLM",
    }
}

fn result_json(rank: usize, m: &RankedModel) -> Value {
    let s = &m.summary;
    let terms: serde_json::Map<String, Value> = matched_terms(m).into_iter().map(|(f, w)| (f, json!(w))).collect();
    json!({
        "rank": rank,
        "id": s.id,
        "url": model_url(&s.id),
        "task": s.task,
        "license": s.license,
        "library": s.library,
        "parameters": s.params,
        "quant_bits": s.quant_bits,
        "downloads": s.downloads,
        "likes": s.likes,
        "languages": s.languages,
        "score": (m.score * 1000.0).round() / 1000.0,
        "verdicts": m.verdicts.iter().map(|v| json!({
            "field": v.field.name(),
            "requirement": v.requirement,
            "status": v.verdict.status,
            "decided_by": v.verdict.decided_by,
            "reason": v.verdict.reason,
        })).collect::<Vec<_>>(),
        "matched_terms": terms,
        "task_intent": m.explanation.task_intent,
    })
}

/// Pretty JSON: `{ "request": {...}, "matched": n, "results": [...] }`.
pub fn to_json(request: &Template, selection: &Selection) -> String {
    let doc = json!({
        "generator": "PTMPicker",
        "request": request,
        "matched": selection.matched,
        "violations_filtered": selection.violations_filtered,
        "task_intents": selection.intents.iter().map(|i| json!({"task": i.tag, "confidence": i.confidence, "because": i.because})).collect::<Vec<_>>(),
        "results": selection.results.iter().enumerate().map(|(i, m)| result_json(i + 1, m)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).expect("a JSON value always serializes") + "\n"
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
        let s = &m.summary;
        let terms = matched_terms(m).into_iter().map(|(f, w)| format!("{f}: {}", w.join(" "))).collect::<Vec<_>>().join("; ");
        let cells = [
            (i + 1).to_string(),
            s.id.clone(),
            model_url(&s.id),
            s.task.clone().unwrap_or_default(),
            s.license.clone().unwrap_or_default(),
            s.params.map(|p| p.to_string()).unwrap_or_default(),
            s.downloads.to_string(),
            s.likes.to_string(),
            s.languages.join(" "),
            format!("{:.3}", m.score),
            verdicts_text(m),
            terms,
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Escapes text for a Markdown table cell (pipes, line breaks, and markup characters).
fn md(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown report: the request, a results table, then each model's verdicts.
pub fn to_markdown(request: &Template, selection: &Selection) -> String {
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
        let s = &m.summary;
        let verdicts =
            m.verdicts.iter().map(|v| format!("{}: {}", v.field.name(), v.verdict.status.label())).collect::<Vec<_>>().join(", ");
        out.push_str(&format!(
            "| {} | [{}]({}) | {} | {} | {} | {} | {} |\n",
            i + 1,
            md(&s.id),
            model_url(&s.id),
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
            out.push_str(&format!("\n### {}. {}\n\n", i + 1, md(&m.summary.id)));
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ModelFacts, ModelInstance, Source};
    use crate::index::IndexWriter;
    use crate::select::Engine;
    use crate::template::Field;

    fn selection() -> (Template, Selection) {
        let mut w = IndexWriter::new("test");
        for (id, license, task, text) in [
            ("org/whisper-tiny", "apache-2.0", "automatic-speech-recognition", "transcribe speech, podcasts"),
            ("=evil/model", "cc-by-nc-4.0", "automatic-speech-recognition", "transcribe audio | with pipes, \"quotes\""),
            ("org/bert", "mit", "fill-mask", "predict masked words"),
        ] {
            let mut m = ModelInstance {
                id: id.into(),
                facts: ModelFacts {
                    task: Some(task.into()),
                    license: Some(license.into()),
                    params: Some(39_000_000),
                    downloads: 10,
                    ..Default::default()
                },
                ..Default::default()
            };
            m.put(Field::Function, text.into(), Source::CardText);
            w.add(&m);
        }
        let mut engine = Engine::new(w.finish());
        let request =
            Template { function: Some("transcribe podcasts".into()), parameter_size: Some("under 1B".into()), ..Default::default() };
        let sel = engine.select(&request, 10);
        (request, sel)
    }

    #[test]
    fn json_round_trips_and_names_everything() {
        let (request, sel) = selection();
        assert!(sel.results.len() >= 2);
        let text = to_json(&request, &sel);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["request"]["function"], "transcribe podcasts");
        assert_eq!(v["results"][0]["rank"], 1);
        assert_eq!(v["results"][0]["url"], format!("https://huggingface.co/{}", sel.results[0].summary.id));
        assert_eq!(v["results"][0]["verdicts"][0]["field"], "parameter_size");
        assert_eq!(v["results"][0]["verdicts"][0]["status"], "satisfied");
        assert!(v["results"][0]["matched_terms"]["function"].as_array().is_some());
    }

    #[test]
    fn csv_quotes_and_defuses() {
        let (request, sel) = selection();
        let csv = to_csv(&request, &sel);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), sel.results.len() + 1);
        assert!(lines[0].starts_with("rank,id,url"));
        assert!(csv.contains("'=evil/model"), "{csv}");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn markdown_escapes_table_cells() {
        let (request, sel) = selection();
        let text = to_markdown(&request, &sel);
        assert!(text.starts_with("# PTMPicker results"));
        assert!(text.contains("- **Function** (`function`): transcribe podcasts"));
        assert!(text.contains("[org/whisper\\-tiny]") || text.contains("[org/whisper-tiny]"));
        let table_rows = text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| #")).count();
        assert_eq!(table_rows, sel.results.len());
        assert_eq!(md("a|b\nc"), "a\\|b c");
        assert!(text.contains("decided by rule"));
    }

    #[test]
    fn empty_selection_exports() {
        let empty = Selection::default();
        let t = Template::default();
        assert!(to_json(&t, &empty).contains("\"results\": []"));
        assert_eq!(to_csv(&t, &empty).lines().count(), 1);
        assert!(to_markdown(&t, &empty).contains("(empty request)"));
    }
}
