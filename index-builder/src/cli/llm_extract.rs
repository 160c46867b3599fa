//! `index-builder extract`: deterministic extraction plus an LLM pass over model cards
//! (`prompts/extract_metadata.txt`), optionally reviewed by `prompts/validate_extraction.txt`.
//!
//! Merge rule: deterministic values win — structured facts (pipeline tag, license, params,
//! languages, base model…) and card-section text are never replaced; the LLM only fills template
//! fields the deterministic extractor left empty (recorded with source `llm`). With `--llm-validate`
//! a second prompt reviews the LLM's values against the card and the ones it flags are dropped.
//! Every LLM value must cite the card words it rests on (the answer's `evidence` object); a value
//! whose cited words are not in the card, or that cites none, is dropped (`uncited`). Typed facts
//! (`facts.*`) the rules set are never changed by the LLM; one the rules left empty (license,
//! base model, datasets, languages) is set from a kept value that reads as that fact, with
//! evidence `{source: llm, confidence: read, quote: <the cited words>}`; the output's
//! `llm.cited` lists the quote of each value used.
//!
//! Output: one JSON line per model, a `ptmpicker::facts::ModelInstance` (`id, facts, template,
//! sources, keywords`; `facts.evidence` says where each typed fact came from, how sure it is and,
//! for prose, the sentence), `license_terms` (license family and commercial-use permission) and
//! an `llm` object (`status`, the raw `fields`, the `validation`).
//! Answers are cached on disk (`<llm-cache-dir>/answers/<key>.json`); the key covers the model id,
//! the card text (its SHA-256 is stored in the entry), the prompt file and version and the LLM
//! model, so a rerun makes no HTTP calls for unchanged cards.

use anyhow::anyhow;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use clap::Args;
use ptmpicker::facts::{Confidence, Evidence, FactKind};
use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::knowledge::{languages, licenses};
use ptmpicker::llm::cache_key::{messages_digest, CacheKeyParts};
use ptmpicker::llm::grounding::{normalize, MIN_EVIDENCE_WORDS};
use ptmpicker::llm::prompts::truncate_chars;
use ptmpicker::llm::response::{parse_extraction_cited, parse_validation, CitedValue, LlmError, ValidationAnswer, Validity};
use ptmpicker::llm::schema::extract_fields;
use ptmpicker::llm::{CacheKey, ChatRequest, GenerationParams, PromptName, ResponseMode};
use ptmpicker::template::Field;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::catalog::{read_catalog, HubRecord};
use crate::cli::build::progress;
use crate::extract::{extract_known, ExtractParams, KnownModels};
use crate::io_util::{open_input, write_atomic, Result};
use crate::llm_client::client::LlmClient;
use crate::llm_client::pool::run_bounded;
use crate::llm_client::LlmArgs;

#[derive(Args)]
pub struct ExtractArgs {
    /// Catalog (JSON Lines or Hub API array).
    #[arg(long)]
    pub catalog: PathBuf,
    /// Where to write the instances (JSON Lines; replaced atomically).
    #[arg(long)]
    pub out: PathBuf,
    /// Skip models with fewer downloads.
    #[arg(long, default_value_t = 0)]
    pub min_downloads: u64,
    /// Send at most this many cards to the LLM (the most-downloaded first); the rest are
    /// extracted deterministically only.
    #[arg(long)]
    pub llm_limit: Option<usize>,
    /// Card characters sent per prompt.
    #[arg(long, default_value_t = 6000)]
    pub llm_card_chars: usize,
    /// Review each LLM extraction with prompts/validate_extraction.txt and drop flagged values.
    #[arg(long)]
    pub llm_validate: bool,
    /// Override an extraction knob, e.g. `--param extract.field_max=800` (repeatable; as `build`).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    #[command(flatten)]
    pub llm: LlmArgs,
}

/// One cached LLM answer (the raw completion text; parsed again on every read).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AnswerEntry {
    pub key: String,
    pub prompt: String,
    pub prompt_version: u32,
    pub llm_model: String,
    pub model_id: String,
    /// SHA-256 of the data the answer is about (card text, or the request).
    pub input_sha256: String,
    pub mode: String,
    pub content: String,
    pub saved_unix: u64,
}

/// What one LLM question produced.
pub struct Asked {
    pub result: std::result::Result<(String, ResponseMode), LlmError>,
    pub from_cache: bool,
    pub attempts: u32,
    pub tokens: u64,
}

/// Asks prompts over an [`LlmClient`] with an answer cache on disk.
pub struct Asker {
    pub client: LlmClient,
    pub model: String,
    pub examples: usize,
    pub concurrency: usize,
    pub cache: Option<PathBuf>,
    pub max_tokens: u32,
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Asker {
    /// From the shared `--llm-*` flags; `None` without `--llm-base-url`.
    pub fn from_args(args: &LlmArgs, max_tokens: u32) -> Result<Option<Asker>> {
        let Some(runner) = args.runner().map_err(anyhow::Error::msg)? else { return Ok(None) };
        let cache = if args.llm_no_cache { None } else { Some(args.llm_cache_dir.join("answers")) };
        if let Some(dir) = &cache {
            std::fs::create_dir_all(dir).map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
            let ignore = args.llm_cache_dir.join(".gitignore");
            if !ignore.exists() {
                let _ = std::fs::write(ignore, "*\n");
            }
        }
        Ok(Some(Asker {
            model: runner.settings.llm_model.clone(),
            examples: runner.settings.examples,
            concurrency: runner.concurrency,
            client: runner.client,
            cache,
            max_tokens,
        }))
    }

    /// The request and its cache key for `prompt` rendered with `values`.
    pub fn prepare(
        &self,
        prompt: PromptName,
        values: &[(&str, &str)],
        model_id: &str,
    ) -> std::result::Result<(ChatRequest, CacheKey), String> {
        let template = prompt.template();
        let messages = template.render_with_examples(values, self.examples).map_err(|e| e.to_string())?;
        let key = CacheKeyParts {
            model_id,
            field: prompt.name(),
            requirement: "",
            prompt_name: prompt.name(),
            prompt_version: template.version,
            prompt_digest: template.digest,
            endpoint: &self.client.endpoint().cache_identity(),
            llm_model: &self.model,
            input_digest: messages_digest(&messages),
        }
        .key();
        let mut params = GenerationParams::new(self.model.clone());
        params.max_tokens = self.max_tokens;
        Ok((ChatRequest { messages, schema: template.output.schema(), params }, key))
    }

    fn cache_path(&self, key: CacheKey) -> Option<PathBuf> {
        self.cache.as_ref().map(|d| d.join(format!("{key}.json")))
    }

    /// The cached answer, or an HTTP call whose successful answer is then cached.
    pub fn ask(&self, prompt: PromptName, request: &ChatRequest, key: CacheKey, model_id: &str, input: &str) -> Asked {
        if let Some(path) = self.cache_path(key) {
            if let Some(entry) = std::fs::read_to_string(&path).ok().and_then(|t| serde_json::from_str::<AnswerEntry>(&t).ok()) {
                if entry.key == key.to_string() {
                    let mode = ResponseMode::from_name(&entry.mode).unwrap_or(ResponseMode::JsonSchema);
                    return Asked { result: Ok((entry.content, mode)), from_cache: true, attempts: 0, tokens: 0 };
                }
            }
        }
        let (result, attempts) = self.client.chat(request);
        let tokens = result.as_ref().ok().and_then(|(c, _)| c.usage.as_ref()).map_or(0, |u| u.total_tokens);
        let result = result.map(|(c, mode)| (c.content, mode));
        if let (Some(path), Ok((content, mode))) = (self.cache_path(key), &result) {
            let entry = AnswerEntry {
                key: key.to_string(),
                prompt: prompt.name().to_string(),
                prompt_version: prompt.template().version,
                llm_model: self.model.clone(),
                model_id: model_id.to_string(),
                input_sha256: sha256_hex(input),
                mode: mode.name().to_string(),
                content: content.clone(),
                saved_unix: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
            };
            if let Ok(text) = serde_json::to_vec_pretty(&entry) {
                if let Err(e) = write_atomic(&path, &text) {
                    eprintln!("llm: warning: {e}");
                }
            }
        }
        Asked { result, from_cache: false, attempts, tokens }
    }
}

/// Per-call bookkeeping for the report.
#[derive(Default, Debug, Serialize)]
pub struct CallCounts {
    pub asked: usize,
    pub cached: usize,
    pub http: usize,
    pub failed: usize,
    pub attempts: u64,
    pub tokens: u64,
}

impl CallCounts {
    pub fn add(&mut self, a: &Asked) {
        self.asked += 1;
        if a.from_cache {
            self.cached += 1;
        } else {
            self.http += 1;
        }
        if a.result.is_err() {
            self.failed += 1;
        }
        self.attempts += a.attempts as u64;
        self.tokens += a.tokens;
    }

    pub fn line(&self) -> String {
        format!(
            "{} asked ({} cached, {} over HTTP in {} attempts, {} failed; {} tokens)",
            self.asked, self.cached, self.http, self.attempts, self.failed, self.tokens
        )
    }
}

/// The LLM's part for one model.
struct LlmOutcome {
    status: String,
    /// Each value with the card words the LLM cites for it.
    fields: Vec<CitedValue>,
    validation: Option<ValidationAnswer>,
    asked: Vec<Asked>,
}

fn fields_list() -> String {
    extract_fields().iter().map(|f| format!("- {} ({})", f.name(), f.label())).collect::<Vec<_>>().join("\n")
}

fn llm_extract(asker: &Asker, record: &HubRecord, card_chars: usize, validate: bool) -> LlmOutcome {
    let card = truncate_chars(record.card.as_deref().unwrap_or(""), card_chars);
    let fields = fields_list();
    let mut asked = Vec::new();
    let (request, key) =
        match asker.prepare(PromptName::ExtractMetadata, &[("model_id", &record.id), ("fields", &fields), ("card", &card)], &record.id) {
            Ok(r) => r,
            Err(e) => return LlmOutcome { status: format!("failed: {e}"), fields: vec![], validation: None, asked },
        };
    let a = asker.ask(PromptName::ExtractMetadata, &request, key, &record.id, &card);
    let parsed = match &a.result {
        Ok((content, mode)) => parse_extraction_cited(content, *mode).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let from_cache = a.from_cache;
    asked.push(a);
    let extracted = match parsed {
        Ok(f) => f,
        Err(e) => return LlmOutcome { status: format!("failed: {e}"), fields: vec![], validation: None, asked },
    };
    let mut status = if from_cache { "cached".to_string() } else { "ok".to_string() };
    let mut validation = None;
    if validate && !extracted.is_empty() {
        let extraction: BTreeMap<&str, &str> = extracted.iter().map(|c| (c.field.name(), c.value.as_str())).collect();
        let extraction = serde_json::to_string(&extraction).unwrap_or_default();
        match asker.prepare(
            PromptName::ValidateExtraction,
            &[("model_id", &record.id), ("extraction", &extraction), ("card", &card)],
            &record.id,
        ) {
            Ok((request, key)) => {
                let a = asker.ask(PromptName::ValidateExtraction, &request, key, &record.id, &format!("{extraction}\n{card}"));
                match &a.result {
                    Ok((content, mode)) => match parse_validation(content, *mode) {
                        Ok(v) => validation = Some(v),
                        Err(e) => status = format!("{status}; validation failed: {e}"),
                    },
                    Err(e) => status = format!("{status}; validation failed: {e}"),
                }
                asked.push(a);
            }
            Err(e) => status = format!("{status}; validation failed: {e}"),
        }
    }
    LlmOutcome { status, fields: extracted, validation, asked }
}

/// Per-field counts of who filled what.
#[derive(Default, Debug, Serialize)]
pub struct FieldCounts {
    pub deterministic: usize,
    pub llm_filled: usize,
    /// The LLM also gave a value where the deterministic extractor had one (kept deterministic).
    pub llm_overlap: usize,
    /// … and the two roughly agree (one contains the other, case-insensitively).
    pub llm_agrees: usize,
    pub llm_rejected_by_validation: usize,
    /// Dropped because the card does not contain the value's words (invented, or copied from the
    /// prompt's worked examples), or the value is only a field label or punctuation.
    pub llm_ungrounded: usize,
    /// Dropped because the card words the LLM cites for it are not in the card (or it cites none).
    pub llm_uncited: usize,
}

const STOP: &[&str] =
    &["the", "and", "for", "with", "from", "this", "that", "are", "was", "has", "its", "not", "but", "can", "may", "into", "than", "only"];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether an LLM value is supported by the card: most of its words occur in the card; it is more
/// than a field's own name or label, or the model's own id or name; and limitations / biases are
/// prose (three words or more), not an identifier.
pub fn grounded(field: Field, value: &str, card: &str, model_id: &str) -> bool {
    let v = value.trim().to_lowercase();
    if v == field.name().replace('_', " ") || v == field.label().to_lowercase() || v == field.name() {
        return false;
    }
    let id = model_id.to_lowercase();
    let name = id.rsplit('/').next().unwrap_or(&id);
    if v == id || v == name || (v.len() >= 4 && (id.contains(&v) || v.contains(name))) {
        return false;
    }
    let value_words = words(value);
    if value_words.is_empty() {
        return false;
    }
    if matches!(field, Field::Limitations | Field::Biases) && value.split_whitespace().count() < 3 {
        return false;
    }
    let card_words: std::collections::HashSet<String> = words(card).into_iter().collect();
    let found = value_words.iter().filter(|w| card_words.contains(*w)).count();
    found * 10 >= value_words.len() * 7
}

fn roughly_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a.contains(&b) || b.contains(&a)
}

/// Applies the LLM's fields to `inst` (deterministic wins; ungrounded and flagged values are
/// dropped) and counts. Returns the fields used.
fn merge(inst: &mut ModelInstance, outcome: &LlmOutcome, card: &str, counts: &mut BTreeMap<&'static str, FieldCounts>) -> Vec<Field> {
    let rejected: Vec<Field> = match &outcome.validation {
        Some(v) if v.verdict == Validity::Invalid && v.wrong_fields.is_empty() => outcome.fields.iter().map(|c| c.field).collect(),
        Some(v) if v.verdict == Validity::Invalid => v.wrong_fields.clone(),
        _ => Vec::new(),
    };
    let mut used = Vec::new();
    for CitedValue { field, value, quote } in &outcome.fields {
        let c = counts.entry(field.name()).or_default();
        if let Some(existing) = inst.template.get(*field) {
            c.llm_overlap += 1;
            if roughly_equal(existing, value) {
                c.llm_agrees += 1;
            }
            continue;
        }
        if !grounded(*field, value, card, &inst.id) {
            c.llm_ungrounded += 1;
            continue;
        }
        if !cited(quote, card) {
            c.llm_uncited += 1;
            continue;
        }
        if rejected.contains(field) {
            c.llm_rejected_by_validation += 1;
            continue;
        }
        inst.put(*field, value.clone(), Source::Llm);
        c.llm_filled += 1;
        fill_fact(inst, *field, value, quote);
        used.push(*field);
    }
    used
}

/// Whether the LLM's quote is card text: at least [`MIN_EVIDENCE_WORDS`] words that occur in the
/// card in this order (case, punctuation and spacing aside). A value that cites nothing, or cites
/// words the card does not hold, is dropped.
pub fn cited(quote: &str, card: &str) -> bool {
    let q = normalize(quote);
    q.split_whitespace().count() >= MIN_EVIDENCE_WORDS && normalize(card).contains(&q)
}

/// Sets the typed fact behind a template field the LLM filled, when the rules left that fact
/// empty, with evidence: source LLM, confidence "read", and the card words it cited. Values that
/// do not read as the fact (a license phrase that names no license) leave the fact empty.
fn fill_fact(inst: &mut ModelInstance, field: Field, value: &str, quote: &str) {
    let f = &mut inst.facts;
    let kind = match field {
        Field::License if f.license.is_none() => {
            let Some(id) = licenses::id_in_card_text(value) else { return };
            f.license = Some(id.to_string());
            FactKind::License
        }
        Field::BaseModel if f.base_model.is_none() => {
            let v = value.trim();
            if v.is_empty() || v.split_whitespace().count() > 1 || v.len() > 96 {
                return;
            }
            f.base_model = Some(v.to_string());
            FactKind::BaseModel
        }
        Field::Dataset if f.datasets.is_empty() => {
            let names: Vec<String> =
                value.split([',', ';']).map(|d| d.trim().to_string()).filter(|d| !d.is_empty() && d.len() <= 96).take(20).collect();
            if names.is_empty() {
                return;
            }
            f.datasets = names;
            FactKind::Datasets
        }
        Field::Language if f.languages.is_empty() => {
            let value = value.replace(" and ", ",");
            let codes = languages::from_values(value.split([',', ';', '/']).map(str::trim).filter(|w| !w.is_empty()));
            if codes.is_empty() {
                return;
            }
            f.languages = codes;
            FactKind::Languages
        }
        _ => return,
    };
    f.set_evidence(Evidence::new(kind, Source::Llm, Confidence::Read, Some(quote.to_string())));
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let mut extract_params = ExtractParams::default();
    for assignment in &args.params {
        extract_params.set(assignment)?;
    }
    let input = open_input(&args.catalog)?;
    let (records, report) = read_catalog(input, args.min_downloads).map_err(|e| anyhow!("reading {}: {e}", args.catalog.display()))?;
    if records.is_empty() {
        return Err(anyhow!("no usable records in {} ({} read, {} skipped)", args.catalog.display(), report.read, report.skipped_total()));
    }
    // The catalog's model ids, as `build` reads them (a card may be named after its base).
    let mut known = KnownModels::default();
    for r in &records {
        known.add(&r.id, r.downloads.unwrap_or(0));
        known.add_measured(&r.id, r.params.unwrap_or(0));
    }
    let asker = Asker::from_args(&args.llm, 384)?;
    if asker.is_none() {
        eprintln!("extract: no --llm-base-url: deterministic extraction only");
    }
    // Which records go to the LLM: those with card text, most downloaded first, up to --llm-limit.
    let mut for_llm: Vec<usize> =
        (0..records.len()).filter(|&i| records[i].card.as_deref().is_some_and(|c| !c.trim().is_empty())).collect();
    for_llm.sort_by(|&a, &b| records[b].downloads.unwrap_or(0).cmp(&records[a].downloads.unwrap_or(0)).then(a.cmp(&b)));
    if let Some(limit) = args.llm_limit {
        for_llm.truncate(limit);
    }
    let mut outcomes: BTreeMap<usize, LlmOutcome> = BTreeMap::new();
    let mut calls = CallCounts::default();
    if let Some(asker) = &asker {
        let bar = progress(for_llm.len() as u64, "llm");
        for chunk in for_llm.chunks(asker.concurrency.max(1) * 8) {
            let results =
                run_bounded(chunk, asker.concurrency, |&i| llm_extract(asker, &records[i], args.llm_card_chars, args.llm_validate));
            for (&i, outcome) in chunk.iter().zip(results) {
                for a in &outcome.asked {
                    calls.add(a);
                }
                outcomes.insert(i, outcome);
            }
            bar.inc(chunk.len() as u64);
        }
        bar.finish_and_clear();
    }

    let mut counts: BTreeMap<&'static str, FieldCounts> = BTreeMap::new();
    let mut validations: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut ok, mut failed) = (0usize, 0usize);
    let tmp = args.out.with_extension(format!("tmp-{}", std::process::id()));
    let file = std::fs::File::create(&tmp).map_err(|e| anyhow!("cannot create {}: {e}", tmp.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    for (i, record) in records.iter().enumerate() {
        let mut inst = extract_known(record, &extract_params, Some(&known));
        for (field, _) in inst.template.iter() {
            counts.entry(field.name()).or_default().deterministic += 1;
        }
        let mut line = serde_json::to_value(&inst)?;
        let llm = match outcomes.get(&i) {
            None => json!({"status": if asker.is_some() && record.card.is_some() { "not asked (--llm-limit)" } else { "not asked" }}),
            Some(outcome) => {
                if outcome.status.starts_with("failed") {
                    failed += 1;
                } else {
                    ok += 1;
                }
                if let Some(v) = &outcome.validation {
                    *validations
                        .entry(match v.verdict {
                            Validity::Valid => "valid",
                            Validity::Invalid => "invalid",
                            Validity::Unknown => "unknown",
                        })
                        .or_default() += 1;
                }
                let card = truncate_chars(record.card.as_deref().unwrap_or(""), args.llm_card_chars);
                let used = merge(&mut inst, outcome, &card, &mut counts);
                line = serde_json::to_value(&inst)?;
                json!({
                    "status": outcome.status,
                    "fields": outcome.fields.iter().map(|c| (c.field.name().to_string(), Value::String(c.value.clone()))).collect::<serde_json::Map<_, _>>(),
                    "cited": outcome.fields.iter().filter(|c| used.contains(&c.field)).map(|c| (c.field.name().to_string(), Value::String(c.quote.clone()))).collect::<serde_json::Map<_, _>>(),
                    "used": used.iter().map(|f| f.name()).collect::<Vec<_>>(),
                    "validation": outcome.validation,
                })
            }
        };
        line["llm"] = llm;
        if let Some(terms) = inst.facts.license_terms() {
            line["license_terms"] = serde_json::to_value(terms)?;
        }
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n").map_err(|e| anyhow!("cannot write {}: {e}", tmp.display()))?;
    }
    finish_file(out, &tmp, &args.out)?;

    println!("catalog        {} ({} records, {} skipped)", args.catalog.display(), records.len(), report.skipped_total());
    println!("output         {}", args.out.display());
    if asker.is_some() {
        println!("llm            {} cards: {ok} extracted, {failed} failed; calls {}", for_llm.len(), calls.line());
        if args.llm_validate {
            println!("validation     {validations:?}");
        }
    }
    println!(
        "\n{:<18} {:>13} {:>10} {:>10} {:>8} {:>11} {:>9} {:>10}",
        "field", "deterministic", "llm filled", "llm also", "agrees", "ungrounded", "uncited", "rejected"
    );
    for field in Field::ALL {
        if let Some(c) = counts.get(field.name()) {
            println!(
                "{:<18} {:>13} {:>10} {:>10} {:>8} {:>11} {:>9} {:>10}",
                field.name(),
                c.deterministic,
                c.llm_filled,
                c.llm_overlap,
                c.llm_agrees,
                c.llm_ungrounded,
                c.llm_uncited,
                c.llm_rejected_by_validation
            );
        }
    }
    println!("(llm also: the LLM gave a value where the deterministic extractor had one, which was kept; ungrounded: not supported by the card's words; uncited: the card words it cites are not in the card; rejected: flagged by --llm-validate)");
    println!("\ntime           {:.1} s", started.elapsed().as_secs_f64());
    Ok(if failed > 0 && ok == 0 && !for_llm.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Flush, fsync and rename a temporary output into place.
pub fn finish_file(mut out: BufWriter<std::fs::File>, tmp: &Path, target: &Path) -> Result<()> {
    let result = (|| {
        out.flush()?;
        out.get_ref().sync_all()?;
        std::fs::rename(tmp, target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(tmp);
        return Err(anyhow!("cannot write {}: {e}", target.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_values_the_card_supports_are_grounded() {
        let card =
            "# German NER\nNamed entity recognition for German news (GermEval 2014). It struggles with tweets.\n## Limitations\nSee above.";
        assert!(grounded(Field::Task, "named entity recognition", card, "acme/ner"));
        assert!(grounded(Field::Dataset, "GermEval 2014", card, "acme/ner"));
        assert!(grounded(Field::Limitations, "struggles with tweets", card, "acme/ner"));
        // Copied from the prompt's worked example, not from this card.
        assert!(!grounded(Field::Limitations, "struggles with entity names from social media", card, "acme/ner"));
        assert!(!grounded(Field::Language, "Spanish", card, "acme/ner"));
        // A field's own label, or punctuation soup.
        assert!(!grounded(Field::Limitations, "Limitations", card, "acme/ner"));
        assert!(!grounded(Field::Biases, "Biases and risks", "Biases and risks: none known", "acme/ner"));
        assert!(!grounded(Field::Biases, ");} { };} { };}", card, "acme/ner"));
        // The model's own name, and identifiers where prose is expected.
        let card = "ChatTime-1-7B-Chat is tuned from ChatTime-1-7B-Base on chat data.";
        assert!(!grounded(Field::Dataset, "ChatTime-1-7B-Chat", card, "ChengsenWang/ChatTime-1-7B-Chat"));
        assert!(!grounded(Field::Biases, "ChatTime-1-7B-Base", card, "ChengsenWang/ChatTime-1-7B-Chat"));
        assert!(grounded(Field::BaseModel, "ChatTime-1-7B-Base", card, "ChengsenWang/ChatTime-1-7B-Chat"));
    }
}
