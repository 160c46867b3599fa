//! `index-builder validate-requests`: asks the LLM (`prompts/validate_request.txt`) whether each
//! synthesized request reads like a real developer's request, is self-consistent, and applies its
//! mutation; writes the lines back with a `validation` object (or drops the invalid ones).
//!
//! Input: JSON Lines with a `request` (template fields), as `synthesize` writes them (the seed
//! request is rebuilt from the mutations' `from` values) or hand-written (then the seed is the
//! request itself and the mutation "none"). Every other key of a line is kept as it is.

use anyhow::anyhow;
use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ptmpicker::llm::response::{parse_validation, Validity};
use ptmpicker::llm::PromptName;
use serde_json::{json, Map, Value};

use crate::cli::build::progress;
use crate::cli::llm_extract::{finish_file, Asker, CallCounts};
use crate::io_util::{open_input, Result};
use crate::llm_client::pool::run_bounded;
use crate::llm_client::LlmArgs;

#[derive(Args)]
pub struct ValidateRequestsArgs {
    /// Requests (JSON Lines, e.g. from `synthesize`).
    #[arg(long)]
    pub requests: PathBuf,
    /// Where to write them with their `validation` (replaced atomically).
    #[arg(long)]
    pub out: PathBuf,
    /// Leave out requests the LLM judges invalid (unknown and failed checks are kept).
    #[arg(long)]
    pub drop_invalid: bool,
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// The seed request (mutated fields put back) and a sentence per mutation.
pub fn seed_and_mutation(line: &Value) -> (Value, String) {
    let request = line.get("request").cloned().unwrap_or_else(|| json!({}));
    let Some(mutations) = line.get("mutations").and_then(Value::as_array).filter(|m| !m.is_empty()) else {
        return (request, "none (hand-written request)".to_string());
    };
    let mut seed: Map<String, Value> = request.as_object().cloned().unwrap_or_default();
    let mut sentences = Vec::new();
    for m in mutations {
        let field = m.get("field").and_then(Value::as_str).unwrap_or("?");
        let from = m.get("from").and_then(Value::as_str).unwrap_or("");
        let to = m.get("to").and_then(Value::as_str).unwrap_or("");
        let kind = m.get("kind").and_then(Value::as_str).unwrap_or("");
        if field == "modality" {
            sentences.push(format!("replace the task and its input/output formats ({from}) with another task's ({to})"));
            let tag = from.split(' ').next().unwrap_or("");
            seed.remove("input_format");
            seed.remove("output_format");
            seed.insert("task".into(), Value::String(tag.to_string()));
            seed.insert("function".into(), Value::String(format!("a {tag} model")));
        } else {
            let effect = if kind == "compatible" { "which the seed model still meets" } else { "which the seed model does not meet" };
            sentences.push(format!("change {field} from \"{from}\" to \"{to}\", {effect}"));
            seed.insert(field.to_string(), Value::String(from.to_string()));
        }
    }
    (Value::Object(seed), sentences.join("; "))
}

pub fn run(args: ValidateRequestsArgs) -> Result<ExitCode> {
    let Some(asker) = Asker::from_args(&args.llm, 192)? else {
        return Err(anyhow!("validate-requests needs --llm-base-url (and usually --llm-model)"));
    };
    let input = open_input(&args.requests)?;
    let mut lines: Vec<Value> = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| anyhow!("reading {}: {e}", args.requests.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| anyhow!("{} line {}: {e}", args.requests.display(), n + 1))?;
        if !v.get("request").is_some_and(Value::is_object) {
            return Err(anyhow!("{} line {}: no \"request\" object", args.requests.display(), n + 1));
        }
        lines.push(v);
    }
    let bar = progress(lines.len() as u64, "validating");
    let results = run_bounded(&lines, asker.concurrency, |line| {
        let (seed, mutation) = seed_and_mutation(line);
        let seed = seed.to_string();
        let request = line["request"].to_string();
        let id = line.get("id").and_then(Value::as_str).unwrap_or("request").to_string();
        let prepared =
            asker.prepare(PromptName::ValidateRequest, &[("seed_request", &seed), ("mutation", &mutation), ("request", &request)], &id);
        let out = match prepared {
            Ok((req, key)) => {
                let asked = asker.ask(PromptName::ValidateRequest, &req, key, &id, &format!("{seed}\n{mutation}\n{request}"));
                let parsed = match &asked.result {
                    Ok((content, mode)) => parse_validation(content, *mode).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                (Some(asked), parsed)
            }
            Err(e) => (None, Err(e)),
        };
        bar.inc(1);
        out
    });
    bar.finish_and_clear();

    let mut calls = CallCounts::default();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
    let tmp = args.out.with_extension(format!("tmp-{}", std::process::id()));
    let file = std::fs::File::create(&tmp).map_err(|e| anyhow!("cannot create {}: {e}", tmp.display()))?;
    let mut out = BufWriter::new(file);
    let mut kept = 0usize;
    for (mut line, (asked, parsed)) in lines.into_iter().zip(results) {
        if let Some(a) = &asked {
            calls.add(a);
        }
        let (label, validation) = match &parsed {
            Ok(v) => {
                for f in &v.wrong_fields {
                    *wrong.entry(f.name().to_string()).or_default() += 1;
                }
                let label = match v.verdict {
                    Validity::Valid => "valid",
                    Validity::Invalid => "invalid",
                    Validity::Unknown => "unknown",
                };
                (
                    label,
                    json!({"verdict": label, "reason": v.reason, "wrong_fields": v.wrong_fields.iter().map(|f| f.name()).collect::<Vec<_>>()}),
                )
            }
            Err(e) => ("failed", json!({"verdict": "not_checked", "reason": format!("LLM check failed: {e}"), "wrong_fields": []})),
        };
        *verdicts.entry(label).or_default() += 1;
        if args.drop_invalid && label == "invalid" {
            continue;
        }
        line["validation"] = validation;
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n").map_err(|e| anyhow!("cannot write {}: {e}", tmp.display()))?;
        kept += 1;
    }
    finish_file(out, &tmp, &args.out)?;
    println!("requests   {} → {} written to {}", verdicts.values().sum::<usize>(), kept, args.out.display());
    println!("verdicts   {verdicts:?}");
    if !wrong.is_empty() {
        println!("flagged    {wrong:?}");
    }
    println!("calls      {}", calls.line());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_undo_the_mutations() {
        let line = json!({
            "request": {"function": "a model for image to image", "input_format": "image", "output_format": "image", "license": "must permit commercial use"},
            "mutations": [
                {"field": "modality", "kind": "incompatible", "from": "fill-mask (text with a masked token → token predictions)", "to": "image-to-image (image → image)"},
                {"field": "license", "kind": "compatible", "from": "mit", "to": "must permit commercial use"}
            ]
        });
        let (seed, mutation) = seed_and_mutation(&line);
        assert_eq!(seed, json!({"function": "a fill-mask model", "task": "fill-mask", "license": "mit"}));
        assert!(
            mutation.contains("change license from \"mit\" to \"must permit commercial use\", which the seed model still meets"),
            "{mutation}"
        );
        let (seed, mutation) = seed_and_mutation(&json!({"request": {"function": "x"}}));
        assert_eq!((seed, mutation.as_str()), (json!({"function": "x"}), "none (hand-written request)"));
    }
}
