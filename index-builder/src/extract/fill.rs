//! The field rules: which signal fills which template field, in which order of trust.
//!
//! Why one place: each field has a short precedence list (record metadata → front matter → card
//! section → card text → model id), and keeping them side by side makes the precedence easy to
//! review and the recorded [`Source`] honest. Everything read here was parsed once by `mod.rs`.

use std::sync::LazyLock;

use ptmpicker::facts::{ModelFacts, ModelInstance, Source};
use ptmpicker::tasks::task_by_tag;
use ptmpicker::template::Field;
use regex::Regex;
use serde_json::Value;

use super::clean::{self, FIELD_MAX, SHORT_MAX};
use super::front_matter::{list as fm_list, text as fm_text};
use super::sections::{Block, BlockKind, Doc, Kind};
use super::{languages, links, sizes, vocab, Card};
use crate::catalog::HubRecord;

/// Prose of the whole card (code left out) that pattern rules scan, capped.
const SCAN_BYTES: usize = 100 * 1024;

/// A "Label: value" line of the card ("**Developed by:** Acme", "- Paper: [title](url)").
struct Labelled<'a> {
    label: String,
    value: String,
    block: &'a Block,
}

struct Ctx<'a> {
    record: &'a HubRecord,
    card: &'a Card,
    tags: Vec<String>,
    labelled: Vec<Labelled<'a>>,
    prose: String,
    /// The card's own description (text, source, weak), computed once.
    description: Option<(String, Source, bool)>,
}

const CONTRIB_LABELS: &[&str] = &[
    "developed by",
    "created by",
    "trained by",
    "model developers",
    "developers",
    "developer",
    "author",
    "authors",
    "model card authors",
    "shared by",
    "maintained by",
    "fine-tuned by",
    "finetuned by",
    "quantized by",
    "quantised by",
    "model creator",
    "made by",
    "built by",
    "contributors",
    "original model creator",
    "creator",
    "organization",
    "organisation",
];
const FUNDING_LABELS: &[&str] = &["funded by", "funding", "sponsored by", "supported by", "grant", "funder", "funders"];
const LANGUAGE_LABELS: &[&str] =
    &["language", "languages", "language(s)", "language(s) (nlp)", "supported languages", "natural language", "language (nlp)"];
const LICENSE_LABELS: &[&str] = &["license", "licence", "model license", "license type"];
const BASE_LABELS: &[&str] = &[
    "finetuned from model",
    "fine-tuned from model",
    "finetuned from",
    "fine-tuned from",
    "base model",
    "original model",
    "finetuned from model(s)",
];
const REPO_LABELS: &[&str] =
    &["repository", "repo", "code", "github", "source code", "codebase", "github repo", "github repository", "code repository"];
const PAPER_LABELS: &[&str] = &["paper", "papers", "technical report", "report", "arxiv", "publication", "research paper"];

fn label_of(raw: &str) -> String {
    let l = raw.to_lowercase().replace("[optional]", " ");
    clean::collapse_ws(l.trim_matches(|c: char| c == '*' || c == '-' || c == ' '))
}

fn labelled_lines(doc: &Doc) -> Vec<Labelled<'_>> {
    static LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]\s+)?([A-Za-z][A-Za-z0-9 ()/&'.\[\]-]{1,48}?)\s*:\s*(.+)$").unwrap());
    let mut out = Vec::new();
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(4000) {
        for line in b.text.lines().take(50) {
            if let Some(c) = LINE.captures(line) {
                let value = clean::prose(&c[2], FIELD_MAX);
                out.push(Labelled { label: label_of(&c[1]), value, block: b });
            }
            if out.len() >= 2000 {
                return out;
            }
        }
    }
    out
}

impl<'a> Ctx<'a> {
    fn new(record: &'a HubRecord, card: &'a Card) -> Ctx<'a> {
        let mut tags: Vec<String> = record.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        if let Some(v) = card.fm.get("tags") {
            for t in fm_list(v) {
                if !tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) && tags.len() < 500 {
                    tags.push(t);
                }
            }
        }
        let prose = super::sections::join_blocks(card.doc.blocks.iter(), true, "\n");
        let prose = clean::cap_bytes(&prose, SCAN_BYTES).to_string();
        let description = if card.has_text { description(&card.doc) } else { None };
        Ctx { record, card, tags, labelled: labelled_lines(&card.doc), prose, description }
    }

    fn fm(&self, key: &str) -> Option<&Value> {
        self.card.fm.get(key).filter(|v| !v.is_null())
    }

    fn fm_text(&self, key: &str) -> Option<String> {
        self.fm(key).and_then(fm_text)
    }

    fn labelled(&self, labels: &'static [&'static str]) -> impl Iterator<Item = &Labelled<'a>> + '_ {
        self.labelled
            .iter()
            .filter(move |l| labels.contains(&l.label.as_str()) && l.value.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
    }

    fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

fn put(inst: &mut ModelInstance, field: Field, value: impl Into<String>, source: Source) {
    let value = clean::truncate(&value.into(), FIELD_MAX);
    inst.put(field, value, source);
}

/// Builds the instance.
pub(crate) fn instance(record: &HubRecord, card: &Card) -> ModelInstance {
    let cx = Ctx::new(record, card);
    let mut inst = ModelInstance { id: record.id.clone(), facts: ModelFacts::default(), ..Default::default() };

    task(&cx, &mut inst);
    license(&cx, &mut inst);
    library_and_base(&cx, &mut inst);
    language(&cx, &mut inst);
    let description = cx.description.clone();
    size(&cx, &mut inst, description.as_ref().map(|d| d.0.as_str()));
    counts(&cx, &mut inst);
    let trainer_dataset = trainer_dataset(&cx.prose);
    dataset(&cx, &mut inst, trainer_dataset.as_deref());
    domain(&cx, &mut inst, description.as_ref().map(|d| d.0.as_str()));
    function(&cx, &mut inst, description, trainer_dataset.as_deref());
    fine_tuning(&cx, &mut inst);
    sections_fields(&cx, &mut inst);
    evaluation(&cx, &mut inst);
    frameworks(&cx, &mut inst);
    demo(&cx, &mut inst);
    report_and_repo(&cx, &mut inst);
    people(&cx, &mut inst);
    carbon(&cx, &mut inst);
    keywords(&cx, &mut inst);
    inst.facts.card_quality = card_quality(&cx, &inst);
    inst
}

fn task(cx: &Ctx, inst: &mut ModelInstance) {
    let (tag, source) = match (&cx.record.pipeline_tag, cx.fm_text("pipeline_tag")) {
        (Some(t), _) => (t.clone(), Source::Metadata),
        (None, Some(t)) => (t, Source::FrontMatter),
        _ => return,
    };
    let tag = tag.trim().to_lowercase();
    if tag.is_empty() || tag.len() > 80 {
        return;
    }
    match task_by_tag(&tag) {
        Some(info) => {
            inst.facts.task = Some(info.tag.to_string());
            put(inst, Field::Task, format!("{} ({})", info.tag, info.name), source);
            put(inst, Field::InputFormat, info.input, Source::TaskTaxonomy);
            put(inst, Field::OutputFormat, info.output, Source::TaskTaxonomy);
        }
        None => {
            inst.facts.task = Some(tag.clone());
            put(inst, Field::Task, tag, source);
        }
    }
}

/// A Hub license id for common spellings in card text ("Apache 2.0", "MIT License").
fn license_id(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(" license").trim_end_matches(" licence").trim();
    let known = [
        ("apache 2.0", "apache-2.0"),
        ("apache-2.0", "apache-2.0"),
        ("apache license 2.0", "apache-2.0"),
        ("apache license, version 2.0", "apache-2.0"),
        ("mit", "mit"),
        ("bsd-3-clause", "bsd-3-clause"),
        ("gpl-3.0", "gpl-3.0"),
        ("cc-by-4.0", "cc-by-4.0"),
        ("cc by 4.0", "cc-by-4.0"),
        ("cc-by-sa-4.0", "cc-by-sa-4.0"),
        ("cc-by-nc-4.0", "cc-by-nc-4.0"),
        ("cc by-nc 4.0", "cc-by-nc-4.0"),
        ("cc-by-nc-sa-4.0", "cc-by-nc-sa-4.0"),
        ("openrail", "openrail"),
        ("creativeml-openrail-m", "creativeml-openrail-m"),
    ];
    known.iter().find(|(k, _)| *k == t).map(|(_, id)| id.to_string())
}

fn license(cx: &Ctx, inst: &mut ModelInstance) {
    let license_name = cx.fm_text("license_name").map(|n| n.to_lowercase());
    if let Some(l) = cx.record.license.as_deref().filter(|l| !l.is_empty()) {
        let mut id = l.to_lowercase();
        if id == "other" {
            if let Some(name) = &license_name {
                id = format!("other:{name}");
            }
        }
        inst.facts.license = Some(id.clone());
        put(inst, Field::License, id, Source::Metadata);
        return;
    }
    if let Some(v) = cx.fm("license").or_else(|| cx.fm("licence")) {
        let all: Vec<String> = fm_list(v).into_iter().map(|l| l.to_lowercase()).filter(|l| l.len() <= 100 && l != "license").collect();
        if let Some(first) = all.first() {
            let mut id = first.clone();
            if id == "other" {
                if let Some(name) = &license_name {
                    id = format!("other:{name}");
                }
            }
            inst.facts.license = Some(id.clone());
            let text = if all.len() > 1 { all.join(", ") } else { id };
            put(inst, Field::License, text, Source::FrontMatter);
            return;
        }
    }
    if let Some(l) = cx.labelled(LICENSE_LABELS).next() {
        inst.facts.license = license_id(&l.value);
        put(inst, Field::License, l.value.clone(), Source::CardText);
    }
}

/// The relation a `base_model:<relation>:<id>` tag states (finetune, quantized, adapter, merge).
fn base_relation(cx: &Ctx) -> Option<String> {
    if let Some(r) = cx.fm_text("base_model_relation") {
        return Some(r.to_lowercase());
    }
    cx.tags.iter().find_map(|t| {
        let rest = t.strip_prefix("base_model:")?;
        let (relation, _) = rest.split_once(':')?;
        Some(relation.to_lowercase())
    })
}

fn library_and_base(cx: &Ctx, inst: &mut ModelInstance) {
    let library = match (&cx.record.library_name, cx.fm_text("library_name")) {
        (Some(l), _) => Some((l.clone(), Source::Metadata)),
        (None, Some(l)) => Some((l, Source::FrontMatter)),
        _ => None,
    };
    if let Some((l, source)) = library {
        inst.facts.library = Some(l.clone());
        put(inst, Field::Libraries, l, source);
    } else {
        const LIBS: &[&str] = &[
            "transformers",
            "diffusers",
            "sentence-transformers",
            "timm",
            "peft",
            "keras",
            "stable-baselines3",
            "ml-agents",
            "spacy",
            "flair",
            "setfit",
            "open_clip",
            "fastai",
            "speechbrain",
            "nemo",
            "espnet",
            "gguf",
            "mlx",
            "onnx",
            "transformers.js",
            "adapter-transformers",
            "span-marker",
            "gliner",
            "sample-factory",
            "pyannote-audio",
        ];
        if let Some(l) = LIBS.iter().find(|l| cx.has_tag(l)) {
            put(inst, Field::Libraries, *l, Source::Tags);
        }
    }

    let fm_bases: Vec<String> = cx.fm("base_model").map(fm_list).unwrap_or_default();
    let (base, all, source) = if let Some(b) = cx.record.base_model.as_deref().filter(|b| !b.is_empty()) {
        let mut all = vec![b.to_string()];
        all.extend(fm_bases.iter().filter(|x| !x.eq_ignore_ascii_case(b)).cloned());
        (b.to_string(), all, Source::Metadata)
    } else if let Some(first) = fm_bases.first() {
        (first.clone(), fm_bases.clone(), Source::FrontMatter)
    } else if let Some(l) = cx.labelled(BASE_LABELS).find(|l| !l.value.contains(' ') && l.value.len() <= 120) {
        (l.value.clone(), vec![l.value.clone()], Source::CardText)
    } else if let Some(b) = trainer_base(&cx.prose) {
        (b.clone(), vec![b], Source::CardText)
    } else {
        return;
    };
    inst.facts.base_model = Some(base);
    let text = all.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    put(inst, Field::BaseModel, text, source);
}

fn language(cx: &Ctx, inst: &mut ModelInstance) {
    let mut found = (languages::from_values(cx.record.languages.iter().map(String::as_str)), Source::Metadata);
    if found.0.is_empty() {
        let fm: Vec<String> = cx.fm("language").or_else(|| cx.fm("languages")).map(fm_list).unwrap_or_default();
        found = (languages::from_values(fm.iter().map(String::as_str)), Source::FrontMatter);
    }
    if found.0.is_empty() {
        found = (languages::from_tags(&cx.tags), Source::Tags);
    }
    if found.0.is_empty() {
        let mut codes = Vec::new();
        for l in cx.labelled(LANGUAGE_LABELS).take(3) {
            for part in l.value.split([',', '/', ';', '&']).flat_map(|p| p.split(" and ")) {
                if let Some(c) = languages::normalize(part) {
                    if !codes.contains(&c) {
                        codes.push(c);
                    }
                }
            }
            for c in languages::from_text(&l.value) {
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
        }
        found = (codes, Source::CardText);
    }
    if found.0.is_empty() {
        found = (languages::from_id(&cx.record.id), Source::ModelId);
    }
    if found.0.is_empty() {
        if let Some((d, _, _)) = &cx.description {
            found = (languages::from_text(d), Source::CardText);
        }
    }
    let (codes, source) = found;
    if codes.is_empty() {
        return;
    }
    put(inst, Field::Language, languages::describe(&codes), source);
    inst.facts.languages = codes;
}

fn size(cx: &Ctx, inst: &mut ModelInstance, description: Option<&str>) {
    let params = if let Some(p) = cx.record.params.filter(|&p| p > 0) {
        Some((p, Source::Metadata))
    } else if let Some(p) = sizes::params_from_name(&cx.record.id) {
        Some((p, Source::ModelId))
    } else if let Some(p) =
        description.and_then(sizes::params_from_text).or_else(|| sizes::params_from_text(clean::cap_bytes(&cx.prose, 20_000)))
    {
        Some((p, Source::CardText))
    } else if let Some(p) = super::families::params_of_family(&cx.record.id) {
        Some((p, Source::ModelId))
    } else {
        let relation = base_relation(cx);
        inst.facts
            .base_model
            .as_deref()
            .filter(|_| relation.as_deref() != Some("adapter"))
            .and_then(sizes::params_from_name)
            .map(|p| (p, Source::Metadata))
    };

    // Only the id or a quantization library says the repository *is* quantized weights. A "gguf"
    // tag on a full-precision repository (many ship a GGUF file beside the originals) must not
    // shrink its memory estimate: a hardware verdict has to hold for the weights people download.
    let quant = sizes::quant_in(&cx.record.id).or_else(|| inst.facts.library.as_deref().and_then(sizes::quant_in));
    inst.facts.quant_bits = quant.map(|q| q.bits);

    let Some((p, source)) = params else { return };
    inst.facts.params = Some(p);
    put(inst, Field::ParameterSize, format!("{} parameters", ptmpicker::constraints::size::human_params(p)), source);
    let memory = match quant {
        Some(q) if !matches!(q.method, "quantized" | "8-bit") => format!("{} ({})", sizes::weights_memory(p, q.bits), q.method),
        Some(q) => sizes::weights_memory(p, q.bits),
        None => sizes::weights_memory(p, 16),
    };
    put(inst, Field::ModelSize, memory, source);
}

fn counts(cx: &Ctx, inst: &mut ModelInstance) {
    inst.facts.downloads = cx.record.downloads.unwrap_or(0);
    inst.facts.likes = cx.record.likes.unwrap_or(0);
    if let Some(d) = cx.record.downloads {
        put(inst, Field::Downloads, d.to_string(), Source::Metadata);
    }
    if let Some(l) = cx.record.likes {
        put(inst, Field::Likes, l.to_string(), Source::Metadata);
    }
}

// ---------------------------------------------------------------- description

/// Paragraphs that announce something rather than describe the model.
fn is_notice(text: &str) -> bool {
    let l = text.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    const STARTS: &[&str] = &[
        "disclaimer",
        "note",
        "warning",
        "update",
        "news",
        "important",
        "announcement",
        "notice",
        "tip",
        "caution",
        "model card for",
        "table of contents",
        "edit:",
        "[!",
    ];
    const CONTAINS: &[&str] = &[
        "new version",
        "we suggest using",
        "please use",
        "deprecated",
        "has been moved",
        "is now available",
        "check out our",
        "join our",
        "discord",
        "buy me a coffee",
        "ko-fi",
        "patreon",
        "support me",
        "sponsored by",
        "click here",
        "leaderboard",
    ];
    // Short pointers elsewhere: "See here for a full model overview."
    let pointer = l.len() < 90 && ["see ", "refer to", "check out", "here", "link"].iter().any(|c| l.contains(c));
    pointer || STARTS.iter().any(|s| l.starts_with(s)) || CONTAINS.iter().any(|c| l.contains(c))
}

/// "Label: value" lines ("Developed by: …", "Model Page: Gemma"): metadata, not description.
fn is_label_line(text: &str, list_item: bool) -> bool {
    text.split_once(':').is_some_and(|(k, v)| {
        let k = k.trim();
        let short_key = k.len() <= 40 && !k.contains(". ") && k.split_whitespace().count() <= 5;
        short_key && (list_item || v.trim().len() < 160)
    })
}

/// The first meaningful paragraph(s) of `blocks`, ≤ 600 chars.
fn lead_text<'a>(blocks: impl Iterator<Item = &'a Block>, allow_lists: bool) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut total = 0;
    for b in blocks.take(200) {
        let usable_kind = match b.kind {
            BlockKind::Paragraph | BlockKind::Html => true,
            BlockKind::ListItem => allow_lists,
            _ => false,
        };
        let text = if usable_kind { clean::prose(&b.text, 2 * SHORT_MAX) } else { String::new() };
        let good = usable_kind
            && clean::is_meaningful(&text, 25)
            && text.split_whitespace().count() >= 4
            && !text.ends_with(':')
            && !is_notice(&text)
            && !is_label_line(b.text.lines().next().unwrap_or(""), b.kind == BlockKind::ListItem);
        if good {
            total += text.chars().count();
            parts.push(text);
            if total >= 300 {
                break;
            }
        } else if !parts.is_empty() && (b.kind != BlockKind::Html || clean::is_meaningful(&text, 25)) {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(clean::truncate(&parts.join(" "), SHORT_MAX))
}

/// The card's own description: (text, source, weak). Weak = the Trainer's auto-generated
/// "This model is a fine-tuned version of X on Y" line, which says nothing about the function.
fn description(doc: &Doc) -> Option<(String, Source, bool)> {
    let from_section = doc.sections_of(Kind::Description, |_| 0).into_iter().find_map(|i| lead_text(doc.section_blocks(i), true));
    let (text, source) = if let Some(t) = from_section {
        (t, Source::CardSection)
    } else if let Some(t) = lead_text(doc.intro_blocks(), false) {
        (t, Source::CardText)
    } else if let Some(t) =
        doc.sections.first().filter(|s| s.kinds.is_empty() && s.level <= 2).and_then(|_| lead_text(doc.section_blocks(0), false))
    {
        (t, Source::CardText)
    } else {
        return None;
    };
    let lower = text.to_lowercase();
    let weak = text.chars().count() < 300
        && (lower.starts_with("this model is a fine-tuned version of")
            || lower.starts_with("this model is a fine tuned version of")
            || lower.starts_with("this is a fine-tuned version of")
            || lower.starts_with("this model was trained from scratch on"));
    Some((text, source, weak))
}

/// "This model is a fine-tuned version of X" of the Trainer's line: X, when it looks like a Hub id.
fn trainer_base(prose: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)fine[- ]?tuned version of ([A-Za-z0-9][A-Za-z0-9_.-]{0,60}/[A-Za-z0-9_.-]{1,96}|[A-Za-z0-9][A-Za-z0-9_.-]{1,96})")
            .unwrap()
    });
    let c = RE.captures(clean::cap_bytes(prose, 4000))?;
    let b = c[1].trim_end_matches(['.', ',']).to_string();
    (b.len() >= 2 && !b.eq_ignore_ascii_case("the") && !b.eq_ignore_ascii_case("a")).then_some(b)
}

/// "on the X dataset" of the Trainer's line.
fn trainer_dataset(prose: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:fine-tuned version of|trained from scratch on)\s*\S*?\s*(?:on )?the ([^\s]{2,120}) dataset").unwrap()
    });
    let c = RE.captures(clean::cap_bytes(prose, 4000))?;
    let d = c[1].trim_matches(|ch: char| ch == '.' || ch == ',').to_string();
    (!d.eq_ignore_ascii_case("none") && !d.eq_ignore_ascii_case("unknown")).then_some(d)
}

fn facts_sentence(cx: &Ctx, inst: &ModelInstance, trainer_dataset: Option<&str>) -> Option<String> {
    let task_name = inst.facts.task.as_deref().map(|t| task_by_tag(t).map(|i| i.name.to_string()).unwrap_or_else(|| t.to_string()));
    let base = inst.facts.base_model.as_deref();
    let library = inst.facts.library.as_deref();
    if task_name.is_none() && base.is_none() && library.is_none() {
        return None;
    }
    let mut s = match &task_name {
        Some(n) => format!("{n} model"),
        None => "Model".to_string(),
    };
    if let Some(l) = library {
        s.push_str(&format!(" ({l})"));
    }
    let names: Vec<&str> = inst.facts.languages.iter().filter_map(|c| languages::name(c)).collect();
    if !names.is_empty() && names.len() <= 3 {
        s.push_str(&format!(" for {}", names.join(", ")));
    } else if inst.facts.languages.iter().any(|c| c == languages::MULTILINGUAL) || names.len() > 3 {
        s.push_str(" for many languages");
    }
    if let Some(b) = base {
        let verb = match base_relation(cx).as_deref() {
            Some("quantized") => "quantized from",
            Some("adapter") => "adapter for",
            Some("merge") => "merged from",
            _ => "fine-tuned from",
        };
        s.push_str(&format!(" {verb} {b}"));
    }
    let datasets: Vec<String> = if !cx.record.datasets.is_empty() {
        cx.record.datasets.iter().take(3).cloned().collect()
    } else {
        trainer_dataset.map(|d| vec![d.to_string()]).unwrap_or_default()
    };
    if !datasets.is_empty() {
        s.push_str(&format!(" on {}", datasets.join(", ")));
    }
    s.push('.');
    Some(s)
}

fn function(cx: &Ctx, inst: &mut ModelInstance, description: Option<(String, Source, bool)>, trainer_dataset: Option<&str>) {
    match description {
        Some((text, source, false)) => put(inst, Field::Function, text, source),
        Some((text, source, true)) => match facts_sentence(cx, inst, trainer_dataset) {
            Some(s) if inst.facts.task.is_some() => put(inst, Field::Function, s, Source::Metadata),
            _ => put(inst, Field::Function, text, source),
        },
        None => {
            if let Some(s) = facts_sentence(cx, inst, trainer_dataset) {
                put(inst, Field::Function, s, Source::Metadata);
            }
        }
    }
}

// ---------------------------------------------------------------- data, domain, training

fn dataset(cx: &Ctx, inst: &mut ModelInstance, trainer_dataset: Option<&str>) {
    let (list, list_source) = if !cx.record.datasets.is_empty() {
        (cx.record.datasets.clone(), Source::Metadata)
    } else {
        (cx.fm("datasets").map(fm_list).unwrap_or_default(), Source::FrontMatter)
    };
    let section = cx.card.doc.best_prose(Kind::TrainingData, FIELD_MAX, |_| 0);
    let mut parts = Vec::new();
    if !list.is_empty() {
        parts.push(list.iter().take(40).cloned().collect::<Vec<_>>().join(", "));
    } else if let Some(d) = trainer_dataset {
        parts.push(d.to_string());
    }
    if let Some(s) = &section {
        parts.push(s.clone());
    }
    if parts.is_empty() {
        return;
    }
    let source = if !list.is_empty() {
        list_source
    } else if trainer_dataset.is_some() {
        Source::CardText
    } else {
        Source::CardSection
    };
    let joined = parts.iter().map(|p| p.trim_end_matches('.')).collect::<Vec<_>>().join(". ");
    let joined = if section.as_deref().is_some_and(|s| s.ends_with('.')) { format!("{joined}.") } else { joined };
    put(inst, Field::Dataset, joined, source);
}

fn domain(cx: &Ctx, inst: &mut ModelInstance, description: Option<&str>) {
    let mut found: Vec<&'static str> = Vec::new();
    let mut source = None;
    let mut add = |labels: Vec<&'static str>, s: Source, found: &mut Vec<&'static str>| {
        for l in labels {
            if !found.contains(&l) {
                found.push(l);
                source.get_or_insert(s);
            }
        }
    };
    let id_words: Vec<&str> = cx.record.id.split(['/', '-', '_', '.']).filter(|w| !w.is_empty()).collect();
    add(vocab::domains_in_words(id_words), Source::ModelId, &mut found);
    // Hub flags that merely contain a domain word.
    const FLAGS: &[&str] = &["custom_code", "text-generation-inference", "text-embeddings-inference"];
    let tag_words: Vec<&str> = cx.tags.iter().filter(|t| !t.contains(':') && !FLAGS.contains(&t.as_str())).map(String::as_str).collect();
    add(vocab::domains_in_words(tag_words), Source::Tags, &mut found);
    // A model trained on many datasets is general-purpose: only a few datasets say "domain".
    if cx.record.datasets.len() <= 3 {
        let datasets: Vec<&str> = cx.record.datasets.iter().map(String::as_str).collect();
        add(vocab::domains_in_words(datasets), Source::Metadata, &mut found);
    }
    if let Some(d) = description {
        add(vocab::domains_in_text(d), Source::CardText, &mut found);
    }
    if let Some(s) = source {
        put(inst, Field::Domain, found.join(", "), s);
    }
}

/// Sentences that say what *this* model was derived from: "is a fine-tuned version of X on Y",
/// "we fine-tuned", "GGUF format model files for X", "a merge of", "distilled from".
fn derivation_sentences(prose: &str) -> Vec<&str> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)(?-u:\b)(?:fine[- ]?tuned version of|finetuned version of|fine[- ]?tuned (?:from|on top of)|",
            r"(?:is|was|been) (?:a |an |further |then )?(?:fine[- ]?tuned|finetuned|further trained|instruction[- ]tuned|distilled|quantized|quantised|pre-?trained|trained from scratch)|",
            r"we (?:fine[- ]?tuned|finetuned|further trained|distilled|trained|pre-?trained)|",
            r"(?:this|the) (?:repo|repository|model|page) (?:contains|provides|hosts|includes|has) (?:[a-z0-9-]+ ){0,3}(?:gguf|gptq|awq|exl2|mlx|quantized|quantised|quants?)|",
            r"(?:is|are) (?:a |an |the )?(?:[a-z0-9-]+ ){0,2}(?:quantized|quantised|gguf|gptq|awq|exl2) (?:version|versions|quants|quantizations?) of|",
            r"(?:a |is a )merge of|merged (?:from|using|with)|lora adapter (?:for|of|on)|adapter (?:for|on top of)|distilled (?:from|version of))",
        ))
        .unwrap()
    });
    clean::split_sentences(clean::cap_bytes(prose, 30_000)).into_iter().filter(|s| s.len() < 600 && RE.is_match(s)).take(2).collect()
}

fn fine_tuning(cx: &Ctx, inst: &mut ModelInstance) {
    let sentences: Vec<String> =
        derivation_sentences(&cx.prose).into_iter().map(|s| clean::prose(s, SHORT_MAX)).filter(|s| clean::is_meaningful(s, 20)).collect();
    let section = cx.card.doc.best_prose(Kind::Training, FIELD_MAX, |_| 0);
    const METHODS: &[(&str, &str)] = &[
        ("sft", "SFT"),
        ("dpo", "DPO"),
        ("orpo", "ORPO"),
        ("kto", "KTO"),
        ("grpo", "GRPO"),
        ("ppo", "PPO"),
        ("rlhf", "RLHF"),
        ("lora", "LoRA"),
        ("qlora", "QLoRA"),
        ("peft", "PEFT"),
        ("trl", "TRL"),
        ("unsloth", "Unsloth"),
        ("axolotl", "Axolotl"),
        ("dreambooth", "DreamBooth"),
        ("textual_inversion", "textual inversion"),
        ("autotrain", "AutoTrain"),
        ("mergekit", "mergekit"),
        ("merge", "merge"),
        ("distillation", "distillation"),
    ];
    let methods: Vec<&str> = METHODS.iter().filter(|(t, _)| cx.has_tag(t)).map(|(_, n)| *n).collect();
    let mut parts: Vec<String> = sentences.clone();
    if let Some(s) = &section {
        if !parts.iter().any(|p| s.contains(p.as_str())) {
            parts.push(s.clone());
        }
    }
    let mut source = if !sentences.is_empty() {
        Some(Source::CardText)
    } else if section.is_some() {
        Some(Source::CardSection)
    } else {
        None
    };
    if parts.is_empty() {
        if let Some(base) = inst.facts.base_model.clone() {
            let relation = base_relation(cx);
            let (text, s) = match relation.as_deref() {
                Some("quantized") => (format!("Quantized version of {base}."), Source::Tags),
                Some("adapter") => (format!("Adapter (e.g. LoRA) trained on top of {base}."), Source::Tags),
                Some("merge") => (format!("Merge of {}.", inst.template.get(Field::BaseModel).unwrap_or(&base)), Source::Tags),
                Some(_) => (format!("Fine-tuned from {base}."), Source::Tags),
                None => match sizes::quant_in(&cx.record.id) {
                    Some(q) if q.method != "quantized" => (format!("Quantized ({}) version of {base}.", q.method), Source::ModelId),
                    Some(_) => (format!("Quantized version of {base}."), Source::ModelId),
                    None => (format!("Derived from {base}."), inst.source_of(Field::BaseModel).unwrap_or(Source::Metadata)),
                },
            };
            parts.push(text);
            source = Some(s);
        }
    }
    if !methods.is_empty() {
        parts.push(format!("Methods: {}.", methods.join(", ")));
        source.get_or_insert(Source::Tags);
    }
    if let Some(s) = source {
        put(inst, Field::FineTuning, parts.join(" "), s);
    }
}

// ---------------------------------------------------------------- sections

fn sentences_matching(prose: &str, re: &Regex, max: usize) -> Vec<String> {
    clean::split_sentences(prose)
        .into_iter()
        .filter(|s| s.len() < 500 && re.is_match(s))
        .map(|s| clean::prose(s, 400))
        .filter(|s| clean::is_meaningful(s, 15))
        .take(max)
        .collect()
}

fn sections_fields(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    if let Some(t) = doc.best_prose(Kind::Limitations, FIELD_MAX, |_| 0) {
        put(inst, Field::Limitations, t, Source::CardSection);
    }
    if let Some(t) = doc.best_prose(Kind::Bias, FIELD_MAX, |_| 0) {
        put(inst, Field::Biases, t, Source::CardSection);
    }

    // Hyper-parameters: the section's prose, else its config code (mergekit YAML, JSON args).
    let hp = doc.best_prose(Kind::HyperParameters, FIELD_MAX, |_| 0).or_else(|| {
        doc.sections_of(Kind::HyperParameters, |_| 0).into_iter().find_map(|i| {
            doc.section_blocks(i).find(|b| b.kind == BlockKind::Code).map(|b| clean::truncate(&clean::collapse_ws(&b.text), FIELD_MAX))
        })
    });
    if let Some(t) = hp.filter(|t| !t.is_empty()) {
        put(inst, Field::HyperParameters, t, Source::CardSection);
    }

    // Hardware: a hardware section, else sentences that say what it runs or was trained on.
    static HW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:\d+\s?gb(?-u:\b)|vram|gpus?(?-u:\b)|a100|h100|h200|v100|a10g?(?-u:\b)|rtx\s?\d{3,4}|\d{4}\s?ti(?-u:\b)|tpus?(?-u:\b)|apple silicon|m[1-4] (?:max|pro|ultra)|macbook|jetson|raspberry pi|cpu|smartphones?|mobile devices?|edge devices?|consumer hardware|laptops?)").unwrap()
    });
    static HW_VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:runs? (?:on|in|with)|running (?:on|in)|run (?:on|in|it on)|fits? (?:on|in|into)|fitting (?:on|in|into)|deploy(?:ed|able)? on|inference on|trained (?:on|using|with)|training (?:on|used|took)|requires?|required|needs?|recommended|minimum|at least|vram|memory footprint)(?-u:\b)").unwrap()
    });
    let hardware =
        doc.best_prose(Kind::Hardware, FIELD_MAX, |s| s.kinds.has(Kind::Software) as u32).map(|t| (t, Source::CardSection)).or_else(|| {
            let hits: Vec<String> = clean::split_sentences(&cx.prose)
                .into_iter()
                .filter(|s| s.len() < 500 && HW.is_match(s) && HW_VERB.is_match(s))
                .map(|s| clean::prose(s, 400))
                .filter(|s| clean::is_meaningful(s, 15))
                .take(3)
                .collect();
            (!hits.is_empty()).then(|| (hits.join(" "), Source::CardText))
        });
    let hardware = hardware.or_else(|| {
        cx.fm("co2_eq_emissions")
            .and_then(|c| c.get("hardware_used"))
            .and_then(fm_text)
            .map(|h| (format!("Trained on {h}."), Source::FrontMatter))
    });
    if let Some((t, s)) = hardware {
        put(inst, Field::Hardware, t, s);
    }

    static COST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)\d[\d,.]*\s*k?\s*(?:gpu|tpu|a100|h100|h800|v100)[- ]?hours?(?-u:\b)|(?-u:\b)(?:gpus?|tpus?|a100s?|h100s?|v100s?)(?-u:\b).{0,60}(?-u:\b)for (?:about |approximately |~)?\d[\d,.]* (?:hours|days|weeks)(?-u:\b)|(?-u:\b)training (?:took|cost|time)(?-u:\b)").unwrap()
    });
    let cost = sentences_matching(&cx.prose, &COST, 2);
    if !cost.is_empty() {
        put(inst, Field::TrainingCost, cost.join(" "), Source::CardText);
    }

    // Grant: "Funded by:" lines, else an acknowledgements/funding section.
    if let Some(l) = cx.labelled(FUNDING_LABELS).next() {
        put(inst, Field::Grant, l.value.clone(), Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::Grant, FIELD_MAX, |_| 0) {
        put(inst, Field::Grant, t, Source::CardSection);
    }

    // Copyright: copyright notices, else the license section's text.
    static COPY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)copyright (?:\(c\)|©|\d{4}|by|holder|notice|owner|of)|©\s*(?:\d{4}|[A-Z])|all rights reserved").unwrap()
    });
    let notices = sentences_matching(&cx.prose, &COPY, 2);
    if !notices.is_empty() {
        put(inst, Field::Copyright, notices.join(" "), Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::License, FIELD_MAX, |_| 0) {
        put(inst, Field::Copyright, t, Source::CardSection);
    }
}

// ---------------------------------------------------------------- evaluation

/// model-index results as "dataset: metric=value, …; dataset2: …".
fn model_index_summary(v: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for entry in v.as_array()?.iter().take(20) {
        for result in entry.get("results").and_then(Value::as_array).into_iter().flatten().take(100) {
            let dataset = result.get("dataset");
            let name = dataset
                .and_then(|d| d.get("name"))
                .and_then(fm_text)
                .or_else(|| dataset.and_then(|d| d.get("type")).and_then(fm_text))
                .unwrap_or_else(|| "results".into());
            let metrics: Vec<String> = result
                .get("metrics")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .take(20)
                .filter_map(|m| {
                    let ty = m.get("type").and_then(fm_text);
                    let nm = m.get("name").and_then(fm_text);
                    let label = match (ty, nm) {
                        (Some(t), _) if t.len() <= 24 => t,
                        (_, Some(n)) => n,
                        (Some(t), None) => t,
                        (None, None) => return None,
                    };
                    let value = m.get("value").and_then(fm_text)?;
                    Some(format!("{label}={value}"))
                })
                .collect();
            if !metrics.is_empty() {
                parts.push(format!("{name}: {}", metrics.join(", ")));
            }
            if parts.iter().map(String::len).sum::<usize>() > 2 * FIELD_MAX {
                break;
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The Trainer's "It achieves the following results on the evaluation set:" list.
fn trainer_results(doc: &Doc) -> Option<String> {
    let at =
        doc.blocks.iter().take(400).position(|b| b.kind == BlockKind::Paragraph && b.text.contains("results on the evaluation set"))?;
    let items: Vec<&str> =
        doc.blocks[at + 1..].iter().take_while(|b| b.kind == BlockKind::ListItem).take(40).map(|b| b.text.as_str()).collect();
    (!items.is_empty()).then(|| clean::collapse_ws(&items.join("; ")))
}

fn evaluation(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    if let Some(s) = cx.fm("model-index").and_then(model_index_summary) {
        put(inst, Field::Evaluation, s, Source::FrontMatter);
        return;
    }
    let not_training = |s: &super::sections::Section| !s.heading.to_lowercase().contains("train");
    let section = doc.sections_of(Kind::Evaluation, |_| 0).into_iter().filter(|&i| not_training(&doc.sections[i])).find_map(|i| {
        let t = clean::prose(&doc.section_prose(i), FIELD_MAX);
        clean::is_meaningful(&t, 20).then_some(t)
    });
    if let Some(t) = section {
        put(inst, Field::Evaluation, t, Source::CardSection);
    } else if let Some(t) = trainer_results(doc) {
        put(inst, Field::Evaluation, t, Source::CardText);
    } else if let Some(t) = doc.best_prose(Kind::Evaluation, FIELD_MAX, |_| 0) {
        put(inst, Field::Evaluation, t, Source::CardSection);
    }
}

// ---------------------------------------------------------------- frameworks and software

fn frameworks(cx: &Ctx, inst: &mut ModelInstance) {
    let mut names: Vec<&'static str> = Vec::new();
    let mut source = None;
    let mut add = |found: Vec<&'static str>, s: Source, names: &mut Vec<&'static str>| {
        for f in found {
            if !names.contains(&f) {
                names.push(f);
                source.get_or_insert(s);
            }
        }
    };
    add(vocab::frameworks_in_tags(cx.tags.iter().map(String::as_str)), Source::Tags, &mut names);
    if let Some(l) = inst.facts.library.as_deref() {
        add(vocab::framework_of_library(l).into_iter().collect(), Source::Metadata, &mut names);
    }
    if cx.card.has_text {
        add(vocab::frameworks_in_text(&cx.card.body), Source::CardText, &mut names);
    }
    if inst.facts.quant_bits.is_some() && sizes::quant_in(&cx.record.id).is_some_and(|q| q.method == "GGUF") {
        add(vec!["GGUF"], Source::ModelId, &mut names);
    }
    if let Some(s) = source {
        put(inst, Field::Framework, names.join(", "), s);
    }

    // Software: the library, other software named in tags and text, and "Framework versions".
    let library = inst.facts.library.clone();
    let mut mentioned = vocab::software_in(cx.tags.iter().map(String::as_str));
    let tag_count = mentioned.len();
    if cx.card.has_text {
        for s in vocab::software_in([cx.card.body.as_str()]) {
            if !mentioned.contains(&s) {
                mentioned.push(s);
            }
        }
    }
    let others: Vec<&str> =
        mentioned.iter().copied().filter(|m| library.as_deref().is_none_or(|l| !l.eq_ignore_ascii_case(m))).take(12).collect();
    let versions = cx.card.doc.best_prose(Kind::Software, 400, |s| s.kinds.has(Kind::Hardware) as u32);
    let mut parts = Vec::new();
    if let Some(l) = &library {
        parts.push(l.clone());
    }
    if !others.is_empty() {
        parts.push(if library.is_some() { format!("also: {}", others.join(", ")) } else { others.join(", ") });
    }
    if let Some(v) = &versions {
        parts.push(format!("versions: {v}"));
    }
    if parts.is_empty() {
        return;
    }
    let source = if library.is_some() {
        inst.source_of(Field::Libraries).unwrap_or(Source::Metadata)
    } else if tag_count > 0 {
        Source::Tags
    } else if !others.is_empty() {
        Source::CardText
    } else {
        Source::CardSection
    };
    put(inst, Field::Software, parts.join("; "), source);
}

// ---------------------------------------------------------------- demo

fn is_install_only(code: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "pip ",
        "pip3 ",
        "!pip",
        "%pip",
        "python -m pip",
        "conda ",
        "git clone",
        "git lfs",
        "cd ",
        "npm ",
        "apt",
        "sudo ",
        "brew ",
        "mkdir",
        "wget ",
        "curl ",
        "huggingface-cli download",
        "hf download",
        "uv pip",
        "#",
        "export ",
    ];
    code.lines().map(str::trim).filter(|l| !l.is_empty()).all(|l| PREFIXES.iter().any(|p| l.starts_with(p)))
}

fn demo(cx: &Ctx, inst: &mut ModelInstance) {
    let doc = &cx.card.doc;
    let how = doc.sections_of(Kind::HowToUse, |s| 2 * s.heading.to_lowercase().contains("install") as u32);
    let code_of = |i: usize| doc.section_blocks(i).filter(|b| b.kind == BlockKind::Code && !b.text.trim().is_empty()).collect::<Vec<_>>();
    let mut pick: Option<(&Block, Source)> = None;
    // Output dumps (```text, ```json) are not usage examples.
    let is_output = |b: &Block| matches!(b.lang.as_str(), "text" | "txt" | "json" | "output" | "log" | "csv");
    for &i in &how {
        if let Some(b) = code_of(i).into_iter().find(|b| !is_install_only(&b.text) && !is_output(b)) {
            pick = Some((b, Source::CardSection));
            break;
        }
    }
    if pick.is_none() {
        pick = how.iter().find_map(|&i| code_of(i).into_iter().next()).map(|b| (b, Source::CardSection));
    }
    if pick.is_none() {
        const USAGE: &[&str] =
            &["from_pretrained", "pipeline(", "import ", "llama-cli", "llama-server", "ollama run", "vllm serve", "curl "];
        pick = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Code && !is_install_only(&b.text))
            .find(|b| USAGE.iter().any(|u| b.text.contains(u)))
            .map(|b| (b, Source::CardText));
    }
    if let Some((b, s)) = pick {
        let code = clean::code(&clean::strip_html_comments(&b.text), SHORT_MAX);
        if !code.trim().is_empty() {
            inst.put(Field::Demo, code, s);
        }
    }
}

// ---------------------------------------------------------------- links and people

fn report_and_repo(cx: &Ctx, inst: &mut ModelInstance) {
    let body = cx.card.body.as_str();
    let ids = links::arxiv_ids(body, &cx.tags);
    let text_ids = links::arxiv_ids(body, &[]);
    let title = links::citation_title(body).or_else(|| {
        cx.labelled(PAPER_LABELS)
            .find(|l| l.value.split_whitespace().count() >= 3 && !l.value.to_lowercase().starts_with("http"))
            .map(|l| l.value.clone())
    });
    let mut parts = Vec::new();
    if let Some(t) = &title {
        parts.push(t.clone());
    }
    if !ids.is_empty() {
        parts.push(ids.iter().take(5).map(|i| format!("arXiv:{i}")).collect::<Vec<_>>().join(", "));
    }
    if !parts.is_empty() {
        let source = if title.is_some() {
            Source::CardSection
        } else if !text_ids.is_empty() {
            Source::CardText
        } else {
            Source::Tags
        };
        let text = match (title, ids.is_empty()) {
            (Some(t), false) => format!("{t} ({})", parts[1]),
            _ => parts.join(" "),
        };
        put(inst, Field::Report, text, source);
    }

    let labelled_repo = cx
        .labelled(REPO_LABELS)
        .find_map(|l| l.block.links.iter().find_map(|u| links::github_repo_of(u)).or_else(|| links::github_repo_of(&l.value)));
    if let Some(r) = labelled_repo.or_else(|| github_candidate(cx)) {
        inst.put(Field::GithubRepo, r, Source::CardText);
    }
}

/// The card's GitHub repository: the first link whose repository name shares a word with the
/// model's name, else the first under the same owner, else the first outside tables (tables list
/// datasets and baselines, not the model's code).
fn github_candidate(cx: &Ctx) -> Option<String> {
    let id = cx.record.id.to_lowercase();
    let (owner, name) = id.split_once('/').unwrap_or(("", id.as_str()));
    let name_tokens: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|t| t.len() >= 3).collect();
    let mut by_owner: Option<String> = None;
    let mut first: Option<String> = None;
    for b in cx.card.doc.blocks.iter().take(5000) {
        let in_table = b.kind == BlockKind::TableRow;
        let found = b.links.iter().filter_map(|u| links::github_repo_of(u)).chain(links::first_github_repo(&b.text));
        for repo in found {
            let lower = repo.to_lowercase();
            let path = lower.trim_start_matches("https://github.com/");
            let (r_owner, r_name) = path.split_once('/').unwrap_or(("", path));
            if r_name.split(|c: char| !c.is_alphanumeric()).any(|t| t.len() >= 3 && name_tokens.contains(&t)) {
                return Some(repo);
            }
            if by_owner.is_none() && !owner.is_empty() && r_owner == owner {
                by_owner = Some(repo.clone());
            }
            if first.is_none() && !in_table {
                first = Some(repo);
            }
        }
    }
    by_owner.or(first)
}

fn people(cx: &Ctx, inst: &mut ModelInstance) {
    let names: Vec<String> = cx.labelled(CONTRIB_LABELS).map(|l| l.value.clone()).take(3).collect();
    if !names.is_empty() {
        let mut uniq: Vec<String> = Vec::new();
        for n in names {
            if !uniq.contains(&n) {
                uniq.push(n);
            }
        }
        put(inst, Field::Contributors, uniq.join("; "), Source::CardText);
        return;
    }
    if let Some(t) = cx.card.doc.best_prose(Kind::Authors, FIELD_MAX, |_| 0) {
        put(inst, Field::Contributors, t, Source::CardSection);
        return;
    }
    let fm_people: Vec<String> =
        ["model_creator", "author", "authors", "quantized_by", "finetuned_by"].iter().filter_map(|k| cx.fm_text(k)).collect();
    if !fm_people.is_empty() {
        put(inst, Field::Contributors, fm_people.join("; "), Source::FrontMatter);
        return;
    }
    if citation_is_about_model(cx) {
        if let Some(a) = links::citation_authors(&cx.card.body) {
            put(inst, Field::Contributors, a, Source::CardSection);
            return;
        }
    }
    if let Some((owner, _)) = cx.record.id.split_once('/') {
        if !owner.trim().is_empty() {
            put(inst, Field::Contributors, owner.trim(), Source::ModelId);
        }
    }
}

/// Cards often cite the tools they were trained with (TRL, ORPO…): the first BibTeX entry names
/// this model's authors only when its title shares a distinctive word with the model's name.
fn citation_is_about_model(cx: &Ctx) -> bool {
    const GENERIC: &[&str] = &[
        "model", "models", "large", "base", "small", "medium", "chat", "instruct", "language", "the", "for", "and", "with", "via", "fine",
        "tuned", "tuning", "llm", "learning", "training", "data", "deep",
    ];
    let Some(title) = links::citation_title(&cx.card.body) else { return false };
    let title = title.to_lowercase();
    let title_tokens: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|t| t.len() >= 3 && !GENERIC.contains(t)).collect();
    let name = cx.record.id.rsplit('/').next().unwrap_or("").to_lowercase();
    name.split(|c: char| !c.is_alphanumeric()).any(|t| t.len() >= 3 && title_tokens.contains(&t))
}

fn carbon(cx: &Ctx, inst: &mut ModelInstance) {
    if let Some(v) = cx.fm("co2_eq_emissions") {
        let text = match v {
            Value::Object(m) => {
                let mut parts = Vec::new();
                if let Some(e) = m.get("emissions").and_then(fm_text) {
                    parts.push(format!("{e} g CO2eq"));
                }
                for (key, label) in [
                    ("training_type", "training type"),
                    ("geographical_location", "location"),
                    ("hardware_used", "hardware"),
                    ("source", "source"),
                ] {
                    if let Some(x) = m.get(key).and_then(fm_text) {
                        parts.push(format!("{label}: {x}"));
                    }
                }
                parts.join("; ")
            }
            other => fm_text(other).map(|e| format!("{e} g CO2eq")).unwrap_or_default(),
        };
        let text = clean::prose(&text, FIELD_MAX);
        if !text.is_empty() {
            put(inst, Field::CarbonEmitted, text, Source::FrontMatter);
            return;
        }
    }
    if let Some(t) = cx.card.doc.best_prose(Kind::Environment, FIELD_MAX, |_| 0) {
        put(inst, Field::CarbonEmitted, t, Source::CardSection);
    }
}

// ---------------------------------------------------------------- keywords and quality

/// Tags that say nothing about the model itself, or are carried by a field already.
fn noisy_tag(t: &str) -> bool {
    const EXACT: &[&str] = &[
        "endpoints_compatible",
        "autotrain_compatible",
        "has_space",
        "generated_from_trainer",
        "model-index",
        "co2_eq_emissions",
        "template:sd-lora",
        "inference_endpoints",
    ];
    const PREFIXES: &[&str] = &["region:", "license:", "dataset:", "base_model:", "arxiv:", "doi:", "deploy:", "endpoints:"];
    EXACT.contains(&t) || PREFIXES.iter().any(|p| t.starts_with(p))
}

fn keywords(cx: &Ctx, inst: &mut ModelInstance) {
    let mut out: Vec<String> = Vec::new();
    let push = |k: String, out: &mut Vec<String>| {
        if !k.is_empty() && k.len() <= 100 && !out.contains(&k) && out.len() < 200 {
            out.push(k);
        }
    };
    for t in &cx.tags {
        let t = t.trim().to_lowercase();
        if noisy_tag(&t) || (t.len() <= 3 && inst.facts.languages.contains(&t)) {
            continue;
        }
        push(t, &mut out);
    }
    // Id aliases: the name alone, and the name as words ("whisper large v3").
    if let Some(name) = cx.record.id.rsplit('/').next() {
        let name = name.trim().to_lowercase();
        let words = name.replace(['-', '_', '.'], " ");
        push(name.clone(), &mut out);
        if words != name {
            push(clean::collapse_ws(&words), &mut out);
        }
    }
    inst.keywords = out;
}

/// Share of six key aspects a card documents: description, uses, limitations/bias, training
/// data, evaluation, how to use. 0 without card text.
fn card_quality(cx: &Ctx, inst: &ModelInstance) -> f32 {
    if !cx.card.has_text {
        return 0.0;
    }
    let doc = &cx.card.doc;
    let card_sourced = |f: Field| matches!(inst.source_of(f), Some(Source::CardSection | Source::CardText | Source::FrontMatter));
    let description = cx.description.as_ref().is_some_and(|(_, _, weak)| !weak);
    let uses = doc.best_prose(Kind::Uses, 200, |_| 0).is_some();
    let limits = card_sourced(Field::Limitations) || card_sourced(Field::Biases);
    let data =
        doc.best_prose(Kind::TrainingData, 200, |_| 0).is_some() || cx.card.fm.get("datasets").is_some_and(|v| !fm_list(v).is_empty());
    let eval = card_sourced(Field::Evaluation);
    let how = doc.sections_of(Kind::HowToUse, |_| 0).into_iter().any(|i| doc.section_blocks(i).next().is_some())
        || doc.blocks.iter().any(|b| b.kind == BlockKind::Code);
    let present = [description, uses, limits, data, eval, how].iter().filter(|&&x| x).count();
    present as f32 / 6.0
}
