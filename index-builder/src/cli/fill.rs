//! `index-builder fill`: free-text descriptions in, one request line per description out — the
//! rules' reading, completed by the user's LLM when `--llm-base-url` is given. The lines are what
//! `search --requests -` reads, so `fill --text "…" | search --requests -` searches a description.
//!
//! The reading and the merge are the engine's (`ptmpicker::request_text`); this file only reads
//! descriptions, asks the endpoint (through the shared cache) and prints.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::Args;
use ptmpicker::analysis::Lexicon;
use ptmpicker::llm::response::parse_fill;
use ptmpicker::llm::PromptName;
use ptmpicker::request_text::llm_fill::{merge_llm_fill, prompt_text, FILL_MAX_TOKENS};
use ptmpicker::request_text::{fill_from_text, Filled, Note};
use serde_json::{json, Value};

use super::llm_extract::Asker;
use super::search::load_engine;
use crate::io_util::{open_input, Result};
use crate::llm_client::LlmArgs;

#[derive(Args)]
pub struct FillArgs {
    /// A description, e.g. "transcribe German phone calls, commercial use" (repeatable).
    #[arg(long = "text", value_name = "TEXT")]
    pub texts: Vec<String>,
    /// A file of descriptions, one per line ("-" = stdin).
    #[arg(long, value_name = "FILE")]
    pub descriptions: Option<PathBuf>,
    /// An index whose vocabulary helps read the task (as in the app); without it the rules use
    /// their built-in task cues only.
    #[arg(long, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// The user's LLM completes the rules' reading (off unless --llm-base-url is given).
    #[command(flatten)]
    pub llm: LlmArgs,
}

pub fn run(args: FillArgs) -> Result<ExitCode> {
    let mut texts: Vec<String> = args.texts.iter().map(|t| t.trim().to_string()).collect();
    if let Some(path) = &args.descriptions {
        for line in open_input(path)?.lines() {
            let line = line.map_err(|e| anyhow!("reading {}: {e}", path.display()))?;
            texts.push(line.trim().to_string());
        }
    }
    texts.retain(|t| !t.is_empty());
    if texts.is_empty() {
        return Err(anyhow!("give --text \"a description\" or --descriptions FILE (one description per line)"));
    }
    let lexicon = match &args.index {
        Some(path) => load_engine(path, &[])?.lexicon,
        None => Lexicon::new(),
    };
    let asker = Asker::from_args(&args.llm, FILL_MAX_TOKENS)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0;
    for (i, text) in texts.iter().enumerate() {
        let id = format!("fill-{}", i + 1);
        let (filled, llm_error) = match &asker {
            None => (fill_from_text(&lexicon, text), None),
            Some(asker) => match ask(asker, &lexicon, text) {
                Ok(filled) => (filled, None),
                Err(e) => {
                    failures += 1;
                    eprintln!("{id}: the LLM could not fill the fields ({e}); the rules' reading is printed");
                    (fill_from_text(&lexicon, text), Some(e))
                }
            },
        };
        serde_json::to_writer(&mut out, &line(&id, text, &filled, llm_error))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failures > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The cache keys' "model" slot for descriptions: the answer depends on the text only, not on
/// where it stands in the input (the text is in the key's input digest).
const CACHE_SUBJECT: &str = "description";

fn ask(asker: &Asker, lexicon: &Lexicon, text: &str) -> std::result::Result<Filled, String> {
    let input = prompt_text(text);
    let (request, key) = asker.prepare(PromptName::FillRequest, &[("text", &input)], CACHE_SUBJECT)?;
    let asked = asker.ask(PromptName::FillRequest, &request, key, CACHE_SUBJECT, &input);
    let (content, mode) = asked.result.map_err(|e| e.to_string())?;
    let suggestions = parse_fill(&content, mode).map_err(|e| e.to_string())?;
    Ok(merge_llm_fill(lexicon, text, &suggestions))
}

fn notes(notes: &[Note]) -> Value {
    notes.iter().map(|n| json!({"field": n.field.name(), "value": n.value, "because": n.because, "by": n.by})).collect()
}

/// `{"id", "text", "request": {fields}, "notes": [..], "set_aside": [..], "llm_error"?}`.
fn line(id: &str, text: &str, filled: &Filled, llm_error: Option<String>) -> Value {
    let mut v = json!({
        "id": id,
        "text": text,
        "request": filled.template,
        "notes": notes(&filled.notes),
        "set_aside": notes(&filled.set_aside),
    });
    if let Some(e) = llm_error {
        v["llm_error"] = Value::String(e);
    }
    v
}
