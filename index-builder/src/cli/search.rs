//! `index-builder search`: requests in, one JSON line of ranked results per request out.

use anyhow::anyhow;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ptmpicker::export::SelectionRecord;
use ptmpicker::rank::RankParams;
use ptmpicker::select::Engine;
use ptmpicker::template::{Field, Template};
use serde_json::Value;

use super::output::selection_record;
use crate::io_util::{open_input, Result};

#[derive(Args)]
pub struct SearchArgs {
    /// Index file written by `build`.
    #[arg(long, default_value = "public/index.bin")]
    pub index: PathBuf,
    /// JSON Lines of `{"id": "...", "request": {template fields}}` ("-" = stdin).
    #[arg(long, conflicts_with = "request")]
    pub requests: Option<PathBuf>,
    /// One request as JSON (either `{"id":..,"request":{..}}` or the template fields themselves).
    #[arg(long)]
    pub request: Option<String>,
    /// Results per request.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Override a ranking parameter, e.g. `--param task_bonus=6` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// LLM checks of the requirements rules can't judge (off unless --llm-base-url is given).
    #[command(flatten)]
    pub llm: crate::llm_client::LlmArgs,
}

/// A parsed request line.
pub struct RequestLine {
    pub id: String,
    pub request: Template,
    /// Anything else on the line (e.g. an eval set's judge), kept for callers.
    pub extra: Value,
    /// Keys of the request that are not template fields: ignored, and reported.
    pub warnings: Vec<String>,
}

/// Parses `{"id": .., "request": {..}}` or a bare template object. `fallback_id` names requests
/// that carry no id.
pub fn parse_request_line(text: &str, fallback_id: &str) -> std::result::Result<RequestLine, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("a request must be a JSON object".into());
    };
    let id = match obj.remove("id") {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => fallback_id.to_string(),
        Some(_) => return Err("\"id\" must be a string".into()),
    };
    let (mut template_value, extra) = match obj.remove("request") {
        Some(r @ Value::Object(_)) => (r, Value::Object(obj)),
        Some(_) => return Err("\"request\" must be an object of template fields".into()),
        None => (Value::Object(obj), Value::Null),
    };
    // A key that is no template field is dropped with a warning (naming the valid fields) rather
    // than failing the whole request: the rest of the request still deserves an answer, and the
    // warning travels with it in the output.
    let mut warnings = Vec::new();
    if let Value::Object(fields) = &mut template_value {
        let unknown: Vec<String> = fields.keys().filter(|k| Field::from_name(k).is_none()).cloned().collect();
        for key in unknown {
            fields.remove(&key);
            warnings.push(format!("ignored {key:?}: not a template field"));
        }
    }
    if !warnings.is_empty() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        warnings.push(format!("template fields are: {}", names.join(", ")));
    }
    let request: Template = serde_json::from_value(template_value)
        .map_err(|e| format!("request {id}: {}", ptmpicker::template::describe_json_error(&e.to_string())))?;
    if request.is_empty() {
        let hint = if warnings.is_empty() { String::new() } else { format!(" ({})", warnings.join("; ")) };
        return Err(format!("request {id} has no template fields set{hint}"));
    }
    Ok(RequestLine { id, request, extra, warnings })
}

/// An engine over the index at `path`; a sharded head gets all its shards (see [`lazy_engine`]
/// for the app's way).
pub fn load_engine(path: &std::path::Path, overrides: &[String]) -> Result<Engine> {
    let mut engine = lazy_engine(path, overrides)?;
    super::shard_files::install_all(&mut engine.index, path)?;
    Ok(Engine::with_params(engine.index, engine.params))
}

/// An engine over the index at `path` without any shard installed: the caller installs what each
/// request reads ([`super::shard_files::install_needed`]), as the app does.
pub fn lazy_engine(path: &std::path::Path, overrides: &[String]) -> Result<Engine> {
    let index = ptmpicker::index::decode(&crate::io_util::read_bytes(path)?).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let mut params = RankParams::default();
    for o in overrides {
        params.set(o)?;
    }
    Ok(Engine::with_params(index, params))
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    // Like the app: a sharded head, and only the shards each request reads.
    let mut engine = lazy_engine(&args.index, &args.params)?;
    let mut shards_read = 0;
    let llm = args.llm.runner().map_err(anyhow::Error::msg)?;
    let lines: Vec<(usize, String)> = match (&args.requests, &args.request) {
        (_, Some(one)) => vec![(1, one.clone())],
        (Some(path), None) => {
            let input = open_input(path)?;
            let mut out = Vec::new();
            for (i, line) in input.lines().enumerate() {
                let line = line.map_err(|e| anyhow!("reading {}: {e}", path.display()))?;
                if !line.trim().is_empty() {
                    out.push((i + 1, line));
                }
            }
            out
        }
        (None, None) => return Err(anyhow!("give --requests FILE or --request JSON")),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0;
    for (number, line) in lines {
        let fallback = format!("line-{number}");
        let value = match parse_request_line(&line, &fallback) {
            Ok(req) => {
                for w in &req.warnings {
                    eprintln!("line {number}: {w}");
                }
                shards_read += super::shard_files::install_needed(&mut engine, &args.index, &req.request)?;
                // A sharded head: the display text of what this search shows (results and the
                // models it left out) comes from document shards, installed before the answer is
                // written (the ranking does not change; facts and card text become whole).
                // With an LLM, its candidates too: a check reads the card, and a candidate moves up
                // when a shown model is dropped.
                let wide = llm.as_ref().map_or(args.top, |r| r.settings.candidates.max(args.top));
                let shown = engine.select(&req.request, wide);
                let docs: Vec<u32> = shown.results.iter().map(|m| m.doc).chain(shown.excluded.iter().map(|e| e.doc)).collect();
                let display = super::shard_files::install_display(&mut engine, &args.index, docs)?;
                shards_read += display;
                let selection = match &llm {
                    None if display == 0 && wide == args.top => shown,
                    None => engine.select(&req.request, args.top),
                    Some(runner) => {
                        let (selection, stats) = runner.select(&mut engine, &req.request, args.top).map_err(anyhow::Error::msg)?;
                        eprintln!("llm: request {}: {}", req.id, stats.summary());
                        selection
                    }
                };
                let mut record = selection_record(&engine, &req.id, &req.request, &selection);
                record.warnings = req.warnings;
                record
            }
            Err(e) => {
                failures += 1;
                eprintln!("line {number}: {e}");
                let id = serde_json::from_str::<Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|i| i.as_str().map(str::to_string)))
                    .unwrap_or(fallback);
                SelectionRecord::failed(id, e)
            }
        };
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if let Some(m) = &engine.index.shards {
        eprintln!("sharded index: read {shards_read} of {} shard files", m.len());
    }
    Ok(if failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
